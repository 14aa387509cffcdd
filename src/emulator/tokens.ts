/**
 * Session tokens: RS256 JWTs signed with a per-process key, and the JWKS that verifies them.
 * Start-up waits for neither: the key pair is made in Node's thread pool (an RSA key takes
 * hundreds of milliseconds of CPU), and `jose` (about 120 ms to import) is loaded once it is made.
 */
import type { JWK } from 'jose';
import { randomBytes, webcrypto } from 'node:crypto';

/** An RS256 key pair as Web Crypto keys, which `jose` signs with as they are. */
function rsaKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  return webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
}

export interface SessionClaims {
  sub: string;
  sid: string;
  azp?: string;
  sts: 'active' | 'pending';
  /** Minutes since the first and second factor were verified (-1: none). */
  fva: [number, number];
  org?: { id: string; slug: string; role: string } | null;
}

export class TokenIssuer {
  readonly kid = `ins_emulator_${randomBytes(6).toString('hex')}`;
  #keys = rsaKeyPair();
  #jose = this.#keys.then(() => import('jose'));

  async jwks(): Promise<{ keys: JWK[] }> {
    const { publicKey } = await this.#keys;
    const { kty, n, e } = await webcrypto.subtle.exportKey('jwk', publicKey);
    return { keys: [{ kty, n, e, kid: this.kid, alg: 'RS256', use: 'sig' } as JWK] };
  }

  async sign(claims: SessionClaims, issuer: string, nowMs: number, lifetimeSeconds: number): Promise<string> {
    const [{ SignJWT }, { privateKey }] = await Promise.all([this.#jose, this.#keys]);
    const iat = Math.floor(nowMs / 1000);
    const payload: Record<string, unknown> = { sid: claims.sid, v: 2, sts: claims.sts, fva: claims.fva };
    if (claims.azp) payload.azp = claims.azp;
    if (claims.org) payload.o = { id: claims.org.id, slg: claims.org.slug, rol: claims.org.role, per: '', fpm: '' };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setNotBefore(iat - 10)
      .setExpirationTime(iat + lifetimeSeconds)
      .setJti(randomBytes(10).toString('hex'))
      .sign(privateKey);
  }
}
