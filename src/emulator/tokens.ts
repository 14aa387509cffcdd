/** Session tokens: RS256 JWTs signed with a per-process key, and the JWKS that verifies them. */
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
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

export class TokenIssuer {
  readonly kid = `ins_emulator_${randomBytes(6).toString('hex')}`;
  #keys = generateKeyPair('RS256', { extractable: true });

  async jwks(): Promise<{ keys: JWK[] }> {
    const { publicKey } = await this.#keys;
    const jwk = await exportJWK(publicKey);
    return { keys: [{ ...jwk, kid: this.kid, alg: 'RS256', use: 'sig' }] };
  }

  async sign(claims: SessionClaims, issuer: string, nowMs: number, lifetimeSeconds: number): Promise<string> {
    const { privateKey } = await this.#keys;
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
