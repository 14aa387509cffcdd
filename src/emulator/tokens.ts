/**
 * The instance's signing key and what it signs: session tokens, token-template JWTs and handshake
 * payloads (RS256), each with Clerk's category in its header so the server SDKs tell them apart;
 * and the JWKS and PEM that verify them.
 * Start-up waits for neither: the key pair is made in Node's thread pool (an RSA key takes
 * hundreds of milliseconds of CPU), and `jose` (about 120 ms to import) is loaded once it is made.
 */
import type { JWK, SignJWT } from 'jose';
import { randomBytes, webcrypto } from 'node:crypto';
import { LruMap } from './lru.js';

export interface SessionClaims {
  sub: string;
  sid: string;
  azp?: string;
  sts: 'active' | 'pending';
  /** Minutes since the first and second factor were verified (-1: none). */
  fva: [number, number];
  org?: { id: string; slug: string; role: string } | null;
}

/** Clerk's JWT categories (the `cat` header): a template's token is never taken for a session token or a handshake. */
const CATEGORY = { session: 'cl_B7d4PD111AAA', template: 'cl_B7d4PD222AAA' } as const;

/** Sessions whose last token is kept for reuse within its second. */
const RECENT_TOKENS = 1_000;

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** An RS256 key pair as Web Crypto keys, which `jose` signs with as they are. */
function rsaKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey({ ...RS256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
}

/** The signing key as `--data` keeps it: its id and private JWK. */
export interface StoredSigningKey {
  kid: string;
  jwk: JWK;
}

export class TokenIssuer {
  kid = `ins_emulator_${randomBytes(6).toString('hex')}`;
  #keys: Promise<webcrypto.CryptoKeyPair> = rsaKeyPair();
  #jose = this.#keys.then(() => import('jose'));
  /** The last session token of each recent session, with what it was signed from. */
  readonly #recent = new LruMap<string, { key: string; jwt: Promise<string> }>(() => RECENT_TOKENS);

  async jwks(): Promise<{ keys: JWK[] }> {
    const { kty, n, e } = await webcrypto.subtle.exportKey('jwk', (await this.#keys).publicKey);
    return { keys: [{ kty, n, e, kid: this.kid, alg: 'RS256', use: 'sig' } as JWK] };
  }

  /** The public key as PEM: the server SDKs' `jwtKey` (`CLERK_JWT_KEY`). */
  async publicKeyPem(): Promise<string> {
    const der = Buffer.from(await webcrypto.subtle.exportKey('spki', (await this.#keys).publicKey)).toString('base64');
    return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----`;
  }

  async exportKey(): Promise<StoredSigningKey> {
    return { kid: this.kid, jwk: (await webcrypto.subtle.exportKey('jwk', (await this.#keys).privateKey)) as JWK };
  }

  /** Signs with a key kept from an earlier run, so tokens and cookies issued then still verify. */
  importKey(stored: StoredSigningKey): Promise<void> {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, key_ops: _ops, ...publicJwk } = stored.jwk as JWK & { key_ops?: string[] };
    const keys = Promise.all([
      webcrypto.subtle.importKey('jwk', stored.jwk as webcrypto.JsonWebKey, RS256, true, ['sign']),
      webcrypto.subtle.importKey('jwk', publicJwk as webcrypto.JsonWebKey, RS256, true, ['verify']),
    ]).then(([privateKey, publicKey]) => ({ privateKey, publicKey }));
    this.#keys = keys;
    this.#jose = keys.then(() => import('jose'));
    this.#recent.clear();
    this.kid = stored.kid;
    return keys.then(() => {});
  }

  /**
   * A session token. Signed once per session, claims and second: a sign-in asks for one when the
   * session starts, again on `touch` and on `/tokens`, and the same claims issued within the same
   * second would differ only in `jti`, so the token signed first is given again.
   */
  sign(claims: SessionClaims, issuer: string, nowMs: number, lifetimeSeconds: number): Promise<string> {
    const payload: Record<string, unknown> = { sid: claims.sid, v: 2, sts: claims.sts, fva: claims.fva };
    if (claims.azp) payload.azp = claims.azp;
    if (claims.org) payload.o = { id: claims.org.id, slg: claims.org.slug, rol: claims.org.role, per: '', fpm: '' };
    const iat = Math.floor(nowMs / 1000);
    const key = JSON.stringify([payload, claims.sub, issuer, iat, lifetimeSeconds]);
    const recent = this.#recent.get(claims.sid);
    if (recent?.key === key) return recent.jwt;
    const jwt = this.#sign(payload, 'session', nowMs, lifetimeSeconds, (jwt) => jwt.setSubject(claims.sub).setIssuer(issuer).setNotBefore(iat - 10));
    this.#recent.set(claims.sid, { key, jwt });
    return jwt;
  }

  /** A token template's JWT: its own claims, then Clerk's (`sub`, `iss`, `azp`, times) over them. */
  async signTemplate(claims: Record<string, unknown>, session: { sub: string; azp?: string }, issuer: string, nowMs: number, lifetimeSeconds: number): Promise<string> {
    const payload: Record<string, unknown> = { ...claims };
    if (session.azp) payload.azp = session.azp;
    return this.#sign(payload, 'template', nowMs, lifetimeSeconds, (jwt) => jwt.setSubject(session.sub).setIssuer(issuer).setNotBefore(Math.floor(nowMs / 1000) - 10));
  }

  /** The handshake payload: the `Set-Cookie` values the server SDK applies to the page's response. */
  async signHandshake(cookies: string[], nowMs: number): Promise<string> {
    return this.#sign({ handshake: cookies }, 'session', nowMs, 60);
  }

  async #sign(payload: Record<string, unknown>, category: keyof typeof CATEGORY, nowMs: number, lifetimeSeconds: number, extra: (jwt: SignJWT) => SignJWT = (jwt) => jwt) {
    const [{ SignJWT }, { privateKey }] = await Promise.all([this.#jose, this.#keys]);
    const iat = Math.floor(nowMs / 1000);
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT', cat: CATEGORY[category] })
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .setJti(randomBytes(10).toString('hex'));
    return extra(jwt).sign(privateKey);
  }
}
