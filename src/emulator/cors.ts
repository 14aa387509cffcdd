/** Cross-origin answers: a page on another origin reads the Frontend API with credentials (clerk-js sends no preflight, but others may). */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Lets the page's origin read the answer, cookies included. */
export function corsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Clerk-Db-Jwt');
}

/** Answers an `OPTIONS` preflight. */
export function preflight(req: IncomingMessage, res: ServerResponse): void {
  res.statusCode = 204;
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', String(req.headers['access-control-request-headers'] ?? 'content-type'));
  res.setHeader('Access-Control-Max-Age', '600');
  res.end();
}
