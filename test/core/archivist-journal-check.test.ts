import { describe, expect, it } from 'vitest';
import { addDays, MISSING, missingOf } from '../../electron/core/archivist/journal-check';
import { answeredPair, entry } from './archivist-fixtures';

// 2026-03-05 00:30 in Oslo is still 4 March in UTC: the local date counts
const NOW = Date.UTC(2026, 2, 4, 23, 30);
const o = { now: NOW, timezone: 'Europe/Oslo' };

describe('journal check: what an entry lacks', () => {
  it('a complete, answered application and its reply lack nothing', () => {
    for (const e of answeredPair()) expect(missingOf(e, o)).toEqual([]);
  });

  it('flags «Ikke avskrevet» on an unanswered application at once by default, after N days when configured (local date)', () => {
    const i = entry({ journaldato: '2026-03-02' });
    expect(missingOf(i, o)).toEqual(['Ikke avskrevet']);
    expect(missingOf(i, { ...o, unansweredDays: 3 })).toEqual(['Ikke avskrevet']); // 2 + 3 = 5 March, today in Oslo
    expect(missingOf(i, { ...o, unansweredDays: 4 })).toEqual([]);
    expect(missingOf(entry({ journalposttype: 'U' }), o)).toEqual([]);
  });

  it('flags a refused entry as refused and without number, unless an archivist marked it handled', () => {
    const [, u] = answeredPair({ u: { status: 'failed', journalpostnummer: null } });
    expect(missingOf(u!, o)).toEqual([MISSING.noNumber, MISSING.refused]);
    expect(missingOf(u!, { ...o, handled: true })).toEqual([]);
    const [, pending] = answeredPair({ u: { status: 'pending', journalpostnummer: null } });
    expect(missingOf(pending!, o)).toEqual(['Mangler journalpostnummer']);
  });

  it('flags a missing caseworker and a missing correspondent', () => {
    const [, u] = answeredPair({ u: { saksbehandler: null, correspondents: [] } });
    expect(missingOf(u!, o)).toEqual(['Mangler saksbehandler', 'Mangler korrespondansepart']);
    const [, blank] = answeredPair({ u: { saksbehandler: ' ', correspondents: [{ role: 'mottaker', name: ' ', personNumber: null, organisationNumber: null, address: null }] } });
    expect(missingOf(blank!, o)).toEqual(['Mangler saksbehandler', 'Mangler korrespondansepart']);
  });

  it('lists everything an entry lacks in a fixed order', () => {
    const e = entry({ status: 'failed', journalpostnummer: null, saksbehandler: null, correspondents: [] });
    expect(missingOf(e, o)).toEqual(['Ikke avskrevet', 'Mangler journalpostnummer', 'Avvist av arkivet', 'Mangler saksbehandler', 'Mangler korrespondansepart']);
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });
});
