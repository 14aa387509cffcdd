/** `emulator.listen()`: a Node HTTP server for the emulator, and for a folder of static files beside it. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors } from './errors.js';
import type { HostCheck } from './hosts.js';
import { sendError } from './http.js';
import { serveFile } from './static-files.js';
import type { ListenOptions } from './types.js';

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * `handle` serves the emulator's paths (resolving false for any other), `staticDir` the rest, to
 * the names `hosts` allows (the address listened on among them); starts once `ready`.
 */
export async function listen(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
  opts: ListenOptions,
  ready: Promise<unknown>,
  hosts: HostCheck,
): Promise<{ url: string; close(): Promise<void> }> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host) && !opts.allowNonLoopback) {
    throw new Error(`refusing to listen on non-loopback address ${host}; pass allowNonLoopback (CLI: --host with --allow-non-loopback) to expose the emulator`);
  }
  await ready;
  const server = createServer((req, res) => {
    handle(req, res)
      .then(async (handled) => {
        if (handled) return;
        hosts.check(req);
        if (!opts.staticDir) throw errors.notFound('file');
        await serveFile(req, res, opts.staticDir, (req.url ?? '/').split('?')[0] ?? '/', () => 'no-cache');
      })
      .catch((error: unknown) => sendError(res, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  hosts.listeningOn(host);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
