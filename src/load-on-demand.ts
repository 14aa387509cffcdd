/**
 * Downloads `on-demand.ts` once, the first time something in it is needed, and adds its English
 * to the element's. A failed download is tried again the next time something asks.
 */
import { addEnglish } from './localization.js';

export type OnDemand = typeof import('./on-demand.js');

let loading: Promise<OnDemand> | undefined;
let loaded: OnDemand | undefined;

export function loadOnDemand(): Promise<OnDemand> {
  loading ??= import('./on-demand.js').then(
    (parts) => {
      addEnglish(parts.strings);
      return (loaded = parts);
    },
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
