import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { IntegrationError } from '../../../electron/core/errors';

/**
 * The Noark 4 tables the deposit writes: file name, DTD, root and record element, and the
 * attributes (columns) Postmottak fills. The order and which attributes are required are read
 * from the shipped DTD itself (resources/noark4-dtd/), so a record is written in the DTD's
 * sequence and a required attribute the data lacks is refused rather than written invalid.
 */

export interface Noark4TableSpec {
  /** The table file, e.g. NOARKSAK.XML (8-character DTD name + .XML, as the DTDs are named). */
  file: string;
  dtd: string;
  /** TI.TABELL in NOARKIH.XML: the record element's name. */
  record: string;
  /** The attributes Postmottak writes for this table. */
  columns: readonly string[];
}

export interface Noark4Field {
  name: string;
  required: boolean;
}

export interface Noark4Table extends Noark4TableSpec {
  root: string;
  /** The columns, in the DTD's order, with the DTD's occurrence. */
  fields: Noark4Field[];
}

const spec = (file: string, record: string, columns: string[]): Noark4TableSpec => ({ file: `${file}.XML`, dtd: `${file}.DTD`, record, columns });

/** Every table the deposit can write, data tables first, then the code tables they reference. */
export const NOARK4_TABLES = {
  // data (Noark-4.1 Del 2 kap. 15; the DTDs name the attributes)
  noarksak: spec('NOARKSAK', 'NOARKSAK', ['SA.ID', 'SA.SAAR', 'SA.SEKNR', 'SA.PAPIR', 'SA.DATO', 'SA.TITTEL', 'SA.U1', 'SA.STATUS', 'SA.ARKDEL', 'SA.ADMID', 'SA.ANSVID', 'SA.TGKODE', 'SA.UOFF', 'SA.SISTEJP', 'SA.ANTJP']),
  journpost: spec('JOURNPST', 'JOURNPOST', [
    'JP.ID', 'JP.JAAR', 'JP.SEKNR', 'JP.SAID', 'JP.JPOSTNR', 'JP.JDATO', 'JP.NDOKTYPE', 'JP.DOKDATO', 'JP.UDATERT', 'JP.STATUS', 'JP.INNHOLD', 'JP.U1',
    'JP.AVSKDATO', 'JP.EKSPDATO', 'JP.TGKODE', 'JP.UOFF', 'JP.ARKDEL', 'JP.PAPIR', 'JP.ANTVED',
  ]),
  avsmot: spec('AVSMOT', 'AVSMOT', [
    'AM.ID', 'AM.JPID', 'AM.IHTYPE', 'AM.BEHANSV', 'AM.NAVN', 'AM.U1', 'AM.ADRESSE', 'AM.POSTNR', 'AM.POSTSTED', 'AM.ADMID', 'AM.SBHID', 'AM.AVSKM', 'AM.AVSKAV', 'AM.AVSKDATO', 'AM.BESVAR',
  ]),
  dokbeskriv: spec('DOKBESK', 'DOKBESKRIV', ['DB.DOKID', 'DB.KATEGORI', 'DB.TITTEL', 'DB.PAPIR', 'DB.STATUS', 'DB.UTARBAV', 'DB.TGKODE', 'DB.UOFF']),
  dokversjon: spec('DOKVERS', 'DOKVERSJON', ['VE.DOKID', 'VE.VERSJON', 'VE.VARIANT', 'VE.AKTIV', 'VE.DOKFORMAT', 'VE.REGAV', 'VE.TGKODE', 'VE.FILREF']),
  doklink: spec('DOKLINK', 'DOKLINK', ['DL.JPID', 'DL.RNR', 'DL.DOKID', 'DL.TYPE', 'DL.TKDATO', 'DL.TKAV']),
  klassering: spec('KLASS', 'KLASSERING', ['KL.SAID', 'KL.SORT', 'KL.ORDNPRI', 'KL.ORDNVER', 'KL.U1']),
  // code tables the data refers to
  arkiv: spec('ARKIV', 'ARKIV', ['AR.ARKIV', 'AR.BETEGN', 'AR.SKAPER', 'AR.FRADATO', 'AR.TILDATO']),
  arkivdel: spec('ARKIVDEL', 'ARKIVDEL', ['AD.ARKDEL', 'AD.BETEGN', 'AD.ARKIV', 'AD.ASTATUS', 'AD.PRIMNOK', 'AD.PAPIR', 'AD.ELDOK', 'AD.FRADATO', 'AD.TILDATO']),
  arstatus: spec('ARSTATUS', 'ARSTATUS', ['AS.STATUS', 'AS.BETEGN', 'AS.SPEFSAK', 'AS.SPEFDOK', 'AS.LUKKET']),
  sakstatus: spec('SAKSTAT', 'SAKSTATUS', ['SS.STATUS', 'SS.BETEGN', 'SS.MIDLERTIDIG', 'SS.LUKKET', 'SS.UTG']),
  journstatus: spec('JOURNSTA', 'JOURNSTATUS', ['JS.STATUS', 'JS.BETEGN', 'JS.EKSPEDERT', 'JS.FORARKIV']),
  noarkdoktype: spec('DOKTYPE', 'NOARKDOKTYPE', ['ND.DOKTYPE', 'ND.BETEGN', 'ND.EKSTPROD', 'ND.INTMOT', 'ND.EKSTMOT']),
  avskrmaate: spec('AVSKRM', 'AVSKRMAATE', ['AV.KODE', 'AV.BETEGN', 'AV.MIDLERTID', 'AV.BESVART']),
  dokkategori: spec('DOKKAT', 'DOKKATEGORI', ['DK.KODE', 'DK.BETEGN']),
  dokstatus: spec('DOKSTAT', 'DOKSTATUS', ['DS.STATUS', 'DS.BETEGN']),
  doktilkn: spec('DOKTILKN', 'DOKTILKN', ['DT.KODE', 'DT.BETEGN', 'DT.JOURNAL']),
  variantformat: spec('VARFORM', 'VARIANTFORMAT', ['VF.KODE', 'VF.BETEGN']),
  lagrformat: spec('LAGRFORM', 'LAGRFORMAT', ['LF.KODE', 'LF.BESKRIV', 'LF.ARKIV', 'LF.FILTYPE']),
  tgkode: spec('TGKODE', 'TGKODE', ['TK.TGKODE', 'TK.BETEGN']),
  tghjemmel: spec('TGHJEM', 'TGHJEMMEL', ['TH.TGKODE', 'TH.UOFF']),
  ordnprins: spec('ORDNPRI', 'ORDNPRINS', ['OP.ORDNPRI', 'OP.BETEGN', 'OP.LTEKST', 'OP.OVBESK', 'OP.KLFLAGG', 'OP.SIFLAGG', 'OP.EVOK', 'OP.EVAUTO', 'OP.SEKFLAGG']),
  ordnverdi: spec('ORDNVERD', 'ORDNVERDI', ['OV.ORDNPRI', 'OV.ORDNVER', 'OV.REGFLAGG', 'OV.SEKFLAGG']),
  admindel: spec('ADMINDEL', 'ADMINDEL', ['AI.ID', 'AI.ADMBET']),
  person: spec('PERSON', 'PERSON', ['PE.ID']),
  pernavn: spec('PERNAVN', 'PERNAVN', ['PN.ID', 'PN.PEID', 'PN.AKTIV', 'PN.NAVN']),
} as const satisfies Record<string, Noark4TableSpec>;

export type Noark4TableKey = keyof typeof NOARK4_TABLES;

export const NOARKIH = { file: 'NOARKIH.XML', dtd: 'NOARKIH.DTD', root: 'NOARK.IH' } as const;

const fail = (message: string): never => {
  throw new IntegrationError('permanent', message, { integration: 'noark4-deposit' });
};

/**
 * The root and the record's content model from a Noark 4 table DTD: `<!ELEMENT X.TAB (X+)>` and
 * `<!ELEMENT X (A , B? , C)>` (these DTDs use flat sequences of #PCDATA attributes only).
 */
export function parseTableDtd(dtdText: string, record: string): { root: string; fields: Noark4Field[] } {
  const decls = [...dtdText.matchAll(/<!ELEMENT\s+(\S+)\s+\(([^)]*)\)\s*>/g)].map((m) => ({ name: m[1]!, model: m[2]!.replace(/\s+/g, '') }));
  const root = decls.find((d) => d.model === `${record}+`)?.name ?? fail(`DTD-en for ${record} har ikke tabellelementet (${record}+).`);
  const model = decls.find((d) => d.name === record)?.model ?? fail(`DTD-en mangler <!ELEMENT ${record}>.`);
  const fields = model.split(',').map((part) => {
    const m = /^([A-Z0-9.]+)(\?)?$/.exec(part) ?? fail(`Uventet innholdsmodell i DTD-en for ${record}: «${part}».`);
    return { name: m[1]!, required: !m[2] };
  });
  return { root, fields };
}

/** Reads the table's DTD and keeps the spec's columns in the DTD's order; every required attribute must be a column. */
export async function loadTable(dtdDir: string, s: Noark4TableSpec): Promise<Noark4Table & { dtdText: string }> {
  let dtdText: string;
  try {
    dtdText = await readFile(path.join(dtdDir, s.dtd), 'latin1');
  } catch (e) {
    throw new IntegrationError('permanent', `Fant ikke Noark 4-DTD-en ${s.dtd} i ${dtdDir}.`, { integration: 'noark4-deposit', cause: e });
  }
  const { root, fields } = parseTableDtd(dtdText, s.record);
  const known = new Set(fields.map((f) => f.name));
  for (const c of s.columns) if (!known.has(c)) fail(`${c} finnes ikke i ${s.dtd}.`);
  const missing = fields.filter((f) => f.required && !s.columns.includes(f.name));
  if (missing.length) fail(`${s.dtd} krever ${missing.map((f) => f.name).join(', ')}, som uttrekket ikke skriver.`);
  return { ...s, root, fields: fields.filter((f) => s.columns.includes(f.name)), dtdText };
}
