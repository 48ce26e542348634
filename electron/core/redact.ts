/**
 * Redaction for logs and error texts: fødselsnummer (11 digits) and secrets never leave
 * in clear. Keys that name secrets are blanked whatever their value.
 */
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|private[-_]?key|cookie|fnr|f(ø|o)dselsnummer|ssn/i;
const FNR = /(?<!\d)(\d{6})\s?(\d{5})(?!\d)/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

export function redactText(text: string): string {
  return text.replace(FNR, '$1*****').replace(BEARER, '$1 [skjult]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[skjult]' : redact(v, depth + 1);
    return out;
  }
  return value;
}
