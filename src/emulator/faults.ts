/**
 * Fault injection: makes chosen Frontend API requests slow, fail or never answer, so tests can
 * prove that a page survives a flaky network. Rules are matched by method and path pattern,
 * used up after `times` matches, and optionally scoped to one user or client so parallel tests
 * do not disturb each other. Programmatic (`faults` option, `emulator.setFaults()`) and over
 * HTTP (the `faults` test control).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errors } from './errors.js';

export const FAULT_KINDS = ['delay', 'server-error', 'bad-gateway', 'rate-limit', 'reset', 'malformed-json', 'hang'] as const;

/**
 * - `delay`: answers normally after `ms` milliseconds.
 * - `server-error`: HTTP `status` (500) with Clerk's `internal_clerk_error` body.
 * - `bad-gateway`: HTTP `status` (502) with an HTML page, as a proxy in front of Clerk sends.
 * - `rate-limit`: HTTP 429 `too_many_requests` with `Retry-After: retryAfter` (1 s).
 * - `reset`: the connection is reset without an answer.
 * - `malformed-json`: HTTP `status` (200), `Content-Type: application/json`, a cut-off body.
 * - `hang`: no answer until the client gives up, the fault is cleared or the emulator resets.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which requests a fault is limited to; every field given must match. */
export interface FaultScope {
  /**
   * A user's email, case-insensitive: matches a request whose body names it as `identifier`,
   * or that comes from a client whose current sign-in or session belongs to that user.
   */
  identifier?: string;
  /** The `__client` cookie value or the dev browser token (`__clerk_db_jwt`) of the client. */
  client?: string;
  /**
   * A substring of the `Referer` header. In a browser, same-origin requests carry the page's
   * full URL, so a test page can scope faults to itself (e.g. with its own `location.href`).
   */
  referer?: string;
}

export interface FaultRule {
  /**
   * `METHOD /path` below `/__clerk`, e.g. `POST /v1/client/sign_ins` or
   * `POST /v1/client/sign_ins/* /attempt_second_factor` (without the space): `*` is one path
   * segment, a trailing `**` any rest. The method is the effective one (after `_method`);
   * `*` or no method matches any.
   */
  match: string;
  kind: FaultKind;
  /** Milliseconds to wait before the fault (for `delay`, before the normal answer). */
  ms?: number;
  /** HTTP status for `server-error` (500-599), `bad-gateway` (500-599), `malformed-json` (200-599). */
  status?: number;
  /** Seconds in `Retry-After` for `rate-limit`. */
  retryAfter?: number;
  /** Matching requests the fault applies to; afterwards requests succeed again. Unlimited when omitted. */
  times?: number;
  scope?: FaultScope;
}

/** A fault in force, as listed by `emulator.faults()` and `GET /__clerk/_emulator/faults`. */
export interface FaultStatus extends FaultRule {
  id: string;
  /** Matches left, or null when unlimited. */
  remaining: number | null;
  /** Requests this fault has been applied to. */
  hits: number;
}

/** What a request is about, computed only when a scoped rule needs it. */
export interface FaultSubject {
  /** Lower-cased emails of the users the request concerns. */
  identifiers: string[];
  clientKey: string | null;
  referer: string;
}

interface ActiveFault {
  status: FaultStatus;
  method: string | null;
  pattern: RegExp;
}

const MAX_DELAY_MS = 10 * 60 * 1000;

const BAD_GATEWAY_HTML =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

const CUT_OFF_JSON = '{"response":{"object":"sign_in_attempt","id":"sia_';

function invalid(param: string, detail: string): never {
  throw errors.paramInvalid(param, detail);
}

/** The method (null: any) and the path of a rule's `match`, checked. */
function parseMatch(match: unknown): { method: string | null; path: string } {
  if (typeof match !== 'string') invalid('match', 'match must be a string like "POST /v1/client/sign_ins".');
  const parts = match.trim().split(/\s+/);
  if (parts.length > 2 || parts.length === 0) invalid('match', 'match must be "METHOD /path" or "/path".');
  const path = parts.at(-1)!;
  const method = parts.length === 2 && parts[0] !== '*' ? parts[0]!.toUpperCase() : null;
  if (method !== null && !/^[A-Z]+$/.test(method)) invalid('match', `${method} is not an HTTP method.`);
  if (!path.startsWith('/')) invalid('match', 'The path of match must start with "/".');
  return { method, path };
}

/** A rule's path as a pattern over paths below the mount (a rule may name the mount too). */
function pathPattern(path: string, mount: string): RegExp {
  const relative = path.startsWith(`${mount}/`) ? path.slice(mount.length) : path;
  const source = relative
    .split('/')
    .map((segment, index, all) => {
      if (segment === '**' && index === all.length - 1) return '.*';
      if (segment === '*') return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

function optionalNumber(rule: Record<string, unknown>, name: string, min: number, max: number, integer: boolean): number | undefined {
  const value = rule[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    invalid(name, `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}.`);
  }
  return value;
}

/** Validates a rule from code or from an HTTP request; throws a Clerk-shaped 422 on a bad rule. */
export function normalizeFault(input: unknown): FaultRule {
  if (!input || typeof input !== 'object' || Array.isArray(input)) invalid('faults', 'Each fault must be an object.');
  const rule = input as Record<string, unknown>;
  parseMatch(rule.match);
  if (!FAULT_KINDS.includes(rule.kind as FaultKind)) invalid('kind', `kind must be one of ${FAULT_KINDS.join(', ')}.`);
  const kind = rule.kind as FaultKind;
  const out: FaultRule = { match: String(rule.match).trim(), kind };
  const ms = optionalNumber(rule, 'ms', 0, MAX_DELAY_MS, false);
  if (ms !== undefined) out.ms = ms;
  const minStatus = kind === 'malformed-json' ? 200 : 500;
  const status = optionalNumber(rule, 'status', minStatus, 599, true);
  if (status !== undefined) {
    if (kind !== 'server-error' && kind !== 'bad-gateway' && kind !== 'malformed-json') invalid('status', `status does not apply to ${kind}.`);
    out.status = status;
  }
  const retryAfter = optionalNumber(rule, 'retryAfter', 0, 86_400, true);
  if (retryAfter !== undefined) {
    if (kind !== 'rate-limit') invalid('retryAfter', `retryAfter does not apply to ${kind}.`);
    out.retryAfter = retryAfter;
  }
  const times = optionalNumber(rule, 'times', 1, Number.MAX_SAFE_INTEGER, true);
  if (times !== undefined) out.times = times;
  if (rule.scope !== undefined && rule.scope !== null) {
    if (typeof rule.scope !== 'object' || Array.isArray(rule.scope)) invalid('scope', 'scope must be an object.');
    const scope: FaultScope = {};
    for (const [name, value] of Object.entries(rule.scope as Record<string, unknown>)) {
      if (name !== 'identifier' && name !== 'client' && name !== 'referer') invalid('scope', `${name} is not a scope; use identifier, client or referer.`);
      if (typeof value !== 'string' || value === '') invalid('scope', `scope.${name} must be a non-empty string.`);
      scope[name] = name === 'identifier' ? value.trim().toLowerCase() : value;
    }
    if (Object.keys(scope).length > 0) out.scope = scope;
  }
  return out;
}

function copy(status: FaultStatus): FaultStatus {
  return { ...status, ...(status.scope ? { scope: { ...status.scope } } : {}) };
}

/** How the emulator answers a faulted request that still gets a JSON body (logged and observed like any other). */
export type JsonResponder = (status: number, body: unknown, headers?: Record<string, string>) => void;

/** A body sent as it is, bypassing the JSON responder: what a broken proxy or server would send. */
function sendRaw(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

export class FaultInjector {
  #faults: ActiveFault[] = [];
  /** Where the emulator is mounted (`/__clerk`): rules may name it in their path. */
  readonly #mount: string;
  #nextId = 1;
  /** Sockets of hung requests and their fault, released (destroyed) when that fault or every fault is cleared. */
  #hung = new Map<Socket, string>();

  constructor(mount: string) {
    this.#mount = mount;
  }

  add(rules: readonly unknown[]): FaultStatus[] {
    if (!Array.isArray(rules)) invalid('faults', 'faults must be an array.');
    const added = rules.map((input) => {
      const rule = normalizeFault(input);
      const { method, path } = parseMatch(rule.match);
      const pattern = pathPattern(path, this.#mount);
      const status: FaultStatus = { id: `flt_${this.#nextId++}`, ...rule, remaining: rule.times ?? null, hits: 0 };
      return { status, method, pattern };
    });
    this.#faults.push(...added);
    return added.map((fault) => copy(fault.status));
  }

  /** Replaces every fault (and releases hung requests). */
  set(rules: readonly unknown[]): FaultStatus[] {
    const checked = Array.isArray(rules) ? rules.map(normalizeFault) : invalid('faults', 'faults must be an array.');
    this.clear();
    return this.add(checked);
  }

  /** Removes one fault or all of them, releasing the requests they hung; returns how many were removed. */
  clear(id?: string): number {
    if (id !== undefined) {
      const before = this.#faults.length;
      this.#faults = this.#faults.filter((fault) => fault.status.id !== id);
      for (const [socket, faultId] of this.#hung) if (faultId === id) socket.destroy();
      return before - this.#faults.length;
    }
    const removed = this.#faults.length;
    this.#faults = [];
    for (const socket of this.#hung.keys()) socket.destroy();
    this.#hung.clear();
    return removed;
  }

  list(): FaultStatus[] {
    return this.#faults.map((fault) => copy(fault.status));
  }

  /** The first fault matching the request, with one of its uses taken; null when none matches. */
  take(method: string, path: string, subject: () => FaultSubject): FaultStatus | null {
    if (this.#faults.length === 0) return null;
    let known: FaultSubject | null = null;
    const about = () => (known ??= subject());
    for (const fault of this.#faults) {
      if (fault.method !== null && fault.method !== method) continue;
      if (!fault.pattern.test(path)) continue;
      const scope = fault.status.scope;
      if (scope?.identifier !== undefined && !about().identifiers.includes(scope.identifier)) continue;
      if (scope?.client !== undefined && about().clientKey !== scope.client) continue;
      if (scope?.referer !== undefined && !about().referer.includes(scope.referer)) continue;
      fault.status.hits += 1;
      if (fault.status.remaining !== null) {
        fault.status.remaining -= 1;
        if (fault.status.remaining <= 0) this.#faults = this.#faults.filter((other) => other !== fault);
      }
      return copy(fault.status);
    }
    return null;
  }

  /**
   * Applies a fault taken for this request. Resolves `'continue'` when the request should then be
   * served normally (`delay`), else `'answered'` (including when nothing at all is sent).
   */
  async apply(fault: FaultStatus, req: IncomingMessage, res: ServerResponse, json: JsonResponder): Promise<'continue' | 'answered'> {
    if (fault.ms) await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (res.destroyed || res.writableEnded) return 'answered';
    switch (fault.kind) {
      case 'delay':
        return 'continue';
      case 'server-error': {
        const error = errors.internal();
        json(fault.status ?? error.status, error.toJSON());
        return 'answered';
      }
      case 'rate-limit': {
        const error = errors.tooManyRequests(fault.retryAfter ?? 1);
        json(error.status, error.toJSON(), error.headers);
        return 'answered';
      }
      case 'bad-gateway':
        sendRaw(res, fault.status ?? 502, 'text/html; charset=utf-8', BAD_GATEWAY_HTML);
        return 'answered';
      case 'malformed-json':
        sendRaw(res, fault.status ?? 200, 'application/json; charset=utf-8', CUT_OFF_JSON);
        return 'answered';
      case 'reset': {
        const socket = req.socket as Socket & { resetAndDestroy?: () => void };
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
        else socket.destroy();
        return 'answered';
      }
      case 'hang': {
        const socket = req.socket;
        this.#hung.set(socket, fault.id);
        socket.once('close', () => this.#hung.delete(socket));
        return 'answered';
      }
    }
  }
}
