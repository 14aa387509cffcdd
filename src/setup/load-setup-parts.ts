/**
 * The parts of `<clerk-mfa-setup>` downloaded on first use, each once: the views a visit may never
 * show (`setup-views.ts`), and the enrolment (`setup-enrolment.ts`), which only adding an
 * authenticator app or a number needs. A failed download is tried again the next time the part
 * is asked for. Built in; neither part imports anything of the built-in code but types.
 */
export type SetupViewsPart = typeof import('./setup-views.js');
export type SetupEnrolmentPart = typeof import('./setup-enrolment.js');

export interface SetupPart<T> {
  /** The part, once it has downloaded: what a view draws with at once. */
  readonly loaded: T | undefined;
  /** Downloads the part (once; again after a failure). */
  load(): Promise<T>;
}

function part<T>(download: () => Promise<T>): SetupPart<T> {
  let loading: Promise<T> | undefined;
  let loaded: T | undefined;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      loading ??= download().then(
        (module) => (loaded = module),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}

export const setupViewsPart: SetupPart<SetupViewsPart> = part(() => import('./setup-views.js'));
export const enrolmentPart: SetupPart<SetupEnrolmentPart> = part(() => import('./setup-enrolment.js'));

/** Starts the enrolment's download before it is needed (a pointer over "Add", or focus on it); a failure waits for the click. */
export function prefetchEnrolment(): void {
  enrolmentPart.load().catch(() => {});
}
