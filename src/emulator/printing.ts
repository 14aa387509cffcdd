/** What the CLI and `npm start` print: where the emulator is, the demo user, each code "sent". */
import { readFile } from 'node:fs/promises';
import { totpUri } from './totp.js';
import type { ServerSdkOptions } from './keys.js';
import type { EmulatorLimits, EmulatorMessage, EmulatorOptions, EmulatorUser } from './types.js';

/** Loaded only to print a user's QR code, off the start-up path of `createEmulator`. */
export async function qrCode(text: string): Promise<string> {
  const { default: qrcode } = await import('qrcode-terminal');
  return new Promise((resolve) => qrcode.generate(text, { small: true }, resolve));
}

/** Startup lines: the base URL line, then `publishable key: ...`, how to reach the test controls, and the page to look at. */
export function startLines(baseUrl: string, publishableKey: string): string[] {
  return [
    `Clerk Frontend API emulator: ${baseUrl}/__clerk`,
    `publishable key: ${publishableKey}`,
    `test controls: ${baseUrl}/__clerk/_emulator/* with the header X-Clerk-Emulator: 1`,
    `codes sent, sessions and users, to look at: ${baseUrl}/__clerk/_emulator/`,
  ];
}

/** The environment a server using `@clerk/backend` or `@clerk/express` needs to accept the emulator's sessions. */
export function describeServerSdks(options: ServerSdkOptions): string {
  return [
    'Server SDKs (@clerk/backend, @clerk/express), in the environment of your server:',
    `  CLERK_PUBLISHABLE_KEY=${options.publishableKey}`,
    `  CLERK_SECRET_KEY=${options.secretKey}`,
    `  CLERK_API_URL=${options.apiUrl}`,
    `  CLERK_PROXY_URL=${options.proxyUrl}`,
    // Development instances' SDKs report usage to Clerk; nothing should leave a local setup.
    '  CLERK_TELEMETRY_DISABLED=1',
  ].join('\n');
}

/** One line on what the instance asks of its users: `security: reverification strict (10 min), MFA required`. */
export function describeSecurity(options: Pick<EmulatorOptions, 'clientTrust' | 'requireMfa' | 'reverification' | 'multiSession'>, limits: EmulatorLimits): string {
  const minutes = Math.round((limits.reverificationSeconds / 60) * 100) / 100;
  const parts = [options.reverification === false ? 'no reverification' : `reverification ${options.reverification ?? 'strict'} (${minutes} min)`];
  if (options.requireMfa) parts.push('MFA required (setup-mfa)');
  if (options.clientTrust) parts.push('Client Trust');
  if (options.multiSession) parts.push('multi-session');
  return `security: ${parts.join(', ')}`;
}

/** The numbers a user receives second-factor codes on. */
function smsNumbers(user: EmulatorUser): string[] {
  const reserved = (user.phone_numbers ?? []).filter((phone) => phone.verified !== false && phone.reserved_for_second_factor);
  return [...(user.phone_number ? [user.phone_number] : []), ...reserved.map((phone) => phone.phone_number)];
}

/** The first user in full (password, backup codes, otpauth URI and QR code), the others in one line each. */
export async function describeUsers(users: EmulatorUser[]): Promise<string> {
  const [first, ...others] = users;
  if (!first) return 'No users: add some with POST /__clerk/_emulator/users (header X-Clerk-Emulator: 1).';
  const lines = [`Demo user: ${first.email}`, `  password:     ${first.password ?? '(kept as a digest)'}`];
  const phones = smsNumbers(first);
  if (phones.length) lines.push(`  SMS codes to: ${phones.join(', ')} (printed here, and at GET /__clerk/_emulator/messages with the header X-Clerk-Emulator: 1)`);
  if (first.backup_codes?.length) lines.push(`  backup codes: ${first.backup_codes.join(' ')}`);
  if (first.tasks?.length) lines.push(`  tasks:        ${first.tasks.join(', ')}`);
  if (first.password_reset_required) lines.push('  must choose a new password after signing in');
  if (first.totp_secret) {
    const uri = totpUri(first.totp_secret, first.email);
    lines.push(`  TOTP secret:  ${first.totp_secret}`, `  otpauth URI:  ${uri}`, '  Scan with an authenticator app:', await qrCode(uri));
  }
  if (others.length) {
    lines.push('Other users:');
    for (const user of others) {
      const factors = [user.totp_secret && 'TOTP', ...smsNumbers(user).map((phone) => `SMS ${phone}`), user.backup_codes?.length && 'backup codes']
        .filter(Boolean)
        .join(', ');
      const tasks = user.tasks?.length ? `; tasks: ${user.tasks.join(', ')}` : '';
      const reset = user.password_reset_required ? '; must choose a new password' : '';
      lines.push(`  ${user.email} / ${user.password ?? '(password kept as a digest)'} (${factors || 'no second factor'}${tasks}${reset})`);
    }
  }
  return lines.join('\n');
}

export function describeMessage(message: EmulatorMessage): string {
  return `${message.channel === 'sms' ? 'SMS' : 'Email'} to ${message.to}: code ${message.code}`;
}

/** Reads a JSON file, naming it when it is not JSON. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Reads `{ "users": [...] }` (or a bare array) from a JSON file. */
export async function readUsersFile(path: string): Promise<EmulatorUser[]> {
  const parsed = await readJsonFile(path);
  const users = Array.isArray(parsed) ? parsed : (parsed as { users?: unknown })?.users;
  if (!Array.isArray(users)) throw new Error(`${path}: expected {"users": [...]}`);
  return users as EmulatorUser[];
}
