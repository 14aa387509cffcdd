/**
 * The part of Clerk's Backend API the server SDKs call on their own (`/backend/v1/*` below the
 * mount, their `apiUrl`, `CLERK_API_URL`): the JWKS that verifies session tokens and handshake
 * payloads. Each request needs `Authorization: Bearer <secret key>` (`keys.ts`), as Clerk's does;
 * the answers carry no CORS headers: servers call it, not pages.
 */
import { ApiError } from './errors.js';
import { reply } from './http.js';
import { isSecretKey } from './keys.js';
import type { Endpoint, IncomingRequest } from './request.js';
import type { TokenIssuer } from './tokens.js';

export interface BackendRoute {
  method: string;
  path: string;
  endpoint: Endpoint;
}

/** The error the server SDKs recognise as a wrong `CLERK_SECRET_KEY`. */
const keyInvalid = () =>
  new ApiError(401, 'clerk_key_invalid', 'Secret Key is invalid', 'The Backend API takes the emulator\'s secret key (printed at start, emulator.secretKey()) as "Authorization: Bearer <key>".');

function assertSecretKey(request: IncomingRequest): void {
  const header = String(request.req.headers.authorization ?? '');
  const [scheme, key] = header.split(' ', 2);
  if (scheme !== 'Bearer' || !key || !isSecretKey(key)) throw keyInvalid();
}

export function backendRoutes(tokens: TokenIssuer, path = '/backend'): BackendRoute[] {
  const route = (method: string, below: string, handler: () => unknown): BackendRoute => ({
    method,
    path: path + below,
    endpoint: async (request) => {
      assertSecretKey(request);
      reply(request.res, 200, await handler());
    },
  });
  return [route('GET', '/v1/jwks', () => tokens.jwks())];
}
