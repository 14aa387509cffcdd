/**
 * Downloads `on-demand.ts` once, the first time something in it is needed (its English joins the
 * sign-in's from then on, `sign-in-strings.ts`). A failed download is tried again the next time
 * something asks.
 */

export type OnDemand = typeof import('./on-demand.js');

let loading: Promise<OnDemand> | undefined;
let loaded: OnDemand | undefined;

export function loadOnDemand(): Promise<OnDemand> {
  loading ??= import('./on-demand.js').then(
    (parts) => (loaded = parts),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The parts, once they have loaded: what a view draws with at once. */
export function loadedOnDemand(): OnDemand | undefined {
  return loaded;
}
