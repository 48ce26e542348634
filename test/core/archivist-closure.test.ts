import { describe, expect, it } from 'vitest';
import { caseNumberOf, closeCaseFile } from '../../electron/core/archivist/case-file-closure';
import { answeredPair, caseFile, entry } from './archivist-fixtures';

describe('case file closure (arkivstruktur.xsd v5.0 requires mappe/avsluttetDato)', () => {
  it('closes a case file whose application is answered and every entry archived: avsluttetDato is the latest journaldato, avsluttetAv the last caseworker', () => {
    const c = caseFile();
    const r = closeCaseFile(c);
    expect(r.closed).toBe(true);
    if (!r.closed) return;
    expect(r.caseFile.avsluttetDato).toBe('2026-03-10');
    expect(r.caseFile.avsluttetAv).toBe('Per Vedtak');
    expect(r.caseFile.entries).toHaveLength(2);
    expect(r.caseFile.systemId).toBe(c.systemId);
  });

  it('takes the latest journaldato even when the entries are not in date order', () => {
    const [i, u] = answeredPair({ u: { journaldato: '2026-04-01' } });
    const late = entry({ journaldato: '2026-05-05', journalposttype: 'U', saksbehandler: null, journalpostnummer: 3 });
    const r = closeCaseFile(caseFile({ entries: [i!, late, u!] }));
    expect(r.closed && r.caseFile.avsluttetDato).toBe('2026-05-05');
    // the last entry has no caseworker: the last one named before it
    expect(r.closed && r.caseFile.avsluttetAv).toBe('Per Vedtak');
  });

  it('names Postmottak as avsluttetAv when no caseworker is named', () => {
    const r = closeCaseFile(caseFile({ entries: answeredPair({ i: { saksbehandler: null }, u: { saksbehandler: '  ' } }) }));
    expect(r.closed && r.caseFile.avsluttetAv).toBe('Postmottak');
  });

  it('leaves out an unanswered application, saying so in Norwegian', () => {
    const r = closeCaseFile(caseFile({ entries: [entry()] }));
    expect(r).toEqual({ closed: false, leftOut: expect.objectContaining({ saksnummer: '2026/12', titlePublic: 'Barnehageplass – *****', reason: 'Søknaden er ikke besvart ennå' }) });
  });

  it('leaves out a case file with an entry the archive refused, naming it by case number and position', () => {
    const [i, u] = answeredPair({ u: { status: 'failed', journalpostnummer: null, journalaar: null, journalsekvensnummer: null } });
    const r = closeCaseFile(caseFile({ entries: [i!, u!] }));
    expect(!r.closed && r.leftOut.reason).toBe('Journalpost 2026/12-2 er ikke arkivert (avvist av arkivet)');
  });

  it('names pending and waiting entries, an archived entry lacking its numbers, and an empty case file', () => {
    const pending = closeCaseFile(caseFile({ entries: answeredPair({ u: { status: 'pending', journalpostnummer: null } }) }));
    expect(!pending.closed && pending.leftOut.reason).toBe('Journalpost 2026/12-2 er ikke arkivert ennå');
    const waiting = closeCaseFile(caseFile({ entries: answeredPair({ u: { status: 'awaiting-receipt', journalpostnummer: null } }) }));
    expect(!waiting.closed && waiting.leftOut.reason).toBe('Journalpost 2026/12-2 venter på kvittering fra arkivet');
    const noSeq = closeCaseFile(caseFile({ entries: answeredPair({ u: { journalsekvensnummer: null } }) }));
    expect(!noSeq.closed && noSeq.leftOut.reason).toBe('Journalpost 2026/12-2 mangler journalnummer fra arkivet');
    const empty = closeCaseFile(caseFile({ entries: [] }));
    expect(!empty.closed && empty.leftOut.reason).toBe('Saksmappen har ingen journalposter');
  });

  it('names an entry by its public title before the case file has a number, and never by the screened title', () => {
    const r = closeCaseFile(caseFile({ saksaar: null, sakssekvensnummer: null, entries: [entry({ status: 'pending', journalpostnummer: null })] }));
    expect(r.closed).toBe(false);
    if (r.closed) return;
    expect(r.leftOut.saksnummer).toBeNull();
    expect(r.leftOut.reason).toContain('Journalposten «Søknad om barnehageplass – ***** – Solstrålen» er ikke arkivert ennå');
    expect(r.leftOut.reason).toContain('Søknaden er ikke besvart ennå');
    expect(r.leftOut.reason).not.toContain('Ola');
  });

  it('lists several reasons and caps them', () => {
    const entries = [1, 2, 3, 4, 5].map(() => entry({ status: 'failed', journalpostnummer: null }));
    const r = closeCaseFile(caseFile({ entries }));
    expect(!r.closed && r.leftOut.reason).toMatch(/^Journalpost 2026\/12-1 er ikke arkivert \(avvist av arkivet\); Journalpost 2026\/12-2 .*; og 7 til$/);
  });

  it('treats an entry an archivist marked handled as done, but keeps it out of the package (the schema requires its numbers)', () => {
    const [i, u] = answeredPair({ u: { status: 'failed', journalpostnummer: null, journalaar: null, journalsekvensnummer: null, journaldato: '2026-03-20' } });
    const r = closeCaseFile(caseFile({ entries: [i!, u!] }), (id) => id === u!.id);
    expect(r.closed).toBe(true);
    if (!r.closed) return;
    expect(r.caseFile.entries.map((e) => e.id)).toEqual([i!.id]);
    expect(r.caseFile.avsluttetDato).toBe('2026-03-20');
  });

  it('leaves out a case file the archive never numbered, and one whose only entries were handled by hand', () => {
    const noNumber = closeCaseFile(caseFile({ saksaar: null, sakssekvensnummer: null }));
    expect(!noNumber.closed && noNumber.leftOut.reason).toBe('Saksmappen har ikke fått saksnummer i arkivet');
    const e = entry({ journalposttype: 'U', status: 'failed', journalpostnummer: null });
    const handledOnly = closeCaseFile(caseFile({ entries: [e] }), () => true);
    expect(!handledOnly.closed && handledOnly.leftOut.reason).toBe('Ingen av journalpostene i saksmappen har journalnummer fra arkivet');
  });

  it('with two applications, names the unanswered one', () => {
    const [i, u] = answeredPair();
    const i2 = entry({ journalpostnummer: 3 });
    const r = closeCaseFile(caseFile({ entries: [i!, u!, i2] }));
    expect(!r.closed && r.leftOut.reason).toBe('Journalpost 2026/12-3 (søknad) er ikke besvart ennå');
  });

  it('writes case numbers as saksaar/sakssekvensnummer', () => {
    expect(caseNumberOf({ saksaar: 2026, sakssekvensnummer: 7 })).toBe('2026/7');
    expect(caseNumberOf({ saksaar: 2026, sakssekvensnummer: null })).toBeNull();
  });
});
