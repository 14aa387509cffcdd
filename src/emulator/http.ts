/** HTTP plumbing: request bodies, JSON replies, cookies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse, errors } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads the whole body, refusing more than MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw errors.bodyTooLarge(MAX_BODY_BYTES);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw errors.bodyTooLarge(MAX_BODY_BYTES);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Form parameters, one text value each. A parameter sent as a list or an object (a repeated form
 * key, a JSON array or object) is kept out, and reading it as text is refused with 422
 * `form_param_format_invalid` naming it: only the parameters a handler reads can be at fault.
 */
export class FormParams extends Map<string, string> {
  readonly #structured = new Set<string>();

  /** Records that `name` came as a list or an object. */
  markStructured(name: string): void {
    super.delete(name);
    this.#structured.add(name);
  }

  override get(name: string): string | undefined {
    if (this.#structured.has(name)) throw errors.paramNotText(name);
    return super.get(name);
  }
}

/** Strict application/x-www-form-urlencoded parsing: malformed percent-escapes are an error, a repeated key is a list. */
export function parseForm(text: string): FormParams {
  const params = new FormParams();
  const seen = new Set<string>();
  if (text === '') return params;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw errors.malformed('The request body is not valid application/x-www-form-urlencoded.');
    }
    if (seen.has(key)) params.markStructured(key);
    else params.set(key, value);
    seen.add(key);
  }
  return params;
}

/** Deeper JSON is refused: nothing the emulator reads nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests at most `max` arrays or objects deep, found without recursion (a 64 KB body can nest 32,000 deep). */
function nestsAtMost(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return true;
}

export function parseJson(buffer: Buffer): unknown {
  if (buffer.length === 0) return {};
  let json: unknown;
  try {
    json = JSON.parse(buffer.toString('utf8'));
  } catch {
    throw errors.malformed('The request body is not valid JSON.');
  }
  if (!nestsAtMost(json, MAX_JSON_DEPTH)) throw errors.malformed(`The request body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`);
  return json;
}

/**
 * JSON with `<`, `>`, `&` and the JavaScript line separators escaped (`\u003c`...): the same
 * value to any JSON parser, but input echoed back (a name, an identifier) can never read as
 * markup, even where a response ends up in HTML.
 */
export function safeJson(body: unknown): string {
  return JSON.stringify(body).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = safeJson(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** Sends a JSON answer, or drops the connection when an answer has already begun (a fault, a stream). */
export function reply(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, body, headers);
}

/** What a handler returns to answer with a redirect (307) instead of JSON, with the cookies it sets. */
export class Redirect {
  constructor(
    readonly location: string,
    readonly cookies: readonly string[] = [],
  ) {}
}

export function sendRedirect(res: ServerResponse, redirect: Redirect): void {
  for (const value of redirect.cookies) appendHeader(res, 'Set-Cookie', value);
  res.statusCode = 307;
  res.setHeader('Location', redirect.location);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', 0);
  res.end();
}

/** Answers with `errorResponse(error)`: Clerk's error shape. */
export function sendError(res: ServerResponse, error: unknown, report?: (message: string) => void): void {
  // A request refused before it was read whole (a foreign host or origin): the rest is dropped
  // and the connection closed after the answer, never reused half-read.
  if (res.req && !res.req.complete) {
    res.shouldKeepAlive = false;
    res.req.resume();
  }
  const { status, body, headers } = errorResponse(error, report);
  reply(res, status, body, headers);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export function appendHeader(res: ServerResponse, name: string, value: string): void {
  const existing = res.getHeader(name);
  if (existing === undefined) res.setHeader(name, [value]);
  else res.setHeader(name, [...(Array.isArray(existing) ? existing : [String(existing)]), value]);
}

/** The peer address, used for the loose per-IP limit. */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
