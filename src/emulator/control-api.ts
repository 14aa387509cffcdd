/**
 * The test controls, which exist only in the emulator, never in Clerk (`/_emulator/*` below the
 * mount): the inbox of codes "sent", the request log, users, reset, limits and faults. JSON in,
 * JSON out; an error thrown here is answered by the emulator's one error response.
 */
import { errors } from './errors.js';
import type { FaultInjector } from './faults.js';
import { reply } from './http.js';
import { Limits } from './limits.js';
import { type Endpoint, jsonObjectOf } from './request.js';
import type { Params } from './router.js';
import type { Store } from './store.js';
import type { EmulatorLimits, EmulatorUser, RequestLogEntry } from './types.js';

export interface Controls {
  store: Store;
  limits: Limits;
  faults: FaultInjector;
  addUsers(users: EmulatorUser[]): Promise<void>;
  requests(): RequestLogEntry[];
  reset(): void;
}

type ControlHandler = (body: Record<string, unknown>, params: Params) => unknown;

export interface ControlRoute {
  method: string;
  path: string;
  endpoint: Endpoint;
}

function endpoint(handler: ControlHandler): Endpoint {
  return async (request, params) => {
    const body = request.method === 'POST' ? jsonObjectOf(request) : {};
    reply(request.res, 200, await handler(body, params));
  };
}

async function addUsers(controls: Controls, body: Record<string, unknown>) {
  if (!Array.isArray(body.users)) throw errors.paramMissing('users');
  const users = body.users as EmulatorUser[];
  try {
    await controls.addUsers(users);
  } catch (error) {
    throw errors.paramInvalid('users', error instanceof Error ? error.message : 'invalid users');
  }
  return { users: users.map((user) => ({ email: user.email.toLowerCase() })) };
}

/** Replaces the limits set here before; each must be a known limit and a non-negative number. */
function setLimits(controls: Controls, body: Record<string, unknown>) {
  const next: Partial<EmulatorLimits> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!Limits.isName(name)) throw errors.paramInvalid(name, `${name} is not a limit`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw errors.paramInvalid(name, `${name} must be a non-negative number`);
    next[name] = value;
  }
  return { limits: controls.limits.override(next) };
}

function clearFault(controls: Controls, id: string) {
  if (controls.faults.clear(id) === 0) throw errors.notFound('fault');
  return { faults: controls.faults.list() };
}

/** `path` is below the mount, like every route's. */
export function controlRoutes(controls: Controls, path = '/_emulator'): ControlRoute[] {
  const { faults, store } = controls;
  const route = (method: string, below: string, handler: ControlHandler): ControlRoute => ({ method, path: path + below, endpoint: endpoint(handler) });
  return [
    route('GET', '/messages', () => ({ messages: store.inbox })),
    route('GET', '/requests', () => ({ requests: controls.requests() })),
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
  ];
}
