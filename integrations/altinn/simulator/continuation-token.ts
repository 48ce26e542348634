/**
 * Storage's continuation token and its double URL encoding (RESEARCH-NOTES §1.1):
 * the server runs HttpUtility.UrlEncode(token), then QueryBuilder encodes the result again;
 * on input ASP.NET decodes once and NormalizeContinuationToken runs HttpUtility.UrlDecode again.
 *
 * The token is a keyset position {lastChanged, id}. The date carries "+00:00", so a client that
 * decodes one level too many turns "+" into a space and gets 400 instead of silently working.
 */

export interface KeysetPosition {
  lastChanged: number;
  id: string;
}

const HTTP_UTILITY_SAFE = /[A-Za-z0-9\-_.!*()]/;

/** System.Web.HttpUtility.UrlEncode: lower-case hex, space as "+", `-_.!*()` kept. */
export function httpUtilityUrlEncode(value: string): string {
  let out = '';
  for (const ch of value) {
    if (HTTP_UTILITY_SAFE.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** System.Web.HttpUtility.UrlDecode: "+" is a space; malformed escapes stay as they are. */
export function httpUtilityUrlDecode(value: string): string {
  return value.replace(/\+/g, ' ').replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export function encodePosition(p: KeysetPosition): string {
  const date = new Date(p.lastChanged).toISOString().replace(/Z$/, '+00:00');
  return JSON.stringify({ lastChanged: date, id: p.id });
}

const TOKEN_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The token as the query gave it (ASP.NET already decoded once). Null when it is not ours. */
export function decodeToken(fromQuery: string): KeysetPosition | null {
  try {
    const parsed: unknown = JSON.parse(httpUtilityUrlDecode(fromQuery));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { lastChanged, id } = parsed as Record<string, unknown>;
    if (typeof lastChanged !== 'string' || !TOKEN_DATE.test(lastChanged) || typeof id !== 'string' || !GUID.test(id)) return null;
    return { lastChanged: Date.parse(lastChanged), id };
  } catch {
    return null;
  }
}

/**
 * The `next`/`self`-style link: every other parameter as the request had it (re-encoded once),
 * any old continuationToken replaced by the new one, encoded twice.
 */
export function nextLink(origin: string, path: string, query: URLSearchParams, position: KeysetPosition): string {
  const parts: string[] = [];
  for (const [k, v] of query) if (k !== 'continuationToken') parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  parts.push(`continuationToken=${encodeURIComponent(httpUtilityUrlEncode(encodePosition(position)))}`);
  return `${origin}${path}?${parts.join('&')}`;
}
