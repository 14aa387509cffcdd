/** Serves files from a directory without ever leaving it: clerk-js builds and the CLI's --static dir. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep, dirname } from 'node:path';
import { errors } from './errors.js';
import type { Endpoint } from './request.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** The installed @clerk/clerk-js `dist` folder. */
function clerkJsDistDir(): string {
  const require = createRequire(import.meta.url);
  // The package's `require` export is dist/clerk.js.
  return dirname(require.resolve('@clerk/clerk-js'));
}

/** Where Clerk's SDKs load clerk-js's script build from, below the Frontend API or proxy. */
export const CLERK_JS_PATH = '/npm/@clerk/clerk-js@6/dist';

/**
 * Serves the installed clerk-js build at `CLERK_JS_PATH/*file`: versioned chunks are cached for
 * good, the rest for five minutes.
 */
export function clerkJsFiles(): Endpoint {
  let dir: string | null = null;
  return (request, params) =>
    serveFile(request.req, request.res, (dir ??= clerkJsDistDir()), params.file ?? '', (file) =>
      /_\d+\.\d+\.\d+\.js$/.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
}

/**
 * Resolves a URL path (still percent-encoded, relative to `root`) to a file inside `root`,
 * or throws a 4xx ApiError. Refuses `..`, encoded slashes, backslashes and NUL.
 */
export function resolveInside(root: string, encodedPath: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    throw errors.malformed('The path is not validly percent-encoded.');
  }
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..' || segment.includes('\\') || segment.includes('\0')) || /%2f|%5c/i.test(encodedPath)) {
    throw errors.notFound('file');
  }
  const base = resolve(root);
  const full = resolve(join(base, ...segments));
  if (full !== base && !full.startsWith(base + sep)) throw errors.notFound('file');
  return full;
}

export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  encodedPath: string,
  cacheControl: (file: string) => string,
): Promise<void> {
  let file = resolveInside(root, encodedPath);
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info || !info.isFile()) throw errors.notFound('file');
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', cacheControl(file));
  res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', info.size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(file);
    stream.on('error', fail);
    stream.on('end', () => done());
    stream.pipe(res);
  });
}
