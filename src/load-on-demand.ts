/**
 * Downloads `on-demand.ts` once, the first time something in it is needed (its English joins the
 * sign-in's from then on, `sign-in-strings.ts`). A failed download is tried again the next time
 * something asks.
 */
import { downloadOnce } from './download-once.js';

export type OnDemand = typeof import('./on-demand.js');

const onDemand = downloadOnce(() => import('./on-demand.js'));

export function loadOnDemand(): Promise<OnDemand> {
  return onDemand.load();
}

/** The parts, once they have loaded: what a view draws with at once. */
export function loadedOnDemand(): OnDemand | undefined {
  return onDemand.loaded;
}
