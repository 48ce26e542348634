import type { ExtractionMeta } from '../../../electron/core/ports/archive-extraction.port';
import { AVSKRIVNINGSMAATE, DOKUMENTSTATUS, JOURNALPOSTTYPE, JOURNALSTATUS, KLASSIFIKASJONSTYPE, SAKSSTATUS, TILKNYTTET_REGISTRERING_SOM, VARIANTFORMAT } from '../noark-codes';
import type { TableFileWriter } from './latin1-table.writer';
import type { Noark4TableKey } from './noark4-tables';

/**
 * The Noark 4 code tables the deposit's data refers to (SA.STATUS → SAKSTATUS, JP.STATUS →
 * JOURNSTATUS, AM.AVSKM → AVSKRMAATE, DB.KATEGORI → DOKKATEGORI, KL.ORDNPRI → ORDNPRINS, SA.ADMID →
 * ADMINDEL, SA.ANSVID → PERSON …). Fixed lists use the codes of noark-codes.ts; the rest are the
 * distinct values the data used, gathered while it was written.
 */

/** Noark 4 yes/no flags (SA.U1, JP.U1, KL.U1 …: 1/0, as noark4-ws.mapper writes them). */
export const flag = (b: boolean): string => (b ? '1' : '0');

/** The code of the archive itself (AR.ARKIV, referred to by AD.ARKIV): one archive per deposit. */
export const ARKIV_CODE = 'POSTMOTTAK';
/** AD.ASTATUS: the arkivdel is still in use (A aktiv periode); the deposit covers a period of it. */
export const ARKIVDEL_STATUS = { code: 'A', text: 'Aktiv periode' };
/** SA.STATUS of a case file core found closed (Noark 5 saksstatus «Avsluttet», N4 SA.STATUS A). */
export const SAK_AVSLUTTET = { code: 'A', text: 'Avsluttet' };

/** TK.BETEGN for the access codes Postmottak's profiles use; another code is named by its first legal basis. */
export const TGKODE_TEXT: Record<string, string> = {
  UO: 'Unntatt offentlighet',
  P: 'Personopplysninger',
  '13': 'Taushetsplikt',
  X: 'Unntatt offentlighet',
};

export const mimeExtension: Record<string, string> = { PDF: 'pdf', TEKST: 'txt', TIFF: 'tif', JPEG: 'jpg', PNG: 'png', XML: 'xml' };

export interface Codes {
  units: Map<string, number>;
  people: Map<string, number>;
  ordnpri: Map<string, number>;
  ordnverdi: Map<string, { op: string; ov: string }>;
  tgkoder: Map<string, string>;
  tghjemler: Map<string, { code: string; hjemmel: string }>;
  dokkat: Map<string, string>;
  formats: Map<string, string>;
}

/** ORDNPRINS flags by principle: a person number is screened and any value is allowed without a value table. */
export const isPersonPrinciple = (op: string): boolean => op.toUpperCase() === 'PNR';

/** Writes every code table; the period is the deposit's (AR/AD.FRADATO, TILDATO). */
export async function writeCodeTables(writers: Record<Noark4TableKey, TableFileWriter>, codes: Codes, meta: ExtractionMeta, date: (iso: string) => string): Promise<void> {
  const from = date(meta.scope.from);
  const to = date(meta.scope.to);
  // the arkivdel's primary principle: the first one used (the reader orders by classification), else K-koder
  const primnok = codes.ordnpri.keys().next().value ?? 'KK';
  if (!codes.ordnpri.has(primnok)) codes.ordnpri.set(primnok, codes.ordnpri.size + 1);

  await writers.arkiv.row({ 'AR.ARKIV': ARKIV_CODE, 'AR.BETEGN': meta.archiveTitle, 'AR.SKAPER': meta.arkivskaper.name, 'AR.FRADATO': from, 'AR.TILDATO': to });
  await writers.arkivdel.row({
    'AD.ARKDEL': meta.scope.arkivdel,
    'AD.BETEGN': `Arkivdel ${meta.scope.arkivdel}`,
    'AD.ARKIV': ARKIV_CODE,
    'AD.ASTATUS': ARKIVDEL_STATUS.code,
    'AD.PRIMNOK': primnok,
    'AD.PAPIR': flag(false),
    'AD.ELDOK': flag(true),
    'AD.FRADATO': from,
    'AD.TILDATO': to,
  });
  await writers.arstatus.row({ 'AS.STATUS': ARKIVDEL_STATUS.code, 'AS.BETEGN': ARKIVDEL_STATUS.text, 'AS.SPEFSAK': flag(true), 'AS.SPEFDOK': flag(true), 'AS.LUKKET': flag(false) });
  await writers.sakstatus.row({ 'SS.STATUS': SAKSSTATUS.underBehandling.code, 'SS.BETEGN': SAKSSTATUS.underBehandling.text, 'SS.MIDLERTIDIG': flag(false), 'SS.LUKKET': flag(false), 'SS.UTG': flag(false) });
  await writers.sakstatus.row({ 'SS.STATUS': SAK_AVSLUTTET.code, 'SS.BETEGN': SAK_AVSLUTTET.text, 'SS.MIDLERTIDIG': flag(false), 'SS.LUKKET': flag(true), 'SS.UTG': flag(false) });
  // JS.EKSPEDERT flags the status a sent reply has (JOURNSTA.DTD); all three are final for the archive
  for (const s of [JOURNALSTATUS.journalfoert, JOURNALSTATUS.ferdigstilt, JOURNALSTATUS.ekspedert]) {
    await writers.journstatus.row({ 'JS.STATUS': s.code, 'JS.BETEGN': s.text, 'JS.EKSPEDERT': flag(s.code === 'E'), 'JS.FORARKIV': flag(true) });
  }
  await writers.noarkdoktype.row({ 'ND.DOKTYPE': JOURNALPOSTTYPE.I.code, 'ND.BETEGN': JOURNALPOSTTYPE.I.text, 'ND.EKSTPROD': flag(true), 'ND.INTMOT': flag(false), 'ND.EKSTMOT': flag(false) });
  await writers.noarkdoktype.row({ 'ND.DOKTYPE': JOURNALPOSTTYPE.U.code, 'ND.BETEGN': JOURNALPOSTTYPE.U.text, 'ND.EKSTPROD': flag(false), 'ND.INTMOT': flag(false), 'ND.EKSTMOT': flag(true) });
  await writers.avskrmaate.row({ 'AV.KODE': AVSKRIVNINGSMAATE.BU.code, 'AV.BETEGN': AVSKRIVNINGSMAATE.BU.text, 'AV.MIDLERTID': flag(false), 'AV.BESVART': flag(true) });
  for (const [code, text] of codes.dokkat) await writers.dokkategori.row({ 'DK.KODE': code, 'DK.BETEGN': text });
  await writers.dokstatus.row({ 'DS.STATUS': DOKUMENTSTATUS.ferdigstilt.code, 'DS.BETEGN': DOKUMENTSTATUS.ferdigstilt.text });
  for (const t of Object.values(TILKNYTTET_REGISTRERING_SOM)) await writers.doktilkn.row({ 'DT.KODE': t.code, 'DT.BETEGN': t.text, 'DT.JOURNAL': flag(true) });
  await writers.variantformat.row({ 'VF.KODE': VARIANTFORMAT.arkivformat.code, 'VF.BETEGN': VARIANTFORMAT.arkivformat.text });
  for (const [code, mime] of codes.formats) {
    const pdf = code === 'PDF';
    await writers.lagrformat.row({ 'LF.KODE': code, 'LF.BESKRIV': pdf ? 'PDF/A (ISO 19005)' : mime, 'LF.ARKIV': flag(pdf), 'LF.FILTYPE': mimeExtension[code] ?? null });
  }
  for (const [code, text] of codes.tgkoder) await writers.tgkode.row({ 'TK.TGKODE': code, 'TK.BETEGN': text });
  for (const h of codes.tghjemler.values()) await writers.tghjemmel.row({ 'TH.TGKODE': h.code, 'TH.UOFF': h.hjemmel });
  for (const op of codes.ordnpri.keys()) {
    const person = isPersonPrinciple(op);
    const name = KLASSIFIKASJONSTYPE[op.toUpperCase()] ?? op;
    await writers.ordnprins.row({
      'OP.ORDNPRI': op,
      'OP.BETEGN': name,
      'OP.LTEKST': name,
      'OP.OVBESK': flag(false),
      'OP.KLFLAGG': flag(true),
      // a person number is screened in the public journal, and is not listed as a value (ORDNVERDI)
      'OP.SIFLAGG': flag(person),
      'OP.EVOK': flag(person),
      'OP.EVAUTO': flag(false),
      'OP.SEKFLAGG': flag(false),
    });
  }
  for (const v of codes.ordnverdi.values()) await writers.ordnverdi.row({ 'OV.ORDNPRI': v.op, 'OV.ORDNVER': v.ov, 'OV.REGFLAGG': flag(true), 'OV.SEKFLAGG': flag(false) });
  for (const [name, id] of codes.units) await writers.admindel.row({ 'AI.ID': id, 'AI.ADMBET': name });
  for (const [name, id] of codes.people) {
    await writers.person.row({ 'PE.ID': id });
    await writers.pernavn.row({ 'PN.ID': id, 'PN.PEID': id, 'PN.AKTIV': flag(true), 'PN.NAVN': name });
  }
}

