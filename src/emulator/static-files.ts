/**
 * Serves files from a directory without ever leaving it: clerk-js builds and the CLI's --static
 * dir. A file is served only when its real path (symbolic links resolved) is inside the folder's
 * real path, and never a dotfile or anything below a dot-folder (`.env`, `.git/HEAD`).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
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

/** Whether `path` is `base` or below it, with no dot-named file or folder on the way. */
function isInside(base: string, path: string): boolean {
  if (path === base) return true;
  return path.startsWith(base + sep) && !path.slice(base.length + 1).split(sep).some((segment) => segment.startsWith('.'));
}

/**
 * Resolves a URL path (still percent-encoded, relative to `root`) to a path inside `root`, or
 * throws a 4xx ApiError. Refuses every segment that starts with a dot (`.`, `..`, `.env`),
 * encoded slashes, backslashes and NUL.
 */
export function resolveInside(root: string, encodedPath: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    throw errors.malformed('The path is not validly percent-encoded.');
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.') || segment.includes('\\') || segment.includes('\0')) || /%2f|%5c/i.test(encodedPath)) {
    throw errors.notFound('file');
  }
  const base = resolve(root);
  const full = resolve(join(base, ...segments));
  if (!isInside(base, full)) throw errors.notFound('file');
  return full;
}

/** The file `encodedPath` names below `root` (a folder's `index.html`), by its real path, which must be inside the real `root`. */
async function fileInside(root: string, encodedPath: string): Promise<{ file: string; size: number; mtimeMs: number }> {
  const base = await realpath(root).catch(() => null);
  if (!base) throw errors.notFound('file');
  const real = async (path: string) => {
    const found = await realpath(path).catch(() => null);
    return found && isInside(base, found) ? { file: found, info: await stat(found).catch(() => null) } : null;
  };
  let found = await real(resolveInside(base, encodedPath));
  if (found?.info?.isDirectory()) found = await real(join(found.file, 'index.html'));
  const { file, info } = found ?? {};
  if (!file || !info || !info.isFile()) throw errors.notFound('file');
  return { file, size: info.size, mtimeMs: info.mtimeMs };
}

export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  encodedPath: string,
  cacheControl: (file: string) => string,
): Promise<void> {
  const { file, ...info } = await fileInside(root, encodedPath);
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
