/**
 * Clerk's JWT templates: a name, the claims a token made from it carries and its lifetime.
 * A claim's text may hold Clerk's shortcodes (`{{user.id}}`, `{{user.primary_email_address}}`,
 * `{{org.slug}}`...): a value that is one shortcode becomes that value (null when missing), one
 * with text around them has them written in.
 */
import { InputError } from './errors.js';
import type { Organization, StoredSession, StoredUser } from './records.js';
import type { TokenTemplate } from './types.js';

export type { TokenTemplate } from './types.js';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SHORTCODE = /\{\{\s*([a-z_]+(?:\.[a-z_]+)+)\s*\}\}/g;

/** Checks templates whole (names, claims an object, lifetime a positive whole number of seconds); throws an `InputError` naming the field. */
export function checkTemplates(input: unknown, field = 'tokenTemplates'): Map<string, TokenTemplate> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new InputError(field, `${field} must be an object of templates by name.`);
  const templates = new Map<string, TokenTemplate>();
  for (const [name, value] of Object.entries(input)) {
    const at = `${field}.${name}`;
    if (!NAME.test(name)) throw new InputError(at, `A template name is 1 to 64 letters, digits, "_" or "-".`);
    const template = value as Partial<TokenTemplate> | null;
    if (!template || typeof template !== 'object' || !template.claims || typeof template.claims !== 'object' || Array.isArray(template.claims)) {
      throw new InputError(`${at}.claims`, 'A template needs claims, an object.');
    }
    const extra = Object.keys(template).filter((key) => key !== 'claims' && key !== 'lifetimeSeconds');
    if (extra.length) throw new InputError(`${at}.${extra[0]}`, `Unknown template field ${extra[0]}.`);
    const lifetime = template.lifetimeSeconds;
    if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime > 0)) throw new InputError(`${at}.lifetimeSeconds`, 'lifetimeSeconds must be a positive whole number.');
    templates.set(name, { claims: structuredClone(template.claims), ...(lifetime === undefined ? {} : { lifetimeSeconds: lifetime }) });
  }
  return templates;
}

/** What the shortcodes read. */
function shortcodes(user: StoredUser, session: StoredSession, org: Organization | null): Record<string, unknown> {
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ') || null;
  return {
    'user.id': user.id,
    'user.first_name': user.firstName,
    'user.last_name': user.lastName,
    'user.full_name': fullName,
    'user.primary_email_address': user.email,
    'user.email_verified': true,
    'user.two_factor_enabled': user.totp !== null || user.phoneNumbers.some((phone) => phone.reservedForSecondFactor && phone.verified),
    'user.created_at': Math.floor(user.createdAt / 1000),
    'session.id': session.id,
    'org.id': org?.id ?? null,
    'org.name': org?.name ?? null,
    'org.slug': org?.slug ?? null,
    'org.role': org?.role ?? null,
  };
}

/** The template's claims with their shortcodes filled in for this user and session. */
export function renderClaims(template: TokenTemplate, user: StoredUser, session: StoredSession): Record<string, unknown> {
  const org = user.organizations.find((o) => o.id === session.lastActiveOrganizationId) ?? null;
  const values = shortcodes(user, session, org);
  const render = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, render(inner)]));
    if (typeof value !== 'string') return value;
    const whole = /^\{\{\s*([a-z_]+(?:\.[a-z_]+)+)\s*\}\}$/.exec(value);
    if (whole) return values[whole[1]!] ?? null;
    return value.replace(SHORTCODE, (_match, path: string) => String(values[path] ?? ''));
  };
  return render(template.claims) as Record<string, unknown>;
}
