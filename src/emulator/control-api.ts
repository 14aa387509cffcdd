/**
 * The test controls, which exist only in the emulator, never in Clerk (`/_emulator/*` below the
 * mount): the inbox of codes "sent", the request log, users, reset, limits, faults and the age of
 * a session's last verification. JSON in,
 * JSON out; an error thrown here is answered by the emulator's one error response.
 *
 * They hold codes and can change any user, so only a test may use them, never a web page the
 * developer happens to visit: every control, reads included, needs the `X-Clerk-Emulator: 1`
 * header (and a body, when there is one, sent as `application/json`). A page on another origin
 * cannot send that header without a CORS preflight, and the controls answer no CORS at all;
 * a page on a foreign host is refused before (`hosts.ts`).
 */
import { errors } from './errors.js';
import type { FaultInjector } from './faults.js';
import { reply } from './http.js';
import { Limits } from './limits.js';
import { type Endpoint, type IncomingRequest, isJson, jsonObjectOf } from './request.js';
import type { Params } from './router.js';
import { factorVerificationAge } from './serializers/session.js';
import type { Store } from './store.js';
import { checkTemplates, type TokenTemplate } from './token-templates.js';
import type { EmulatorUser, RequestLogEntry } from './types.js';

export interface Controls {
  store: Store;
  limits: Limits;
  faults: FaultInjector;
  /** The JWT templates in force, by name. */
  templates: Map<string, TokenTemplate>;
  addUsers(users: EmulatorUser[]): Promise<void>;
  exportUsers(): Promise<EmulatorUser[]>;
  requests(): RequestLogEntry[];
  reset(): void;
  /** The emulator's clock, in milliseconds. */
  now(): number;
}

type ControlHandler = (body: Record<string, unknown>, params: Params) => unknown;

export interface ControlRoute {
  method: string;
  path: string;
  endpoint: Endpoint;
}

/** The header every control request carries; a custom header, so no other origin can send it without a preflight. */
export const CONTROL_HEADER = 'X-Clerk-Emulator';

/** Refuses what a test would never send: no control header, a page's foreign origin, a body that is not JSON. */
function assertFromTest(request: IncomingRequest): void {
  if (request.req.headers[CONTROL_HEADER.toLowerCase()] !== '1') throw errors.controlHeaderMissing(CONTROL_HEADER);
  if (!request.origin.allowed) throw errors.originInvalid(request.origin.sent ?? '');
  if ((request.method === 'POST' || request.body.length > 0) && !isJson(request)) throw errors.notJson();
}

/** A control, answered only once `assertFromTest` passes. */
function endpoint(handler: ControlHandler): Endpoint {
  return async (request, params) => {
    assertFromTest(request);
    const body = request.method === 'POST' ? jsonObjectOf(request) : {};
    reply(request.res, 200, await handler(body, params));
  };
}

/** Adds every user or none: the whole list is checked before any is stored (`user-input.ts`). */
async function addUsers(controls: Controls, body: Record<string, unknown>) {
  if (!Array.isArray(body.users)) throw errors.paramMissing('users');
  const users = body.users as EmulatorUser[];
  await controls.addUsers(users);
  return { users: users.map((user) => ({ email: user.email.trim().toLowerCase() })) };
}

/** Replaces the limits set here before; each must be a known limit and a non-negative number. */
function setLimits(controls: Controls, body: Record<string, unknown>) {
  return { limits: controls.limits.override(Limits.parse(body)) };
}

/**
 * Makes a session's last verification `minutes` older (its first factor's, and its second's when
 * it has one), as if that time had passed: a test reaches a stale session without waiting.
 */
function ageSession(controls: Controls, id: string, body: Record<string, unknown>) {
  const session = controls.store.sessions.get(id);
  if (!session) throw errors.notFound('session');
  const { minutes } = body;
  if (minutes === undefined) throw errors.paramMissing('minutes');
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) throw errors.paramInvalid('minutes', 'minutes must be a non-negative number.');
  session.firstFactorAt -= minutes * 60_000;
  if (session.secondFactorAt !== null) session.secondFactorAt -= minutes * 60_000;
  return { session: { id, factor_verification_age: factorVerificationAge(session, controls.now()) } };
}

/** Adds (or replaces) the templates given, all or none: each is checked first. */
function setTemplates(controls: Controls, body: Record<string, unknown>) {
  if (body.templates === undefined) throw errors.paramMissing('templates');
  for (const [name, template] of checkTemplates(body.templates, 'templates')) controls.templates.set(name, template);
  return { templates: Object.fromEntries(controls.templates) };
}

function clearFault(controls: Controls, id: string) {
  if (controls.faults.clear(id) === 0) throw errors.notFound('fault');
  return { faults: controls.faults.list() };
}

/**
 * `path` is below the mount, like every route's. Every control is built by `endpoint()`. A page
 * for people to read in a browser tab (which sends no custom header) is the one route that would
 * be built otherwise, listed here: GET only, HTML, no CORS, nothing it shows readable by a script
 * on another origin.
 */
export function controlRoutes(controls: Controls, path = '/_emulator'): ControlRoute[] {
  const { faults, store } = controls;
  const route = (method: string, below: string, handler: ControlHandler): ControlRoute => ({ method, path: path + below, endpoint: endpoint(handler) });
  return [
    route('GET', '/messages', () => ({ messages: store.inbox })),
    route('GET', '/requests', () => ({ requests: controls.requests() })),
    route('GET', '/users', async () => ({ users: await controls.exportUsers() })),
    route('POST', '/users', (body) => addUsers(controls, body)),
    route('POST', '/reset', () => {
      controls.reset();
      return { ok: true };
    }),
    route('GET', '/limits', () => ({ limits: controls.limits.current() })),
    route('POST', '/limits', (body) => setLimits(controls, body)),
    route('GET', '/faults', () => ({ faults: faults.list() })),
    route('POST', '/faults', (body) => {
      if (!Array.isArray(body.faults)) throw errors.paramMissing('faults');
      return { faults: faults.add(body.faults) };
    }),
    route('DELETE', '/faults', () => {
      faults.clear();
      return { faults: [] };
    }),
    route('DELETE', '/faults/:id', (_body, params) => clearFault(controls, params.id!)),
    route('POST', '/sessions/:id/age', (body, params) => ageSession(controls, params.id!, body)),
    route('GET', '/token_templates', () => ({ templates: Object.fromEntries(controls.templates) })),
    route('POST', '/token_templates', (body) => setTemplates(controls, body)),
  ];
}
