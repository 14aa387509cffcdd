/** An incoming request as every handler sees it: its path below the mount, the method it stands for, its body. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestOrigin } from './cors.js';
import { errors } from './errors.js';
import { FormParams, parseForm, parseJson, readBody } from './http.js';
import { effectiveMethod, type Params } from './router.js';

export interface IncomingRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Below the mount, without the query: `/v1/client/sign_ins`. */
  path: string;
  /** The effective method (after `_method`), upper case. */
  method: string;
  body: Buffer;
  /** The page's origin, and whether it may use the Frontend API (`cors.ts`). */
  origin: RequestOrigin;
}

function declaresJson(req: IncomingMessage): boolean {
  return String(req.headers['content-type'] ?? '').includes('json');
}

/** Whether the body is declared as exactly `application/json` (parameters such as charset aside). */
export function isJson(request: IncomingRequest): boolean {
  return /^application\/json\s*(;|$)/i.test(String(request.req.headers['content-type'] ?? ''));
}

export async function readRequest(req: IncomingMessage, res: ServerResponse, mount: string, origin: RequestOrigin): Promise<IncomingRequest> {
  const target = req.url ?? '/';
  let url: URL;
  try {
    url = new URL(target, 'http://emulator.invalid');
  } catch {
    throw errors.malformed('The request URL is malformed.');
  }
  const path = (target.split('?')[0] ?? '/').slice(mount.length) || '/';
  const sent = (req.method ?? 'GET').toUpperCase();
  const body = sent === 'GET' || sent === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
  const method = effectiveMethod(sent, url.searchParams, () => (declaresJson(req) ? null : new URLSearchParams(body.toString('utf8'))));
  return { req, res, url, path, method, body, origin };
}

/**
 * The body as Frontend API parameters: form-urlencoded as clerk-js sends it, or a JSON object
 * (numbers and booleans as text, nulls left out, lists and objects refused where text is read).
 */
export function formOf(request: IncomingRequest): FormParams {
  if (request.body.length === 0) return new FormParams();
  if (!declaresJson(request.req)) return parseForm(request.body.toString('utf8'));
  const json = parseJson(request.body);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw errors.malformed('The request body must be an object.');
  const params = new FormParams();
  for (const [name, value] of Object.entries(json)) {
    if (value !== null && typeof value === 'object') params.markStructured(name);
    else if (value !== null && value !== undefined) params.set(name, String(value));
  }
  return params;
}

/** The body of a test control: a JSON object, `{}` when empty or not an object. */
export function jsonObjectOf(request: IncomingRequest): Record<string, unknown> {
  const json = parseJson(request.body);
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

/** What the router finds for a request: it answers it, whatever the outcome. */
export type Endpoint = (request: IncomingRequest, params: Params) => Promise<void>;
