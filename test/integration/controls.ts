/**
 * The emulator's test controls (`/__clerk/_emulator/*`), as a test page calls them: same origin,
 * with the `X-Clerk-Emulator: 1` header every control needs, JSON in and out. Imports nothing,
 * so any browser test can use it.
 */
export async function control(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`/__clerk/_emulator${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'X-Clerk-Emulator': '1', 'Content-Type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}
