import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { IntegrationError } from '../../../electron/core/errors';
import type { PublicJournalInput, PublicJournalRow, PublicJournalWriter } from '../../../electron/core/ports/archive-extraction.port';
import { KORRESPONDANSEPARTTYPE } from '../noark-codes';
import { osloDate } from '../noark4-ws.mapper';
import { createPublicJournalPdfRenderer } from './public-journal-pdf.renderer';

/**
 * The public journal (offentlig journal) for a day or a period: offentligJournal.xml, valid against
 * Noark 5 v5.0 offentligJournal.xsd, and the same rows as a PDF/A list (public-journal-pdf.renderer).
 * The rows come screened from core (names «Skjermet», titles their public form); this writer adds
 * nothing screened back: no klasse (its klasseID can be a fødselsnummer), no correspondent
 * addresses or numbers. The journalhode states the number of entries before them, so the entries
 * are streamed to a temp file first and the file is put together at the end.
 */

export interface PublicJournalWriterDeps {
  /** The app's resources folder: fonts/ (DejaVu Sans) and icc/sRGB.icc for the PDF/A. */
  resourcesDir: string;
  /** Rows the PDF list holds at most (default MAX_PDF_ROWS); the XML always has them all. */
  maxPdfRows?: number;
}

export const PUBLIC_JOURNAL_FILES = { xml: 'offentligJournal.xml', pdf: 'offentligJournal.pdf' } as const;
const NS = 'http://www.arkivverket.no/standarder/noark5/offentligJournal';

// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const text = (s: string): string =>
  s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
/** A simple element, left out when empty (the schema's string types have minLength 1). */
const opt = (name: string, v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s ? `<${name}>${text(s)}</${name}>` : '';
};

/** "2026/123" → saksaar and sakssekvensnummer (offentligJournal.xsd saksmappe requires both). */
export function parseSaksnummer(s: string | null): { saksaar: number; sakssekvensnummer: number } | null {
  const m = s ? /^\s*(\d{4})\s*\/\s*(\d+)\s*$/.exec(s) : null;
  return m ? { saksaar: Number(m[1]), sakssekvensnummer: Number(m[2]) } : null;
}

/** The numbers offentligJournal.xsd requires of every entry; null when the archive has not given them yet. */
function numbersOf(r: PublicJournalRow) {
  const sak = parseSaksnummer(r.saksnummer);
  if (!sak || r.journalaar === null || r.journalsekvensnummer === null || r.journalpostnummer === null) return null;
  return { ...sak, journalaar: r.journalaar, journalsekvensnummer: r.journalsekvensnummer, journalpostnummer: r.journalpostnummer };
}

/** One journalregistrering (offentligJournal.xsd: saksmappe, journalpost; elements in the xs:sequence order). */
export function journalregistrering(r: PublicJournalRow, n: NonNullable<ReturnType<typeof numbersOf>>): string {
  const saksnummer = `${n.saksaar}/${n.sakssekvensnummer}`;
  const saksmappe =
    '<saksmappe>' +
    opt('mappeID', saksnummer) +
    opt('saksaar', n.saksaar) +
    opt('sakssekvensnummer', n.sakssekvensnummer) +
    opt('offentligTittel', r.caseTitle) +
    '</saksmappe>';
  // korrespondansepart is 1..n; an entry registered without one says so rather than leaving the schema unmet
  const parts = r.correspondents.length ? r.correspondents : [{ role: r.journalposttype === 'I' ? ('avsender' as const) : ('mottaker' as const), name: '' }];
  const korrespondanseparter = parts
    .map((c) => `<korrespondansepart>${opt('korrespondanseparttype', KORRESPONDANSEPARTTYPE[c.role].text)}${opt('korrespondansepartNavn', c.name.trim() || 'Ikke oppgitt')}</korrespondansepart>`)
    .join('');
  const journalpost =
    '<journalpost>' +
    opt('systemID', r.systemId) +
    opt('registreringsID', `${saksnummer}-${n.journalpostnummer}`) +
    opt('journalaar', n.journalaar) +
    opt('journalsekvensnummer', n.journalsekvensnummer) +
    opt('journalpostnummer', n.journalpostnummer) +
    opt('offentligTittel', r.title) +
    opt('journaldato', osloDate(r.journaldato)) +
    opt('dokumentetsDato', osloDate(r.dokumentetsDato)) +
    opt('administrativEnhet', r.administrativEnhet) +
    opt('saksbehandler', r.saksbehandler) +
    opt('skjermingshjemmel', r.skjermingshjemmel) +
    korrespondanseparter +
    '</journalpost>';
  return `<journalregistrering>${saksmappe}${journalpost}</journalregistrering>\n`;
}

async function write(s: WriteStream, chunk: string): Promise<void> {
  if (!s.write(chunk)) await once(s, 'drain');
}

export function createPublicJournalWriter(deps: PublicJournalWriterDeps): PublicJournalWriter {
  const pdfRenderer = createPublicJournalPdfRenderer({
    fontDir: path.join(deps.resourcesDir, 'fonts'),
    iccProfile: path.join(deps.resourcesDir, 'icc', 'sRGB.icc'),
    ...(deps.maxPdfRows === undefined ? {} : { maxRows: deps.maxPdfRows }),
  });

  return {
    async write(input: PublicJournalInput) {
      const { meta } = input;
      await mkdir(input.outDir, { recursive: true });
      const xmlPath = path.join(input.outDir, PUBLIC_JOURNAL_FILES.xml);
      const pdfPath = path.join(input.outDir, PUBLIC_JOURNAL_FILES.pdf);
      const bodyPath = path.join(input.outDir, `.${PUBLIC_JOURNAL_FILES.xml}.body.tmp`);

      const pdf = await pdfRenderer.start({ meta });
      const body = createWriteStream(bodyPath);
      let rows = 0;
      let leftOut = 0;
      try {
        for await (const r of input.rows) {
          const n = numbersOf(r);
          if (!n) {
            leftOut++;
            continue;
          }
          await write(body, journalregistrering(r, n));
          pdf.add(r);
          rows++;
        }
        body.end();
        await once(body, 'close');
        if (rows === 0) {
          throw new IntegrationError('validation', `Ingen journalposter med saks- og journalnummer i perioden ${meta.range.from}–${meta.range.to}; offentligJournal.xsd krever minst én.`, {
            integration: 'public-journal',
          });
        }

        const head =
          `<?xml version="1.0" encoding="UTF-8"?>\n<offentligJournal xmlns="${NS}">\n<journalhode>` +
          opt('journalStartDato', meta.range.from) +
          opt('journalSluttDato', meta.range.to) +
          opt('seleksjon', 'Journalposter med journaldato i perioden. Skjermede opplysninger er fjernet.') +
          opt('antallJournalposter', rows) +
          `<arkivskaper>${opt('arkivskaperID', meta.arkivskaper.id)}${opt('arkivskaperNavn', meta.arkivskaper.name)}</arkivskaper>` +
          '</journalhode>\n';
        const out = createWriteStream(xmlPath);
        await write(out, head);
        await pipeline(createReadStream(bodyPath), out, { end: false });
        out.end('</offentligJournal>\n');
        await once(out, 'close');

        await writeFile(pdfPath, await pdf.finish({ rows, leftOut }));
      } catch (e) {
        body.destroy();
        throw e;
      } finally {
        await rm(bodyPath, { force: true });
      }
      return { xml: xmlPath, pdf: pdfPath, rows };
    },
  };
}
