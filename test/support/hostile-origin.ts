/**
 * A page on another origin than the test server's, for web-test-runner: `http://localhost:<another
 * port>`, the same site (the browser sends localhost's cookies to every port) but another origin,
 * as an attacker's page open on a developer's machine would be. It serves
 * `test/integration/hostile-origin/page.html` at `/` and says at `/cookie` whether the browser
 * sent it the emulator's `__client` cookie; tests find its URL at `/__hostile-origin` on the test
 * server.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE = new URL('../integration/hostile-origin/page.html', import.meta.url);

export function hostileOrigin() {
  let server: Server | null = null;
  let url = '';
  return {
    name: 'hostile-origin',
    async serverStart() {
      server = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/cookie') {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ cookie: /(^|;\s*)__client=/.test(req.headers.cookie ?? '') }));
        } else if (path === '/') {
          readFile(PAGE).then((page) => {
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.end(page);
          });
        } else {
          res.statusCode = 404;
          res.end();
        }
      });
      await new Promise<void>((resolve) => server!.listen(0, 'localhost', resolve));
      url = `http://localhost:${(server.address() as AddressInfo).port}`;
    },
    async serverStop() {
      await new Promise((resolve) => server?.close(resolve));
    },
    serve(context: { path: string }) {
      return context.path === '/__hostile-origin' ? { body: JSON.stringify({ url }), type: 'json' } : undefined;
    },
  };
}
