/**
 * A small Express app protected by `@clerk/express`, as a user of the element writes one: the
 * page (the element, and who the server sees), `GET /api/me` answering `{ userId }` or 401, and
 * the element's CDN file. Nothing here knows about the emulator: give it your own Clerk keys, or
 * the emulator's (`server.ts`).
 */
import { clerkMiddleware, getAuth } from '@clerk/express';
import express, { type Express } from 'express';
import { fileURLToPath } from 'node:url';

export interface AppOptions {
  publishableKey: string;
  secretKey: string;
  /** Clerk's Backend API (`CLERK_API_URL`): where the SDK gets the keys that verify session tokens. */
  apiUrl: string;
  /** The Frontend API or its proxy, for clerk-js and for the SDK's handshake (`CLERK_PROXY_URL`). */
  proxyUrl: string;
}

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const cdnDir = fileURLToPath(new URL('../../dist/cdn/', import.meta.url));

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(options: AppOptions, userId: string | null): string {
  const status = userId ? `The server sees you signed in as ${userId}.` : 'The server sees you signed out.';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>clerk-mfa-sign-in with Express</title>
    <script type="module" src="/cdn/clerk-mfa-sign-in.js"></script>
    <script type="module" src="/page.js"></script>
  </head>
  <body>
    <main>
      <h1>Express + @clerk/express</h1>
      <p id="server-status">${escapeHtml(status)}</p>
      <clerk-mfa-sign-in publishable-key="${escapeHtml(options.publishableKey)}" proxy-url="${escapeHtml(options.proxyUrl)}" after-sign-in-url="/"></clerk-mfa-sign-in>
      <p>
        <button type="button" id="call-api">GET /api/me</button>
        <button type="button" id="sign-out">Sign out</button>
      </p>
      <output id="api-result" aria-live="polite"></output>
    </main>
  </body>
</html>`;
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/cdn', express.static(cdnDir));
  app.use(express.static(publicDir, { index: false }));
  app.use(clerkMiddleware(options));
  app.get('/', (req, res) => {
    res.type('html').send(page(options, getAuth(req).userId));
  });
  app.get('/api/me', (req, res) => {
    const { userId } = getAuth(req);
    if (!userId) {
      res.status(401).json({ error: 'signed out' });
      return;
    }
    res.json({ userId });
  });
  return app;
}
