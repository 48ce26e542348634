import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../electron/core/redact';

describe('redaction', () => {
  it('masks fødselsnummer and bearer tokens in text', () => {
    expect(redactText('Søker 01017012345 har søkt')).toBe('Søker 010170***** har søkt');
    expect(redactText('Authorization: Bearer eyJhbGciOi.x.y')).toBe('Authorization: Bearer [skjult]');
    // order numbers longer than 11 digits are left alone
    expect(redactText('ref 123456789012')).toBe('ref 123456789012');
  });

  it('blanks values under secret-like keys, deeply', () => {
    expect(redact({ user: 'kari', password: 'x', nested: { apiKey: 'k', list: [{ token: 't', fnr: '01017012345' }] } })).toEqual({
      user: 'kari',
      password: '[skjult]',
      nested: { apiKey: '[skjult]', list: [{ token: '[skjult]', fnr: '[skjult]' }] },
    });
  });
});
