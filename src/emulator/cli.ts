#!/usr/bin/env node
/**
 * clerk-fapi-emulator: a local Clerk Frontend API at http://127.0.0.1:<port>/__clerk.
 *
 *   clerk-fapi-emulator --port 4123 --users demo/users.json [--static dir] [--client-trust] [--require-mfa] [--multi-session] [--host h]
 *                       [--allowed-origin http://localhost:3000]... [--allowed-host app.test]...
 *                       [--fast-hashing]
 */
import { parseArgs } from 'node:util';
import { REVERIFICATION_PRESETS } from './api/reverification.js';
import { createEmulator } from './emulator.js';
import { describeMessage, describeSecurity, describeServerSdks, describeUsers, readJsonFile, readUsersFile, startLines } from './printing.js';
import type { TokenTemplate } from './token-templates.js';
import type { ReverificationPreset } from './types.js';

const usage = `usage: clerk-fapi-emulator [--port 4123] [--users users.json] [--static dir] [--client-trust] [--require-mfa] [--multi-session]
                           [--token-templates templates.json] [--data state.json]
                           [--reverification strict|strict_mfa|moderate|lax|off] [--reverification-minutes 10]
                           [--host 127.0.0.1] [--allow-non-loopback] [--key development|production|dev-browser]
                           [--allowed-origin http://localhost:3000]... [--allowed-host app.test]...
                           [--fast-hashing]`;

/** `--reverification` and `--reverification-minutes` as emulator options. */
function reverificationOptions(level: string, minutes: string | undefined) {
  if (level !== 'off' && !Object.hasOwn(REVERIFICATION_PRESETS, level)) throw new Error(`invalid --reverification ${level}`);
  const age = minutes === undefined ? undefined : Number(minutes);
  if (age !== undefined && !(Number.isFinite(age) && age > 0)) throw new Error(`invalid --reverification-minutes ${minutes}`);
  return {
    reverification: level === 'off' ? (false as const) : (level as ReverificationPreset),
    ...(age === undefined ? {} : { limits: { reverificationSeconds: age * 60 } }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4123' },
      users: { type: 'string' },
      static: { type: 'string' },
      'client-trust': { type: 'boolean', default: false },
      'require-mfa': { type: 'boolean', default: false },
      'multi-session': { type: 'boolean', default: false },
      'token-templates': { type: 'string' },
      data: { type: 'string' },
      reverification: { type: 'string', default: 'strict' },
      'reverification-minutes': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-non-loopback': { type: 'boolean', default: false },
      key: { type: 'string', default: 'development' },
      'allowed-origin': { type: 'string', multiple: true, default: [] },
      'allowed-host': { type: 'string', multiple: true, default: [] },
      'fast-hashing': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const mode = values.key as 'development' | 'production' | 'dev-browser';
  if (!['development', 'production', 'dev-browser'].includes(mode)) throw new Error(`invalid --key ${values.key}`);
  const users = values.users ? await readUsersFile(values.users) : [];
  const settings = {
    clientTrust: values['client-trust'],
    requireMfa: values['require-mfa'],
    multiSession: values['multi-session'],
    ...reverificationOptions(values.reverification, values['reverification-minutes']),
  };
  const tokenTemplates = values['token-templates'] ? await readJsonFile(values['token-templates']) : undefined;
  const emulator = createEmulator({
    users,
    ...settings,
    ...(tokenTemplates ? { tokenTemplates: tokenTemplates as Record<string, TokenTemplate> } : {}),
    ...(values.data ? { dataFile: values.data } : {}),
    allowedOrigins: values['allowed-origin'],
    allowedHosts: values['allowed-host'],
    passwordHashing: values['fast-hashing'] ? 'fast' : 'strong',
    onMessage: (message) => console.log(describeMessage(message)),
    log: (line) => console.error(line),
  });
  const server = await emulator.listen({
    port,
    host: values.host,
    allowNonLoopback: values['allow-non-loopback'],
    ...(values.static ? { staticDir: values.static } : {}),
  });
  for (const line of startLines(server.url, emulator.publishableKey(mode))) console.log(line);
  console.log(describeSecurity(settings, emulator.limits()));
  if (values.data) console.log(`state kept in ${values.data} (written after each change and on exit)`);
  if (values.static) console.log(`serving ${values.static} at ${server.url}/`);
  console.log(await describeUsers(users.length > 0 ? users : emulator.exportUsers()));
  console.log(describeServerSdks(emulator.serverOptions(server.url, mode)));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`clerk-fapi-emulator: ${error instanceof Error ? error.message : String(error)}`);
  console.error(usage);
  process.exit(2);
});
