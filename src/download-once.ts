/**
 * A part of an element downloaded on first use (`import()` of a chunk), once: every caller waits
 * for the same download, and a failed one is tried again the next time the part is asked for.
 * The sign-in's on-demand part (`load-on-demand.ts`) and `<clerk-mfa-setup>`'s parts
 * (`setup/load-setup-parts.ts`) are each one of these.
 */
export interface DownloadedPart<T> {
  /** The part, once it has downloaded: what a view draws with at once. */
  readonly loaded: T | undefined;
  /** Downloads the part (once; again after a failure). */
  load(): Promise<T>;
}

export function downloadOnce<T>(download: () => Promise<T>): DownloadedPart<T> {
  let loading: Promise<T> | undefined;
  const part: { loaded: T | undefined; load(): Promise<T> } = {
    loaded: undefined,
    load: () =>
      (loading ??= download().then(
        (module) => (part.loaded = module),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
  };
  return part;
}
