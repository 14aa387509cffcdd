/** TOTP (RFC 6238) verification with otpauth: previous, current and next step accepted. */
import { Secret, TOTP } from 'otpauth';

export interface TotpCheck {
  /** Base32 secret. */
  secret: string;
  token: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
  /** Steps accepted on either side of the current one. */
  window?: number;
}

/** Returns the time-step counter the token belongs to, or null when it matches none. */
export function verifyTotp(check: TotpCheck): number | null {
  const period = check.period ?? 30;
  const digits = check.digits ?? 6;
  if (!new RegExp(`^\\d{${digits}}$`).test(check.token)) return null;
  const totp = new TOTP({
    secret: Secret.fromBase32(check.secret),
    algorithm: check.algorithm ?? 'SHA1',
    digits,
    period,
  });
  const delta = totp.validate({ token: check.token, timestamp: check.timestamp, window: check.window ?? 1 });
  if (delta === null) return null;
  return totp.counter({ timestamp: check.timestamp }) + delta;
}

export function totpUri(secret: string, account: string, issuer = 'Clerk emulator'): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).toString();
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}
