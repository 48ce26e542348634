import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';

/**
 * Signs the simulator's own tokens (Maskinporten access tokens and Altinn tokens) and
 * remembers every token it issued, so expireAll() can invalidate them at once.
 */
export class TokenIssuer {
  private readonly issued = new Set<string>();

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly kid: string,
    private readonly now: () => number,
  ) {}

  static async create(now: () => number): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    return new TokenIssuer(privateKey, publicKey, randomUUID(), now);
  }

  /** Signs claims as given; iat/exp come from the simulator clock. */
  async sign(claims: JWTPayload, lifetimeSec: number): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    const token = await new SignJWT({ ...claims, iat, exp: iat + lifetimeSec })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.kid })
      .sign(this.privateKey);
    this.issued.add(token);
    return token;
  }

  /** The claims when the token is ours, still registered, from `issuer` and not expired; else null. */
  async verify(token: string, issuer: string): Promise<JWTPayload | null> {
    if (!this.issued.has(token)) return null;
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: ['RS256'], issuer, currentDate: new Date(this.now()) });
      return payload;
    } catch {
      return null;
    }
  }

  expireAll(): void {
    this.issued.clear();
  }
}
