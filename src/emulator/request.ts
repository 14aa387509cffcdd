/** An incoming request as every handler sees it: its path below the mount, the method it stands for, its body. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from './errors.js';
import { parseForm, parseJson, readBody } from './http.js';
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
}

function declaresJson(req: IncomingMessage): boolean {
  return String(req.headers['content-type'] ?? '').includes('json');
}

export async function readRequest(req: IncomingMessage, res: ServerResponse, mount: string): Promise<IncomingRequest> {
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
  return { req, res, url, path, method, body };
}

/** The body as Frontend API parameters: form-urlencoded as clerk-js sends it, or a JSON object (values as text). */
export function formOf(request: IncomingRequest): Map<string, string> {
  if (request.body.length === 0) return new Map();
  if (!declaresJson(request.req)) return parseForm(request.body.toString('utf8'));
  const json = parseJson(request.body);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw errors.malformed('The request body must be an object.');
  return new Map(
    Object.entries(json)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );
}

/** The body of a test control: JSON whatever its declared type, `{}` when empty or not an object. */
export function jsonObjectOf(request: IncomingRequest): Record<string, unknown> {
  const json = parseJson(request.body);
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

/** What the router finds for a request: it answers it, whatever the outcome. */
export type Endpoint = (request: IncomingRequest, params: Params) => Promise<void>;
