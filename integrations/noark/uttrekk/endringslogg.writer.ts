import type { ChangeLogEntry, ExtractionMeta } from '../../../electron/core/ports/archive-extraction.port';
import { requireUuid, TEXT, type Dates } from './uttrekk.mapper';
import { XmlStreamWriter, type ClosedXmlFile } from './xml-stream.writer';

/**
 * endringslogg.xml (Noark 5 v5.0 endringslogg.xsd): endringslogg = endring+; endring = referanseArkivenhet,
 * referanseMetadata, endretDato, endretAv, tidligereVerdi, nyVerdi — all required, none may be empty.
 */

const NS = 'http://www.arkivverket.no/standarder/noark5/endringslogg';

/** A value that was not there: Arkade's own test extracts write NULL (StructureChecksums/correct/endringslogg.xml). */
const NO_VALUE = 'NULL';

export async function writeEndringslogg(
  file: string,
  changes: AsyncIterable<ChangeLogEntry>,
  ctx: { meta: ExtractionMeta; dates: Dates; arkivdelId: string },
): Promise<{ file: ClosedXmlFile; count: number }> {
  const w = new XmlStreamWriter(file).declaration();
  w.open('endringslogg', { xmlns: NS });
  let count = 0;
  const endring = (c: ChangeLogEntry) => {
    w.open('endring').leaf('referanseArkivenhet', requireUuid(c.referanseArkivenhet, 'Endringsloggen'));
    w.leaf('referanseMetadata', c.referanseMetadata).leaf('endretDato', ctx.dates.isoDateTime(c.endretDato)).leaf('endretAv', c.endretAv);
    w.leaf('tidligereVerdi', c.tidligereVerdi?.trim() ? c.tidligereVerdi : NO_VALUE).leaf('nyVerdi', c.nyVerdi?.trim() ? c.nyVerdi : NO_VALUE);
    w.close('endring');
    count++;
  };
  try {
    for await (const c of changes) {
      endring(c);
      await w.maybeFlush();
    }
    // endring is 1..n. With no audited change in the period, the one change the package itself makes is
    // logged: the arkivdel is closed (arkivdelstatus → «Avsluttet periode») by the person who made it.
    if (!count) {
      endring({
        referanseArkivenhet: ctx.arkivdelId,
        referanseMetadata: 'arkivdelstatus',
        endretDato: new Date(ctx.meta.producedAt).toISOString(),
        endretAv: ctx.meta.producedBy,
        tidligereVerdi: 'Aktiv periode',
        nyVerdi: TEXT.arkivdelstatus,
      });
    }
    w.close('endringslogg');
    return { file: await w.end(), count };
  } catch (e) {
    w.abort();
    throw e;
  }
}
