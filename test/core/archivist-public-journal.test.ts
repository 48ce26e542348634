import { describe, expect, it } from 'vitest';
import { isPublishable, publicJournalRows, SCREENED_NAME, toPublicJournalRow } from '../../electron/core/archivist/public-journal';
import type { JournalRow } from '../../electron/core/ports/archive-extract.port';
import { seededRandom } from '../helpers/fake-clock';
import { caseFile, entry, journalRow, screening } from './archivist-fixtures';

const FIRST = ['Kari', 'Ola', 'Åse', 'Øystein', 'Jo', 'Li', 'Mari-Ann', 'Bjørn'];
const LAST = ['Nordmann', 'Hansen', 'Ødegård', 'Berg', 'Lie', 'Aas'];
const CHILD = ['Emma', 'Noah', 'Sofie', 'Jakob', 'Ella', 'Ask'];

/** A row where the applicant's name is in the case title and a child's name in the entry title, with screening where `screened`. */
function randomRow(rnd: () => number, screened: 'entry' | 'case-file' | 'both' | 'none'): { row: JournalRow; name: string; child: string; fnr: string } {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const name = `${pick(FIRST)} ${pick(LAST)}`;
  const child = pick(CHILD);
  const fnr = String(10_000_000_000 + Math.floor(rnd() * 89_999_999_999));
  const s = screening();
  const c = caseFile({ title: `Barnehageplass – ${name}`, titlePublic: 'Barnehageplass – *****', screening: screened === 'case-file' || screened === 'both' ? s : null });
  const e = entry({
    title: `Søknad om plass for ${child} (${fnr}) – Solstrålen`,
    titlePublic: 'Søknad om plass for ***** – Solstrålen',
    screening: screened === 'entry' || screened === 'both' ? s : null,
    correspondents: [{ role: 'avsender', name, personNumber: fnr, organisationNumber: null, address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' } }],
  });
  return { row: journalRow(c, e), name, child, fnr };
}

describe('public journal rows (offentleglova; offentligJournal.xsd v5.0)', () => {
  it('property: over many rows screened on the entry, the case file or both, no screened name, title part or person number survives', () => {
    const rnd = () => r.next();
    const r = seededRandom(16);
    for (let n = 0; n < 300; n++) {
      const where = (['entry', 'case-file', 'both'] as const)[n % 3]!;
      const { row, name, child, fnr } = randomRow(rnd, where);
      const out = toPublicJournalRow(row);
      const text = JSON.stringify(out);
      for (const part of [name, ...name.split(/[\s-]+/)]) expect(text, `${where}: ${part}`).not.toMatch(new RegExp(`(?<![\\p{L}])${part}(?![\\p{L}])`, 'u'));
      expect(text).not.toContain(child);
      expect(text).not.toContain(fnr);
      expect(text).not.toContain(fnr.slice(0, 6));
      expect(out.correspondents).toEqual([{ role: 'avsender', name: SCREENED_NAME }]);
      expect(out.skjermingshjemmel).toBe('Offl. § 13 jf. fvl. § 13');
    }
  });

  it('an unscreened row is shown as registered, except person numbers, which never are', () => {
    const r = seededRandom(3);
    const { row, name, child, fnr } = randomRow(() => r.next(), 'none');
    const out = toPublicJournalRow(row);
    expect(out.correspondents[0]!.name).toBe(name);
    expect(out.caseTitle).toBe(row.caseFile.title);
    expect(out.title).toContain(child);
    expect(out.title).not.toContain(fnr);
    expect(out.title).toContain('***********');
    expect(out.skjermingshjemmel).toBeNull();
    expect(JSON.stringify(out)).not.toContain('Storgata');
  });

  it('masks a screened name even where the public title still carries it (a title mistake must not leak it)', () => {
    const c = caseFile({ screening: screening(), title: 'Sak for Kari Nordmann', titlePublic: 'Sak for Kari Nordmann' });
    const e = entry({ screening: screening(), title: 'Søknad fra Kari Nordmann', titlePublic: 'Søknad fra Nordmann, Kari' });
    const out = toPublicJournalRow(journalRow(c, e));
    expect(out.caseTitle).toBe('Sak for *****');
    expect(out.title).toBe('Søknad fra *****, *****');
  });

  it('uses the public case title when only the case file is screened, and the public entry title when only screenTitle is set', () => {
    const titleOnly = screening({ screenCorrespondent: false });
    const out = toPublicJournalRow(journalRow(caseFile({ screening: null }), entry({ screening: titleOnly })));
    expect(out.title).toBe('Søknad om barnehageplass – ***** – Solstrålen');
    expect(out.caseTitle).toBe('Barnehageplass – *****'); // screenTitle on the entry covers the case title too
    expect(out.correspondents[0]!.name).toBe('Kari Nordmann');
    const fileOnly = toPublicJournalRow(journalRow(caseFile({ screening: screening({ screenTitle: false, screenCorrespondent: false }) }), entry()));
    expect(fileOnly.caseTitle).toBe('Barnehageplass – *****');
    expect(fileOnly.title).toBe('Søknad om barnehageplass – Ola – Solstrålen');
  });

  it('carries the numbers, dates and unit, and streams', async () => {
    const c = caseFile();
    const rows = c.entries.map((e) => journalRow(c, e));
    async function* src() {
      yield* rows;
    }
    const out = [];
    for await (const r of publicJournalRows(src())) out.push(r);
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ journalposttype: 'U', saksnummer: '2026/12', journalpostnummer: 2, journaldato: '2026-03-10', administrativEnhet: 'Oppvekst', saksbehandler: 'Per Vedtak', mappeSystemId: c.systemId });
  });

  it('publishes only numbered rows (offentligJournal.xsd v5.0 requires the case and journal numbers) and says which waited', async () => {
    const c = caseFile();
    const pending = entry({ status: 'pending', journalpostnummer: null, journalaar: null, journalsekvensnummer: null });
    const unnumberedCase = caseFile({ saksaar: null, sakssekvensnummer: null });
    const rows = [...c.entries.map((e) => journalRow(c, e)), journalRow(c, pending), journalRow(unnumberedCase, unnumberedCase.entries[0]!)];
    expect(rows.map(isPublishable)).toEqual([true, true, false, false]);
    async function* src() {
      yield* rows;
    }
    const skipped: string[] = [];
    const out = [];
    for await (const r of publicJournalRows(src(), (r) => skipped.push(r.externalKey))) out.push(r.systemId);
    expect(out).toEqual(c.entries.map((e) => e.systemId));
    expect(skipped).toEqual([pending.externalKey, unnumberedCase.entries[0]!.externalKey]);
  });
});
