/**
 * The one mechanism that finds the handler of a request, for every path below the mount: the
 * Frontend API, the dev browser, the clerk-js files and the test controls alike. Unknown paths
 * (404) and methods (405) are decided here and nowhere else.
 */
import { type ApiError, errors } from './errors.js';

export type Params = Record<string, string>;

export interface Resolved<H> {
  handler: H;
  params: Params;
}

interface Route<H> {
  path: string;
  pattern: RegExp;
  /** The name of a trailing `*name` segment, whose value is left percent-encoded. */
  rest: string | null;
  handlers: Map<string, H>;
}


export class Router<H> {
  readonly #routes: Route<H>[] = [];

  /** @param miss what answers a request no route takes, given the error to answer with (404, 405, 400) */
  constructor(private readonly miss: (error: ApiError) => H) {}

  /**
   * `path` has literal segments, `:name` for one segment (decoded into `params.name`) and may end
   * in `*name` for the rest of the path (left percent-encoded: file paths are checked as sent).
   */
  add(methods: string | readonly string[], path: string, handler: H): this {
    const segments = path.split('/');
    const last = segments.at(-1)!;
    const rest = last.startsWith('*') ? last.slice(1) : null;
    const source = segments
      .map((segment, index) => {
        if (rest !== null && index === segments.length - 1) return `(?<${rest}>.+)`;
        if (segment.startsWith(':')) return `(?<${segment.slice(1)}>[^/]+)`;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    let route = this.#routes.find((known) => known.path === path);
    if (!route) this.#routes.push((route = { path, pattern: new RegExp(`^${source}$`), rest, handlers: new Map() }));
    for (const method of typeof methods === 'string' ? [methods] : methods) route.handlers.set(method, handler);
    return this;
  }

  resolve(method: string, path: string): Resolved<H> {
    for (const route of this.#routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const handler = route.handlers.get(method);
      if (!handler) return { handler: this.miss(errors.methodNotAllowed(method)), params: {} };
      const params: Params = {};
      try {
        for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = name === route.rest ? value : decodeURIComponent(value);
      } catch {
        return { handler: this.miss(errors.malformed('The path is not validly percent-encoded.')), params: {} };
      }
      return { handler, params };
    }
    return { handler: this.miss(errors.notFound('endpoint')), params: {} };
  }
}

/**
 * The method a request stands for: clerk-js sends PATCH and DELETE as `POST ...?_method=PATCH`;
 * Rails-style clients put `_method` in a form body instead.
 */
export function effectiveMethod(method: string, query: URLSearchParams, form: () => URLSearchParams | null): string {
  const upper = method.toUpperCase();
  if (upper !== 'POST') return upper;
  const override = query.get('_method') ?? form()?.get('_method');
  return override ? override.toUpperCase() : upper;
}
