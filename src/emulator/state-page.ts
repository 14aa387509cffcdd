/**
 * `GET /_emulator/` below the mount: a read-only page to look at in a browser tab (which sends no
 * control header): the users with their factors, the codes "sent" (newest first) and the signed-in
 * sessions. Never a password, a TOTP secret or a backup code. It is the emulator's own page:
 * behind the host check like every path, refused to a page on a foreign origin, never framed
 * (`X-Frame-Options: DENY`, `frame-ancestors 'none'`), styled by its own stylesheet under a CSP
 * without inline code, every value escaped.
 */
import { errors } from './errors.js';
import type { StoredPhoneNumber, StoredSession, StoredUser } from './records.js';
import type { Endpoint } from './request.js';
import type { Store } from './store.js';
import { describeUserAgent } from './user-agent.js';

export interface PageRoute {
  method: string[];
  path: string;
  endpoint: Endpoint;
}

const STYLES = `:root { color-scheme: light dark; font: 15px/1.45 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
p { margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); padding: .4rem .5rem; text-align: start; vertical-align: top; }
th { font-weight: 600; }
code { font: 0.95em ui-monospace, monospace; }
.code { font-size: 1.25rem; letter-spacing: .1em; }
.muted { opacity: .7; }
ul { margin: 0; padding-inline-start: 1.1rem; }`;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** Text for HTML, in content and in quoted attributes alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

function phoneText(phone: StoredPhoneNumber): string {
  const marks = [phone.verified ? 'verified' : 'unverified', phone.reservedForSecondFactor && 'second factor', phone.defaultSecondFactor && 'default'].filter(Boolean);
  return `SMS ${phone.number} (${marks.join(', ')})`;
}

function factorsOf(user: StoredUser): string[] {
  const factors = ['password'];
  if (user.totp) factors.push('authenticator app');
  if (user.pendingTotp) factors.push('authenticator app being added');
  factors.push(...user.phoneNumbers.map(phoneText));
  if (user.backupCodes.length) factors.push(`${user.backupCodes.length} backup codes left`);
  return factors;
}

function userRows(store: Store, now: number): string {
  return [...store.users.values()]
    .map((user) => {
      const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
      const notes = [...user.tasks.map((task) => `task: ${task}`), user.passwordResetRequired && 'must choose a new password', user.lockedUntil > now && `locked until ${time(user.lockedUntil)}`]
        .filter(Boolean)
        .map((note) => `<li>${escapeHtml(note)}</li>`)
        .join('');
      return `<tr><td>${escapeHtml(user.email)}<br><code class="muted">${escapeHtml(user.id)}</code></td><td>${escapeHtml(name)}</td><td><ul>${factorsOf(user).map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul></td><td><ul>${notes}</ul></td></tr>`;
    })
    .join('');
}

function messageRows(store: Store): string {
  return [...store.inbox]
    .reverse()
    .map((m) => `<tr><td>${escapeHtml(time(m.sent_at))}</td><td>${m.channel === 'sms' ? 'SMS' : 'Email'}</td><td>${escapeHtml(m.to)}</td><td><code class="code">${escapeHtml(m.code)}</code></td></tr>`)
    .join('');
}

function sessionRows(store: Store, now: number): string {
  const live = [...store.sessions.values()].filter((s: StoredSession) => (s.status === 'active' || s.status === 'pending') && s.expireAt > now);
  return live
    .reverse()
    .map((session) => {
      const user = store.users.get(session.userId);
      const device = describeUserAgent(session.activity.userAgent);
      const status = session.status === 'pending' ? `pending (${session.tasks.join(', ')})` : 'active';
      return `<tr><td><code>${escapeHtml(session.id)}</code></td><td>${escapeHtml(user?.email ?? session.userId)}</td><td>${escapeHtml(status)}</td><td>${escapeHtml(`${device.browserName} ${device.browserVersion}`.trim())}<br><span class="muted">${escapeHtml(session.activity.ipAddress)}</span></td><td>${escapeHtml(time(session.lastActiveAt))}</td><td>${escapeHtml(time(session.expireAt))}</td></tr>`;
    })
    .join('');
}

function table(headings: string[], rows: string, empty: string): string {
  if (!rows) return `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<table><thead><tr>${headings.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderPage(store: Store, now: number): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Clerk emulator</title><link rel="stylesheet" href="page.css"></head>
<body>
<h1>Clerk Frontend API emulator</h1>
<p class="muted">As of ${escapeHtml(time(now))} UTC. <a href="">Refresh</a></p>
<h2 id="inbox">Codes sent, newest first</h2>
${table(['sent (UTC)', 'by', 'to', 'code'], messageRows(store), 'No code sent yet.')}
<h2 id="sessions">Signed-in sessions</h2>
${table(['session', 'user', 'status', 'browser', 'last active (UTC)', 'expires (UTC)'], sessionRows(store, now), 'Nobody is signed in.')}
<h2 id="users">Users</h2>
${table(['email', 'name', 'factors', 'notes'], userRows(store, now), 'No users.')}
</body>
</html>
`;
}

/** The page and its stylesheet at `path/` and `path/page.css`, for GET and HEAD; `path` leads to `path/`. */
export function statePageRoutes(store: Store, now: () => number, path = '/_emulator'): PageRoute[] {
  // A page elsewhere could ask for these (it could not read the answer); it is refused all the same.
  const fromAllowedOrigin = (request: Parameters<Endpoint>[0]) => {
    if (!request.origin.allowed) throw errors.originInvalid(request.origin.sent ?? '');
  };
  const send = (content: () => string, type: string): Endpoint => async (request) => {
    fromAllowedOrigin(request);
    const { res } = request;
    const body = content();
    res.statusCode = 200;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(request.method === 'HEAD' ? undefined : body);
  };
  const toPage: Endpoint = async (request) => {
    fromAllowedOrigin(request);
    const { res, url } = request;
    res.statusCode = 308;
    res.setHeader('Location', `${url.pathname}/`);
    res.end();
  };
  return [
    { method: ['GET', 'HEAD'], path: `${path}/`, endpoint: send(() => renderPage(store, now()), 'text/html; charset=utf-8') },
    { method: ['GET', 'HEAD'], path: `${path}/page.css`, endpoint: send(() => STYLES, 'text/css; charset=utf-8') },
    { method: ['GET', 'HEAD'], path, endpoint: toPage },
  ];
}
