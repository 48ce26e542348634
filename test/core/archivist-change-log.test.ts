import { describe, expect, it } from 'vitest';
import { changeLog, changesOf, subjectKey, type ChangeLogContext } from '../../electron/core/archivist/change-log';
import type { AuditEntry } from '../../electron/core/ports/audit-log.port';
import { auditEntry } from './archivist-fixtures';

const I_SYS = '11111111-1111-4111-8111-111111111111';
const U_SYS = '22222222-2222-4222-8222-222222222222';
const CASE_SYS = '33333333-3333-4333-8333-333333333333';
const OTHER_SYS = '44444444-4444-4444-8444-444444444444';
// 15 March 2026 10:00 in Oslo (UTC+1)
const AT = Date.UTC(2026, 2, 15, 9);

const ctx: ChangeLogContext = {
  timezone: 'Europe/Oslo',
  systemIdOf: async (k) => ({ 'jp-1': I_SYS, 'jp-svar-r1': U_SYS, 'jp-other': OTHER_SYS })[k],
  caseFileSystemId: (id) => (id === 7 ? CASE_SYS : undefined),
  actorName: (a) => (a === 'siri' ? 'Siri Arkivar' : a),
};

async function all(it: AsyncIterable<unknown>): Promise<unknown[]> {
  const out = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('endringslogg from the audit trail (endringslogg.xsd v5.0)', () => {
  it('reads the external key from the audit subject; a reply names its U', () => {
    expect(subjectKey('entry:jp-1')).toBe('jp-1');
    expect(subjectKey('case-file:sak-1')).toBe('sak-1');
    expect(subjectKey('reply:r1')).toBe('jp-svar-r1');
    expect(subjectKey('submission:abc')).toBeNull();
    expect(subjectKey(null)).toBeNull();
    expect(subjectKey('entry:')).toBeNull();
  });

  it('archive.archived: journalstatus «Arkivert» and the journalpostnummer, by Postmottak, at the local time with offset', async () => {
    const a = auditEntry('archive.archived', 'entry:jp-1', { transport: 'noark5-rest', saksnummer: '2026/12', journalpostnummer: 1 }, { at: AT });
    expect(await changesOf(a, ctx)).toEqual([
      { referanseArkivenhet: I_SYS, referanseMetadata: 'journalstatus', endretDato: '2026-03-15T10:00:00+01:00', endretAv: 'Postmottak', tidligereVerdi: null, nyVerdi: 'Arkivert' },
      { referanseArkivenhet: I_SYS, referanseMetadata: 'journalpostnummer', endretDato: '2026-03-15T10:00:00+01:00', endretAv: 'Postmottak', tidligereVerdi: null, nyVerdi: '1' },
    ]);
  });

  it('archive.marked-sent: journalstatus «Ekspedert» and sendtDato in local time', async () => {
    const a = auditEntry('archive.marked-sent', 'entry:jp-svar-r1', { sentAt: '2026-06-01T08:30:00.000Z', channel: 'altinn', printedAt: null });
    const out = await changesOf(a, ctx);
    expect(out.map((c) => [c.referanseArkivenhet, c.referanseMetadata, c.tidligereVerdi, c.nyVerdi])).toEqual([
      [U_SYS, 'journalstatus', 'Arkivert', 'Ekspedert'],
      [U_SYS, 'sendtDato', null, '2026-06-01T10:30:00+02:00'],
    ]);
  });

  it('reply.confirm-recipient: korrespondansepartNavn from the form name to the confirmed register name, by the caseworker', async () => {
    const a = auditEntry('reply.confirm-recipient', 'reply:r1', { registerName: 'Kari Nordmann', formName: 'Kari Nordman' }, { actor: 'siri' });
    expect(await changesOf(a, ctx)).toEqual([expect.objectContaining({ referanseArkivenhet: U_SYS, referanseMetadata: 'korrespondansepartNavn', endretAv: 'Siri Arkivar', tidligereVerdi: 'Kari Nordman', nyVerdi: 'Kari Nordmann' })]);
    const noPrev = await changesOf(auditEntry('reply.confirm-recipient', 'reply:r1', { registerName: 'Kari Nordmann' }), ctx);
    expect(noPrev[0]!.tidligereVerdi).toBeNull();
  });

  it("the archivist's recreate (the case file's numbers forgotten) and mark-handled (the note, person numbers masked)", async () => {
    const recreate = auditEntry('archivist.recreate-case-file', 'entry:jp-1', { caseFileId: 7, saksaar: 2026, sakssekvensnummer: 12, reason: 'Arkivet mistet mappen' }, { actor: 'siri' });
    expect((await changesOf(recreate, ctx)).map((c) => [c.referanseArkivenhet, c.referanseMetadata, c.tidligereVerdi, c.nyVerdi])).toEqual([
      [CASE_SYS, 'saksaar', '2026', null],
      [CASE_SYS, 'sakssekvensnummer', '12', null],
    ]);
    // a case file not in the package has no systemID here
    expect(await changesOf({ ...recreate, details: { ...recreate.details, caseFileId: 8 } }, ctx)).toEqual([]);
    const handled = auditEntry('archivist.mark-handled', 'entry:jp-1', { note: 'Registrert manuelt for 01017012345' }, { actor: 'siri' });
    expect(await changesOf(handled, ctx)).toEqual([expect.objectContaining({ referanseArkivenhet: I_SYS, referanseMetadata: 'merknadstekst', nyVerdi: 'Registrert manuelt for ***********' })]);
  });

  it('ignores actions that change no archived metadata, and subjects it cannot resolve', async () => {
    expect(await changesOf(auditEntry('archive.rejected', 'entry:jp-1', { message: 'x' }), ctx)).toEqual([]);
    expect(await changesOf(auditEntry('archivist.retry', 'entry:jp-1', {}), ctx)).toEqual([]);
    expect(await changesOf(auditEntry('archive.archived', 'entry:unknown', { journalpostnummer: 1 }), ctx)).toEqual([]);
  });

  it('streams only the changes whose arkivenhet is in the package', async () => {
    async function* audit(): AsyncIterable<AuditEntry> {
      yield auditEntry('archive.archived', 'entry:jp-1', { journalpostnummer: 1 });
      yield auditEntry('desk.note', 'submission:x', {});
      yield auditEntry('archive.archived', 'entry:jp-other', { journalpostnummer: 4 });
      yield auditEntry('archive.marked-sent', 'entry:jp-svar-r1', { sentAt: '2026-06-01T08:30:00.000Z' });
    }
    const inPackage = new Set([I_SYS, U_SYS]);
    const out = (await all(changeLog(audit(), ctx, (id) => inPackage.has(id)))) as { referanseArkivenhet: string }[];
    expect(out).toHaveLength(4);
    expect(out.every((c) => inPackage.has(c.referanseArkivenhet))).toBe(true);
  });
});
