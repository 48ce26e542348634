import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { SimState } from './sim-state';
import { json, type SimResponse } from '../../shared/simulator/sim-response';
import type { TokenIssuer } from './token-issuer';

export interface MaskinportenClient {
  clientId: string;
  kid: string;
  publicKeyPem: string;
  scopes: string[];
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Maskinporten access tokens live 120 s. */
export const MASKINPORTEN_TOKEN_LIFETIME_SEC = 120;
/** Maskinporten refuses assertions that live longer than this. */
const MAX_ASSERTION_LIFETIME_SEC = 120;
const CLOCK_SKEW_SEC = 10;

/** The simulator's Maskinporten issuer, as https://maskinporten.no/ is the real one's. */
export const maskinportenIssuer = (origin: string): string => `${origin}/`;

const oauthError = (error: string, description: string): SimResponse => json(400, { error, error_description: description });

/** POST /token: the JWT-bearer grant, checked the way Maskinporten checks it. */
export class MaskinportenSimulator {
  private readonly keys = new Map<string, { client: MaskinportenClient; key: KeyObject }>();
  /** Assertion ids already used, per client (a replayed assertion is refused). */
  private readonly usedJti = new Set<string>();

  constructor(
    clients: readonly MaskinportenClient[],
    private readonly orgNumber: string,
    private readonly state: SimState,
    private readonly issuer: TokenIssuer,
    /** Tests shorten it to see a client refresh (#18 item 7). */
    private readonly lifetimeSec: number = MASKINPORTEN_TOKEN_LIFETIME_SEC,
  ) {
    for (const c of clients) this.keys.set(c.kid, { client: c, key: createPublicKey(c.publicKeyPem) });
  }

  async grant(body: Buffer): Promise<SimResponse> {
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('grant_type') !== JWT_BEARER) return oauthError('unsupported_grant_type', `grant_type must be ${JWT_BEARER}`);
    const assertion = form.get('assertion');
    if (!assertion) return oauthError('invalid_request', 'Missing assertion');

    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(assertion);
      if (header.alg !== 'RS256') return oauthError('invalid_grant', `Invalid assertion. Unsupported alg ${String(header.alg)}`);
      kid = header.kid;
    } catch {
      return oauthError('invalid_grant', 'Invalid assertion. Not a JWT');
    }
    const entry = kid ? this.keys.get(kid) : undefined;
    if (!entry) return oauthError('invalid_client', 'Invalid assertion. Client authentication failed. Unknown kid');

    const nowSec = Math.floor(this.state.now() / 1000);
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(assertion, entry.key, {
        algorithms: ['RS256'],
        audience: maskinportenIssuer(this.state.origin),
        issuer: entry.client.clientId,
        currentDate: new Date(this.state.now()),
        requiredClaims: ['iat', 'exp', 'jti'],
      }));
    } catch (e) {
      return oauthError('invalid_grant', `Invalid assertion. ${describe(e)}`);
    }
    const { iat = 0, exp = 0, jti = '' } = claims;
    if (exp - iat > MAX_ASSERTION_LIFETIME_SEC) return oauthError('invalid_grant', `Invalid assertion. exp - iat must be at most ${MAX_ASSERTION_LIFETIME_SEC} seconds`);
    if (iat > nowSec + CLOCK_SKEW_SEC) return oauthError('invalid_grant', 'Invalid assertion. iat is in the future');
    const jtiKey = `${entry.client.clientId}\u0000${jti}`;
    if (this.usedJti.has(jtiKey)) return oauthError('invalid_grant', 'Invalid assertion. The jti has already been used');
    this.usedJti.add(jtiKey);

    const requested = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (requested.length === 0) return oauthError('invalid_scope', 'Missing scope');
    const denied = requested.filter((s) => !entry.client.scopes.includes(s));
    if (denied.length > 0) return oauthError('invalid_scope', `Client ${entry.client.clientId} is not allowed scope(s): ${denied.join(' ')}`);

    const scope = requested.join(' ');
    const accessToken = await this.issuer.sign(
      {
        iss: maskinportenIssuer(this.state.origin),
        client_amr: 'private_key_jwt',
        token_type: 'Bearer',
        client_id: entry.client.clientId,
        consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${this.orgNumber}` },
        scope,
        jti: randomUUID(),
      },
      this.lifetimeSec,
    );
    return json(200, { access_token: accessToken, expires_in: this.lifetimeSec, scope, token_type: 'Bearer' });
  }
}

function describe(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'The assertion has expired';
  if (e instanceof errors.JWTClaimValidationFailed) return `Invalid ${e.claim} claim (${e.reason})`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'Invalid JWT signature';
  if (e instanceof Error) return e.message;
  return 'Invalid JWT';
}
