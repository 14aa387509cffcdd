// Mounts one Clerk Frontend API emulator at /__clerk on the web-test-runner server, so test pages
// reach it same-origin with `proxyUrl: '/__clerk'`. Tests add their own users per test through
// `POST /__clerk/_emulator/users` (test/integration/controls.ts), so no state leaks from one test to the next. Every JSON body
// it sends is validated against Clerk's Frontend API spec; the count reporter reports the result.
import type { Context, Next } from 'koa';
import { createEmulator } from '../../src/emulator/index.js';
import { createConformanceRecorder } from './fapi-conformance.js';

export function emulatorForTests() {
  const recorder = createConformanceRecorder();
  // Cheap password hashing: the browser tests sign in hundreds of times; strength is tested in Node.
  const emulator = createEmulator({ users: [], onResponse: recorder.observe, passwordHashing: 'fast', log: () => {} });
  const middleware = async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith('/__clerk')) return next();
    ctx.respond = false;
    await emulator.handle(ctx.req, ctx.res);
  };
  return { emulator, middleware, recorder };
}
