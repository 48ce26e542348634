import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { SimResponse } from '../../shared/simulator/sim-response';

/**
 * The simulator's authorisation server, read from RFC 6749 and RFC 6750 with its own parsing:
 * `POST /oauth2/token` takes grant_type=client_credentials, the client authenticated by HTTP Basic
 * (client_secret_basic, id and secret form-encoded first, §2.3.1) or by client_id/client_secret in
 * the form (client_secret_post), never both; it issues opaque bearer tokens with `expires_in`.
 */

export interface SimClient {
  clientId: string;
  clientSecret: string;
}

const tokenJson = (status: number, body: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  // §5.1: token answers are never cached
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
  body: JSON.stringify(body),
});

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}) => tokenJson(status, { error, error_description: description }, headers);

const formDecode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

export class SimTokens {
  private readonly expiry = new Map<string, number>();
  issued = 0;
  /** API calls refused for a missing, unknown or expired token. */
  refused = 0;

  constructor(
    private readonly client: SimClient,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** The token endpoint. */
  handle(req: http.IncomingMessage, body: Buffer): SimResponse {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return oauthError(400, 'invalid_request', 'Content-Type må være application/x-www-form-urlencoded');
    let form: Map<string, string>;
    try {
      form = new Map();
      for (const pair of body.toString('utf8').split('&')) {
        if (!pair) continue;
        const eq = pair.indexOf('=');
        const k = formDecode(eq < 0 ? pair : pair.slice(0, eq));
        if (form.has(k)) return oauthError(400, 'invalid_request', `Parameteren ${k} er gitt mer enn én gang`);
        form.set(k, eq < 0 ? '' : formDecode(pair.slice(eq + 1)));
      }
    } catch {
      return oauthError(400, 'invalid_request', 'Ugyldig skjemakoding');
    }
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
    let id: string | undefined;
    let secret: string | undefined;
    if (basic) {
      if (form.has('client_secret')) return oauthError(400, 'invalid_request', 'Klienten kan bare autentisere seg på én måte');
      const pair = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = pair.indexOf(':');
      try {
        id = formDecode(colon < 0 ? pair : pair.slice(0, colon));
        secret = colon < 0 ? '' : formDecode(pair.slice(colon + 1));
      } catch {
        id = secret = undefined;
      }
    } else {
      id = form.get('client_id');
      secret = form.get('client_secret');
    }
    if (id === undefined || secret === undefined || !same(id, this.client.clientId) || !same(secret, this.client.clientSecret)) {
      return oauthError(401, 'invalid_client', 'Ukjent klient eller feil klienthemmelighet', { 'WWW-Authenticate': 'Basic realm="visma-flyt-skole"' });
    }
    const grant = form.get('grant_type');
    if (grant === undefined) return oauthError(400, 'invalid_request', 'grant_type mangler');
    if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Bare client_credentials støttes');
    const token = randomBytes(32).toString('base64url');
    this.expiry.set(token, this.now() + this.ttlSeconds * 1000);
    this.issued++;
    const scope = form.get('scope');
    return tokenJson(200, { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds, ...(scope ? { scope } : {}) });
  }

  /** Whether `authorization` carries a token this server issued that has not expired. */
  valid(authorization: string | undefined): boolean {
    const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization ?? '');
    const exp = m ? this.expiry.get(m[1]!) : undefined;
    if (exp !== undefined && exp > this.now()) return true;
    if (exp !== undefined) this.expiry.delete(m![1]!);
    return false;
  }

  expireAll(): void {
    this.expiry.clear();
  }
}
