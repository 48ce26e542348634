/**
 * The export benchmark's store (#16): `caseFiles` closed case files in one arkivdel, each an
 * application (journalpost I, archived) answered by a letter (journalpost U, archived and sent)
 * that avskriver it, one document of about 2 KB per entry (a small PDF that declares PDF/A-2b,
 * so it is copied, not converted), a fifth of them screened. Multi-row INSERTs, 500 case files a
 * unit of work, deterministic.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Store } from '../../electron/store';
import type { SqlValue } from '../../electron/store/sql/sql-client';
import { FIRST, LAST, PLACES, STREETS, pad, prng } from './bench-seed';

export const BENCH_ARKIVDEL = 'SAK';
export const BENCH_FROM = '2026-01-01';
export const BENCH_TO = '2026-12-31';
const DAY = 86_400_000;
const CLASSES = ['A10', 'A20', 'B31', 'C00', 'F40', 'G11', 'H00'];

/** A one-page PDF of about `size` bytes with PDF/A-2b identification in its XMP; the text makes it unique. */
export function smallPdfA(text: string, size = 2048): Buffer {
  const xmp =
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>' +
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  const base = `BT /F1 11 Tf 50 780 Td (${text.replace(/[()\\]/g, '')}) Tj ET\n`;
  // pad the page content with comments to the wanted size
  const filler = Math.max(0, size - 900 - xmp.length - base.length);
  const content = base + ('% ' + 'x'.repeat(76) + '\n').repeat(Math.ceil(filler / 80)).slice(0, filler);
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(xmp)} >>\nstream\n${xmp}\nendstream`,
  ];
  let out = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${pad(o, 10)} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Seeds `caseFiles` closed case files (2 × caseFiles registry entries and documents). */
export async function seedArchive(store: Pick<Store, 'sql' | 'uow'>, caseFiles: number): Promise<{ entries: number; documents: number }> {
  const { sql } = store;
  const r = prng(16);
  const BATCH = 500;
  const start = Date.UTC(2026, 0, 2, 8);
  let seq = 0;
  for (let first = 0; first < caseFiles; first += BATCH) {
    const count = Math.min(BATCH, caseFiles - first);
    await store.uow.run(async () => {
      const rows = Array.from({ length: count }, (_, k) => {
        const i = first + k;
        const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
        const screened = r.next() < 0.2;
        const at = start + Math.floor((i / caseFiles) * 340 * DAY) + r.int(8 * 3600_000);
        return { i, name, screened, at, klass: r.pick(CLASSES), street: `${r.pick(STREETS)} ${1 + r.int(120)}`, place: r.pick(PLACES), postal: pad(r.int(10_000), 4) };
      });
      const subs = await sql.all<{ id: number }>(
        `INSERT INTO submissions (public_id, status, service_key, profile_id, profile_version, applicant_name, title, title_public, submitted_at, received_at)
         VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} RETURNING id`,
        rows.flatMap((x) => [randomUUID(), 'received', 'kommune/bench', 'bench', 1, x.name, `Søknad - ${x.name}`, 'Søknad - *****', x.at - 60_000, x.at]),
      );
      const blobs: SqlValue[] = [];
      const docOf = (label: string) => {
        const b = smallPdfA(label);
        const h = sha(b);
        blobs.push(h, b.length, b);
        return { h, size: b.length };
      };
      const screening = (x: (typeof rows)[number]) =>
        x.screened ? JSON.stringify({ tilgangsrestriksjon: '13', skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13', screenTitle: true, screenCorrespondent: true, screenDocuments: true }) : null;
      const files = await sql.all<{ id: number }>(
        `INSERT INTO archive_case_files (external_key, system_id, profile_id, applicant_key, title, title_public, arkivdel, ordningsprinsipp, ordningsverdi,
           administrativ_enhet, saksansvarlig, screening_json, saksdato, opened_at, transport, archive_system_id, saksaar, sakssekvensnummer, archived_at)
         VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} RETURNING id`,
        rows.flatMap((x) => [
          `sak-bench-${x.i}`, randomUUID(), 'bench', null, `Søknad - ${x.name}`, 'Søknad - *****', BENCH_ARKIVDEL, 'KK', x.klass,
          'Oppvekst', 'Kari Saksbehandler', screening(x), isoDate(x.at), x.at, 'noark5-rest', randomUUID(), 2026, x.i + 1, x.at + 60_000,
        ]),
      );
      const entryCols = `(external_key, system_id, case_file_id, submission_id, journalposttype, title, title_public, journaldato, dokumentets_dato,
           administrativ_enhet, saksbehandler, screening_json, closes_entry_id, avskrivningsmaate, status, transport, archive_system_id,
           journalaar, journalsekvensnummer, journalpostnummer, created_at, updated_at, archived_at)`;
      const ph = `(${Array(23).fill('?').join(', ')})`;
      const incoming = await sql.all<{ id: number }>(
        `INSERT INTO archive_entries ${entryCols} VALUES ${rows.map(() => ph).join(', ')} RETURNING id`,
        rows.flatMap((x, k) => [
          `jp-bench-${x.i}`, randomUUID(), files[k]!.id, subs[k]!.id, 'I', `Søknad - ${x.name}`, 'Søknad - *****', isoDate(x.at), new Date(x.at).toISOString(),
          'Oppvekst', 'Kari Saksbehandler', screening(x), null, null, 'archived', 'noark5-rest', randomUUID(), 2026, ++seq, 1, x.at, x.at + 60_000, x.at + 60_000,
        ]),
      );
      const replyAt = (x: (typeof rows)[number]) => x.at + (3 + (x.i % 10)) * DAY;
      const outgoing = await sql.all<{ id: number }>(
        `INSERT INTO archive_entries ${entryCols} VALUES ${rows.map(() => ph).join(', ')} RETURNING id`,
        rows.flatMap((x, k) => [
          `jp-bench-${x.i}-svar`, randomUUID(), files[k]!.id, subs[k]!.id, 'U', `Vedtak - ${x.name}`, 'Vedtak - *****', isoDate(replyAt(x)), new Date(replyAt(x)).toISOString(),
          'Oppvekst', 'Kari Saksbehandler', screening(x), incoming[k]!.id, 'BU', 'archived', 'noark5-rest', randomUUID(), 2026, ++seq, 2, replyAt(x), replyAt(x) + 60_000, replyAt(x) + 60_000,
        ]),
      );
      const corr: SqlValue[] = [];
      const docs: SqlValue[] = [];
      rows.forEach((x, k) => {
        for (const [entry, role] of [[incoming[k]!.id, 'avsender'], [outgoing[k]!.id, 'mottaker']] as const) {
          corr.push(entry, 1, role, x.name, null, null, x.street, x.postal, x.place);
          const d = docOf(`${role} ${x.i} ${x.name}`);
          docs.push(entry, 1, 'hoveddokument', role === 'avsender' ? 'Søknad' : 'Vedtak', role === 'avsender' ? 'Søknad' : 'Brev', `${role}-${x.i}.pdf`, 'application/pdf', d.h, d.size);
        }
      });
      await sql.run(`INSERT INTO blobs (sha256, size, data) VALUES ${Array(blobs.length / 3).fill('(?, ?, ?)').join(', ')}`, blobs);
      await sql.run(
        `INSERT INTO archive_correspondents (entry_id, seq, role, name, person_number, organisation_number, street, postal_code, postal_place) VALUES ${Array(corr.length / 9).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        corr,
      );
      await sql.run(
        `INSERT INTO archive_documents (entry_id, number, role, title, dokumenttype, filename, content_type, sha256, size) VALUES ${Array(docs.length / 9).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        docs,
      );
    });
  }
  return { entries: caseFiles * 2, documents: caseFiles * 2 };
}
