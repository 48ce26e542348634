// #13 item 13: a form that breaks off is reported where it breaks off, in libxml2's words (the explanation translates them).
import { describe, expect, it } from 'vitest';
import { parseXmlSafe } from '../../integrations/shared/xml/safe-xml';

const read = (xml: string) => parseXmlSafe(xml, { maxBytes: 1_000_000 });

describe('#13 item 13: the not-well-formed report', () => {
  it('a truncated form: the line and column where the data ends, and the elements left open (not "Linje 1, kolonne 1: Invalid [...]")', () => {
    const r = read('<?xml version="1.0"?>\n<Soknad>\n  <Begrunnelse>Vi skal på');
    expect(r).toEqual({ ok: false, code: 'not-well-formed', reason: 'Linje 3, kolonne 26: Premature end of data in tag Begrunnelse (unclosed: Soknad, Begrunnelse)' });
  });

  it('a mismatched end tag, as libxml2 says it', () => {
    const r = read('<Soknad>\n  <Barn>x</Barnx>\n</Soknad>');
    expect(r).toMatchObject({ ok: false, code: 'not-well-formed', reason: expect.stringMatching(/^Linje 2, kolonne \d+: Opening and ending tag mismatch: Barn line 2 and Barnx$/) });
  });

  it('other faults keep the parser’s position and message', () => {
    expect(read('<Soknad>\n<A x=1>x</A>\n</Soknad>')).toMatchObject({ ok: false, code: 'not-well-formed', reason: expect.stringMatching(/^Linje 2, kolonne 4: /) });
  });
});
