/**
 * The instance's signing key and what it signs: session tokens, token-template JWTs and handshake
 * payloads (RS256), each with Clerk's category in its header so the server SDKs tell them apart;
 * and the JWKS and PEM that verify them.
 */
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';

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

interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** The signing key as `--data` keeps it: its id and private JWK. */
export interface StoredSigningKey {
  kid: string;
  jwk: JWK;
}

export class TokenIssuer {
  kid = `ins_emulator_${randomBytes(6).toString('hex')}`;
  #keys: Promise<KeyPair> = generateKeyPair('RS256', { extractable: true });

  async jwks(): Promise<{ keys: JWK[] }> {
    const { publicKey } = await this.#keys;
    const jwk = await exportJWK(publicKey);
    return { keys: [{ ...jwk, kid: this.kid, alg: 'RS256', use: 'sig' }] };
  }

  /** The public key as PEM: the server SDKs' `jwtKey` (`CLERK_JWT_KEY`). */
  async publicKeyPem(): Promise<string> {
    return exportSPKI((await this.#keys).publicKey);
  }

  async exportKey(): Promise<StoredSigningKey> {
    return { kid: this.kid, jwk: await exportJWK((await this.#keys).privateKey) };
  }

  /** Signs with a key kept from an earlier run, so tokens and cookies issued then still verify. */
  importKey(stored: StoredSigningKey): Promise<void> {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = stored.jwk;
    const keys = Promise.all([importJWK(stored.jwk, 'RS256'), importJWK(publicJwk, 'RS256')]).then(([privateKey, publicKey]) => ({
      privateKey: privateKey as CryptoKey,
      publicKey: publicKey as CryptoKey,
    }));
    this.#keys = keys;
    this.kid = stored.kid;
    return keys.then(() => {});
  }

  async sign(claims: SessionClaims, issuer: string, nowMs: number, lifetimeSeconds: number): Promise<string> {
    const payload: Record<string, unknown> = { sid: claims.sid, v: 2, sts: claims.sts, fva: claims.fva };
    if (claims.azp) payload.azp = claims.azp;
    if (claims.org) payload.o = { id: claims.org.id, slg: claims.org.slug, rol: claims.org.role, per: '', fpm: '' };
    return this.#sign(payload, 'session', nowMs, lifetimeSeconds, (jwt) => jwt.setSubject(claims.sub).setIssuer(issuer).setNotBefore(Math.floor(nowMs / 1000) - 10));
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
    const { privateKey } = await this.#keys;
    const iat = Math.floor(nowMs / 1000);
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT', cat: CATEGORY[category] })
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .setJti(randomBytes(10).toString('hex'));
    return extra(jwt).sign(privateKey);
  }
}
