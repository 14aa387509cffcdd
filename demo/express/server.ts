/**
 * `npm run demo:express`: the Express example with the Clerk Frontend API emulator mounted in
 * front of it (one origin, as with a Clerk proxy), the demo users, and the emulator's keys. Build
 * the element first (`npm run build`); then open the URL it prints. With your own Clerk instance,
 * run app.ts with your keys instead.
 *
 *   npm run demo:express -- [--port 3000] [--key development|production|dev-browser]
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEmulator, KEY_MODES, type KeyMode } from '../../src/emulator/index.js';
import { describeMessage, describeUsers, readUsersFile } from '../../src/emulator/printing.js';
import { createApp } from './app.js';

// The SDKs of development instances report usage to Clerk: not from a local demo.
process.env.CLERK_TELEMETRY_DISABLED ??= '1';

export async function startDemo({ port = 0, mode = 'development' as KeyMode, log = (_line: string) => {} } = {}) {
  const users = await readUsersFile(fileURLToPath(new URL('../users.json', import.meta.url)));
  const emulator = createEmulator({ users, onMessage: (message) => log(describeMessage(message)), log });
  await emulator.ready;
  const outer = express();
  outer.use(emulator.middleware);
  const server = outer.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The proxy as the page names it: clerk-js and the SDK's handshake reach the emulator there.
  outer.use(createApp({ ...emulator.serverOptions(url, mode), proxyUrl: '/__clerk' }));
  return {
    url,
    emulator,
    users,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, key: { type: 'string', default: 'development' } } });
  if (!KEY_MODES.includes(values.key as KeyMode)) throw new Error(`--key must be one of ${KEY_MODES.join(', ')}`);
  const demo = await startDemo({ port: Number(values.port), mode: values.key as KeyMode, log: (line) => console.log(line) });
  console.log(`Express example: ${demo.url}/ (Clerk Frontend API emulator at ${demo.url}/__clerk, ${values.key} key)`);
  console.log(await describeUsers(demo.users));
}
