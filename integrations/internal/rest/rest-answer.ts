import { IntegrationError } from '../../../electron/core/errors';
import { retryAfterMs } from '../../shared/http';

/**
 * Reading a REST target's answer: its reference (a field or a JSON Pointer), and a refusal's own
 * words (RFC 9457 problem+json `detail`/`title`, or a plain `message`) turned into the fixed
 * error kinds. The target's words are shown on the case and in Jobber, so they are cleaned:
 * no 11-digit runs (a fødselsnummer the target echoed), no control characters, a bounded length.
 */

const MAX_MESSAGE = 500;

/** The reference at `field` (a name, or a JSON Pointer starting with /), as a string; null when absent. */
export function referenceAt(answer: unknown, field: string): string | null {
  let at: unknown = answer;
  const steps = field.startsWith('/') ? field.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : [field];
  for (const step of steps) {
    if (at === null || typeof at !== 'object') return null;
    at = Array.isArray(at) ? (/^(0|[1-9]\d*)$/.test(step) ? at[Number(step)] : undefined) : (at as Record<string, unknown>)[step];
  }
  if (typeof at === 'string') return at === '' ? null : at;
  if (typeof at === 'number' && Number.isFinite(at)) return String(at);
  return null;
}

export function cleanMessage(s: string): string {
  const one = s
    .replace(/\d{11}/g, '***********')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return one.length > MAX_MESSAGE ? `${one.slice(0, MAX_MESSAGE - 1)}…` : one;
}

/** The target's own message in an error body, cleaned; null when it gives none we can read. */
export function targetMessage(body: Uint8Array, contentType: string | null): string | null {
  const text = Buffer.from(body).toString('utf8');
  if (!text.trim()) return null;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    if (json && typeof json === 'object') {
      const str = (k: string) => (typeof json[k] === 'string' && (json[k] as string).trim() ? (json[k] as string) : null);
      // problem+json: detail is this occurrence, title the kind; plain APIs say message or error_description
      const detail = str('detail') ?? str('message') ?? str('error_description');
      const title = str('title');
      const words = detail ?? title ?? str('error');
      return words === null ? null : cleanMessage(words);
    }
  } catch {
    // not JSON: a short plain-text answer is still the target's own words
  }
  return /^text\/plain\b/i.test(contentType ?? '') ? cleanMessage(text) || null : null;
}

/** The error kind for a refused hand-over, with the target's own words where it gave them. */
export function refusal(status: number, headers: Headers, words: string | null, name: string, integration: string): IntegrationError {
  const why = words ? `: ${words}` : '';
  const o = { integration };
  if (status === 400 || status === 409 || status === 422) return new IntegrationError('validation', `${name} avviste overføringen (HTTP ${status})${why}`, o);
  if (status === 401 || status === 403) return new IntegrationError('auth', `${name}: ingen tilgang (HTTP ${status})${why}`, o);
  if (status === 429) return new IntegrationError('rate-limited', `${name}: for mange forespørsler (HTTP 429)`, { ...o, retryAfterMs: retryAfterMs(headers.get('retry-after')) });
  if (status === 408 || status >= 500) return new IntegrationError('transient', `${name}: midlertidig feil (HTTP ${status})${why}`, o);
  if (status >= 300 && status < 400) return new IntegrationError('permanent', `${name}: uventet videresending (HTTP ${status}); sjekk adressen`, o);
  return new IntegrationError('permanent', `${name} avviste overføringen (HTTP ${status})${why}`, o);
}
