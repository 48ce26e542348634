/**
 * A received message read with the simulator's own code (not nodemailer's), so the adapter and
 * the simulator cannot share a blind spot: RFC 5322 header fields (unfolding, §2.2.3), RFC 2047
 * encoded words in the subject, and the body's RFC 2045 transfer encodings (quoted-printable,
 * §6.7; base64, §6.8) as UTF-8. One text part is all the alert mails have; a multipart message
 * keeps its first text/plain part.
 */

export interface ParsedMessage {
  /** Header names lower-cased; a repeated field keeps its first value. */
  headers: Record<string, string>;
  subject: string;
  text: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: '' };
  const sep = /\r?\n\r?\n/.exec(raw.slice(at))![0];
  return { head: raw.slice(0, at), body: raw.slice(at + sep.length) };
}

function headerFields(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  // RFC 5322 §2.2.3: a line starting with white space continues the field before it
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in out)) out[name] = line.slice(colon + 1).trim();
  }
  return out;
}

function bytesOfQuotedPrintable(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words (=?charset?B|Q?text?=); white space between two adjacent words is dropped (§6.2). */
export function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  const joined = value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1');
  return joined.replace(word, (_m, charset: string, enc: string, text: string) => {
    const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : bytesOfQuotedPrintable(text.replace(/_/g, ' '));
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  });
}

function charsetOf(contentType: string | undefined): string {
  return /charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
}

function decodeBody(body: string, headers: Record<string, string>): string {
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes = cte === 'quoted-printable' ? bytesOfQuotedPrintable(body) : cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'utf8');
  return new TextDecoder(charsetOf(headers['content-type'])).decode(bytes).replace(/\r\n/g, '\n').replace(/\n$/, '');
}

export function parseMessage(raw: string): ParsedMessage {
  const { head, body } = splitHead(raw);
  const headers = headerFields(head);
  const subject = decodeWords(headers.subject ?? '');
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const p = splitHead(part.replace(/^\r?\n/, ''));
      const ph = headerFields(p.head);
      if (/^text\/plain/i.test(ph['content-type'] ?? 'text/plain')) return { headers, subject, text: decodeBody(p.body.replace(/\r?\n$/, ''), ph) };
    }
    return { headers, subject, text: '' };
  }
  return { headers, subject, text: decodeBody(body, headers) };
}
