import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { JWTPayload } from 'jose';
import { maskinportenIssuer } from './maskinporten.simulator';
import type { SimState } from './sim-state';
import { bearer, forbidden, problem, text, unauthorized, type SimResponse } from '../../shared/simulator/sim-response';
import type { TokenIssuer } from './token-issuer';

/** The simulator's Altinn token issuer, as https://platform.altinn.no/authentication/api/v1/openid/ is the real one's. */
export const altinnIssuer = (origin: string): string => `${origin}/authentication/api/v1/openid/`;

const PROVIDERS = new Set(['maskinporten', 'id-porten', 'altinnstudio']);
const NOT_COPIED = new Set(['aud', 'iss', 'client_amr', 'sid', 'iat', 'exp', 'nbf']);

/** A verified Altinn token, as Storage and Events see the caller. */
export interface AltinnPrincipal {
  claims: JWTPayload;
  scopes: string[];
  /** urn:altinn:org; absent when the Maskinporten scope had no altinn:serviceowner. */
  org: string | null;
}

/** GET /authentication/api/v1/exchange/{provider}: Maskinporten token in, Altinn token out. */
export class AuthenticationSimulator {
  constructor(
    private readonly state: SimState,
    private readonly issuer: TokenIssuer,
    private readonly lifetimeSec: number,
  ) {}

  async exchange(req: http.IncomingMessage, provider: string): Promise<SimResponse> {
    if (!PROVIDERS.has(provider.toLowerCase())) return problem(400, `Invalid token provider: ${provider}`);
    // Virksomhetsbruker was removed with the Altinn 2 shutdown.
    if (req.headers['x-altinn-enterpriseuser-authentication'] !== undefined) return problem(410, 'Enterprise user authentication is no longer supported.');
    const token = bearer(req.headers.authorization);
    // Only Maskinporten is simulated: an ID-porten or Studio token can never verify here.
    const mp = token && provider.toLowerCase() === 'maskinporten' ? await this.issuer.verify(token, maskinportenIssuer(this.state.origin)) : null;
    if (!mp) return problem(401);
    const consumer = mp.consumer as { authority?: unknown; ID?: unknown } | undefined;
    const orgNo = typeof consumer?.ID === 'string' ? /^0192:(\d{9})$/.exec(consumer.ID)?.[1] : undefined;
    if (consumer?.authority !== 'iso6523-actorid-upis' || !orgNo) return problem(401);

    const claims: JWTPayload = {};
    for (const [k, v] of Object.entries(mp)) if (!NOT_COPIED.has(k)) claims[k] = v;
    const scope = typeof mp.scope === 'string' ? mp.scope : '';
    Object.assign(claims, {
      iss: altinnIssuer(this.state.origin),
      sid: randomUUID(),
      'urn:altinn:orgNumber': orgNo,
      'urn:altinn:authenticatemethod': 'maskinporten',
      'urn:altinn:authlevel': 3,
    });
    if (scope.includes('altinn:serviceowner') && orgNo === this.state.orgNumber) claims['urn:altinn:org'] = this.state.org;
    return text(200, await this.issuer.sign(claims, this.lifetimeSec));
  }

  /** The caller behind `Authorization: Bearer <Altinn token>`, or null (→ 401). */
  async principal(req: http.IncomingMessage): Promise<AltinnPrincipal | null> {
    const token = bearer(req.headers.authorization);
    const claims = token ? await this.issuer.verify(token, altinnIssuer(this.state.origin)) : null;
    if (!claims) return null;
    const org = claims['urn:altinn:org'];
    return {
      claims,
      scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
      org: typeof org === 'string' ? org : null,
    };
  }

  /** The JwtBearer middleware, then the policy: the caller, or the 401 / 403 they answer (no body). */
  async authorize(req: http.IncomingMessage, policy: (caller: AltinnPrincipal) => boolean): Promise<AltinnPrincipal | { refused: SimResponse }> {
    const caller = await this.principal(req);
    if (!caller) return { refused: unauthorized() };
    return policy(caller) ? caller : { refused: forbidden() };
  }
}
