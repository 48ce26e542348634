/**
 * A Noark 4 web service (Noark4WS) on 127.0.0.1, written from the WSDL and types schema the app
 * ships (resources/wsdl/noark4/) and the Noark 4 DTDs for what the fields mean.
 *
 * - The operations, their SOAPActions and request/response elements are read from the WSDL.
 * - Every request payload (the element in soap:Body) is validated against noark4ws-types.xsd
 *   with xmllint (wasm); an invalid one is answered with a soap:Client fault carrying xmllint's
 *   message, and recorded with state.reject.
 * - HTTP Basic authentication when a username is configured (401 otherwise).
 * - Requests run the shared simulator loop: faults by operation name ('unknown' when the body
 *   names none), a 503 soap:Server fault for an injected error, then auth, then the above.
 * - Numbers (SA.SAAR/SA.SEKNR, JP.JAAR/JP.SEKNR, JP.JPOSTNR) come from ArchiveSimState; SA.ID,
 *   JP.ID, AM.ID and DB.DOKID are this archive's own integer ids.
 * - Put* with an id (SA.ID / JP.ID) updates: AVSMOT rows with AM.ID are updated (avskrivning),
 *   rows without are added, documents with a new DL.RNR are added. Put* without an id creates,
 *   also when the ekstern nøkkel is already in use (as an archive that does not enforce it
 *   would): a client that does not look up first makes duplicates, which tests can see.
 * - Get* by SA.ID / saksnummer / ekstern nøkkel (and for journalposts by JP.ID, løpenummer,
 *   dokumentnummer, the case's id or key); searchCriteria is answered with status ERROR.
 * - Business errors (unknown case, bad NDOKTYPE, unknown AM.ID) are status ERROR answers.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { XmlElement } from '../../../electron/core/profiles/xml-tree';
import { FaultInjector, type FaultConfig } from '../../shared/simulator/faults';
import { serveSimLoop } from '../../shared/simulator/request-loop';
import type { SimResponse } from '../../shared/simulator/sim-response';
import { parseXmlSafe, type SafeXmlResult } from '../../shared/xml/safe-xml';
import { createXsdValidator } from '../../shared/xml/xsd-validator';
import { el, escapeXml, opt, optAll } from '../../shared/xml/xml-text';
import { child as kid, childrenOf as kids, textOf as txt } from '../../shared/xml/xml-tree';
import { bodyPayload, N4_SOAP_NS, N4_TYPES_NS } from '../noark4-ws.protocol';
import { ArchiveSimState, type ArchiveSimulator, type SimCaseFile, type SimEntry } from './archive-sim-state';

export interface Noark4WsSimulatorOptions {
  wsdlPath: string;
  port?: number;
  faults?: FaultConfig;
  now?: () => number;
  /** With a username, requests need HTTP Basic with these credentials. */
  username?: string;
  password?: string;
}

export type Noark4WsSimulator = ArchiveSimulator & {
  faults: FaultInjector;
  /** The payload (the element inside soap:Body, as received) of the last request of an operation. */
  lastRequestXml: (op: string) => string | undefined;
};

export const NOARK4WS_PATH = '/noark4ws';
const MAX_REQUEST_BYTES = 256 * 1024 * 1024;
const NDOKTYPER = new Set(['I', 'U', 'N', 'X', 'S']);
/**
 * JP.STATUS: Noark 4 keeps the list as the archive's own table JOURNSTATUS (noark4/dtd/JOURNSTA.DTD:
 * JS.STATUS, JS.BETEGN, JS.EKSPEDERT …). This archive's table holds the letters Noark 5 carried over
 * as journalstatus (M053): R reservert, S/M registrert, F ferdigstilt, G godkjent, E ekspedert (JS.EKSPEDERT), J journalført, A arkivert, U utgår.
 */
const N4_JP_STATUS = ['R', 'S', 'M', 'F', 'G', 'E', 'J', 'A', 'U'];

interface WsdlOp {
  name: string;
  soapAction: string;
  request: string;
  response: string;
}

/** The operations as the WSDL declares them: portType input/output elements, binding SOAPActions. */
export function readWsdl(wsdlText: string): { ops: WsdlOp[]; typesFile: string } {
  const parsed = parseXmlSafe(wsdlText, { maxBytes: 1024 * 1024 });
  if (!parsed.ok) throw new Error(`WSDL: ${parsed.reason}`);
  const defs = parsed.root;
  const local = (qname: string | undefined) => (qname ?? '').split(':').pop() ?? '';
  const messages = new Map(kids(defs, 'message').map((m) => [m.attributes.name ?? '', local(kid(m, 'part')?.attributes.element)]));
  const portType = kid(defs, 'portType');
  const binding = kid(defs, 'binding');
  const ops = kids(portType, 'operation').map((o) => {
    const name = o.attributes.name ?? '';
    const b = kids(binding, 'operation').find((x) => x.attributes.name === name);
    return {
      name,
      soapAction: kid(b, 'operation')?.attributes.soapAction ?? '',
      request: messages.get(local(kid(o, 'input')?.attributes.message)) ?? '',
      response: messages.get(local(kid(o, 'output')?.attributes.message)) ?? '',
    };
  });
  const imp = kid(kid(kid(defs, 'types'), 'schema'), 'import');
  return { ops, typesFile: path.basename(imp?.attributes.schemaLocation ?? 'noark4ws-types.xsd') };
}

/** AVSMOT row data this archive keeps beside ArchiveSimState's correspondents. */
interface AmRow {
  amId: string;
  f: Record<string, string>;
  avsavKey: string | null;
}
interface SakExtra {
  dato: string | null;
  u1: string | null;
  admkort: string | null;
  ansvnavn: string | null;
  klassering: { klSort: string | null; klOrdnpri: string; klOrdnver: string; klU1: string | null }[];
}
interface DocExtra {
  veVariant: string | null;
  veDokformat: string | null;
  dbStatus: string | null;
}

class BusinessError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startNoark4WsSimulator(opts: Noark4WsSimulatorOptions): Promise<Noark4WsSimulator> {
  const wsdlText = fs.readFileSync(opts.wsdlPath, 'utf8');
  const { ops, typesFile } = readWsdl(wsdlText);
  const xsdText = fs.readFileSync(path.join(path.dirname(opts.wsdlPath), typesFile), 'utf8');
  const byElement = new Map(ops.map((o) => [o.request, o]));
  const state = new ArchiveSimState(opts.now);
  const faults = new FaultInjector(opts.faults ?? {});
  const validator = createXsdValidator();
  // the payload as sent, worked out when first asked for: it parses the payload a second time, which
  // only the creating operations (kept in the state) and a test's lastRequestXml need (#18)
  const lastRequest = new Map<string, () => string>();

  let nextId = 1;
  const newId = (base: number) => String(base + nextId++);
  const rows = new Map<string, AmRow[]>();
  const sakExtra = new Map<string, SakExtra>();
  const docExtra = new Map<string, DocExtra>();
  const jpExtra = new Map<string, { jdato: string | null; dokdato: string | null; u1: string | null; status: string | null; arkdel: string | null; antved: string | null }>();

  // --- reading the domain out of a request ----------------------------------------------------

  const keyOf = (e: XmlElement | undefined): { system: string | null; key: string } | null => {
    const k = txt(e, 'nokkel');
    return k ? { system: txt(e, 'eksternSystem'), key: k } : null;
  };
  const sakByKey = (k: { system: string | null; key: string } | null): SimCaseFile | undefined => {
    if (!k) return undefined;
    const hits = state.caseFiles().filter((c) => c.externalKey === k.key && (!c.fagsystem || !k.system || c.fagsystem === k.system));
    return hits[0];
  };
  const entriesByKey = (k: { system: string | null; key: string } | null): SimEntry[] =>
    k ? state.entries().filter((e) => e.externalKey === k.key && (!e.fagsystem || !k.system || e.fagsystem === k.system)) : [];

  function createSak(s: XmlElement, raw: string): SimCaseFile {
    const key = keyOf(kid(s, 'saEksternNokkel'));
    const sak = state.addCaseFile({
      systemId: newId(100_000),
      externalKey: key?.key ?? null,
      fagsystem: key?.system ?? null,
      title: txt(s, 'saTittel') ?? '',
      titlePublic: txt(s, 'saOfftittel'),
      arkivdel: txt(s, 'saArkdel'),
      classification: kids(s, 'klassering').map((k) => ({ ordningsprinsipp: txt(k, 'klOrdnpri') ?? '', ordningsverdi: txt(k, 'klOrdnver') ?? '' })),
      administrativEnhet: txt(s, 'saAdmkort'),
      saksansvarlig: txt(s, 'saAnsvnavn') ?? txt(s, 'saAnsvinit'),
      tilgangsrestriksjon: txt(s, 'saTgkode'),
      skjermingshjemmel: txt(s, 'saUoff'),
      raw,
    });
    sakExtra.set(sak.systemId, {
      dato: txt(s, 'saDato'),
      u1: txt(s, 'saU1'),
      admkort: txt(s, 'saAdmkort'),
      ansvnavn: txt(s, 'saAnsvnavn'),
      klassering: kids(s, 'klassering').map((k) => ({ klSort: txt(k, 'klSort'), klOrdnpri: txt(k, 'klOrdnpri') ?? '', klOrdnver: txt(k, 'klOrdnver') ?? '', klU1: txt(k, 'klU1') })),
    });
    return sak;
  }

  function checkJournpost(j: XmlElement): void {
    const t = txt(j, 'jpNdoktype');
    if (!t || !NDOKTYPER.has(t)) throw new BusinessError('JP.NDOKTYPE', `Ugyldig Noark-dokumenttype «${t ?? ''}»: må være I, U, N, X eller S.`);
    for (const a of kids(j, 'avsmot')) if (!['0', '1'].includes(txt(a, 'amIhtype') ?? '')) throw new BusinessError('AM.IHTYPE', `Ugyldig AM.IHTYPE «${txt(a, 'amIhtype') ?? ''}».`);
  }

  function addRow(entry: SimEntry, a: XmlElement): void {
    const f: Record<string, string> = {};
    for (const c of a.children) if (c.children.length === 0 && c.text.trim()) f[c.name] = c.text.trim();
    delete f.amId;
    const row: AmRow = { amId: newId(400_000), f, avsavKey: keyOf(kid(a, 'amAvsavEksternNokkel'))?.key ?? null };
    rowsOf(entry).push(row);
    state.addCorrespondent(entry.systemId, { type: f.amIhtype === '1' ? 'EM' : 'EA', name: f.amNavn ?? '', personNumber: null, organisationNumber: null, screened: f.amU1 === '1' });
    if (f.amAvskm) recordAvskrivning(entry, row);
  }

  function addDocument(entry: SimEntry, d: XmlElement): void {
    const fil = kid(d, 'fil');
    const b64 = txt(fil, 'base64');
    const bytes = b64 !== null ? Buffer.from(b64.replace(/\s+/g, ''), 'base64') : null;
    const nr = Number(txt(d, 'dlRnr') ?? entry.documents.length + 1);
    const format = txt(d, 'veDokformat');
    const doc = state.addDocument(entry.systemId, {
      systemId: newId(300_000),
      dokumentnummer: nr,
      tilknyttetRegistreringSom: txt(d, 'dlType') ?? (nr === 1 ? 'H' : 'V'),
      title: txt(d, 'dbTittel') ?? '',
      dokumenttype: txt(d, 'dbKategori'),
      filename: txt(fil, 'ref'),
      contentType: format === 'PDF' ? 'application/pdf' : format,
      size: bytes ? bytes.length : null,
      sha256: bytes ? createHash('sha256').update(bytes).digest('hex') : null,
    });
    if (bytes) state.files.set(doc.systemId, bytes);
    docExtra.set(doc.systemId, { veVariant: txt(d, 'veVariant'), veDokformat: format, dbStatus: txt(d, 'dbStatus') });
  }

  function createJournpost(sak: SimCaseFile, j: XmlElement, raw: string): SimEntry {
    checkJournpost(j);
    const st = txt(j, 'jpStatus');
    if (st && !N4_JP_STATUS.includes(st)) throw new BusinessError('JP.STATUS', `Ugyldig JP.STATUS «${st}».`);
    const key = keyOf(kid(j, 'jpEksternNokkel'));
    const entry = state.addEntry({
      systemId: newId(200_000),
      externalKey: key?.key ?? null,
      fagsystem: key?.system ?? null,
      caseFileSystemId: sak.systemId,
      journalposttype: txt(j, 'jpNdoktype')!,
      title: txt(j, 'jpInnhold') ?? '',
      titlePublic: txt(j, 'jpOffinnhold'),
      tilgangsrestriksjon: txt(j, 'jpTgkode'),
      skjermingshjemmel: txt(j, 'jpUoff'),
      raw,
    });
    jpExtra.set(entry.systemId, { jdato: txt(j, 'jpJdato'), dokdato: txt(j, 'jpDokdato'), u1: txt(j, 'jpU1'), status: txt(j, 'jpStatus'), arkdel: txt(j, 'jpArkdel'), antved: txt(j, 'jpAntved') });
    for (const a of kids(j, 'avsmot')) addRow(entry, a);
    for (const d of kids(j, 'dokument')) addDocument(entry, d);
    return entry;
  }

  /** TILLEGGSINFO rows by journalpost (TilleggsinfoType: tiItype and tiTekst required). */
  const tillegg = new Map<string, { tiId: string; tiItype: string; tiTekst: string }[]>();

  function updateJournpost(entry: SimEntry, j: XmlElement): void {
    // #13 item 7: JP.STATUS changes (e.g. to E, ekspedert) and TILLEGGSINFO rows are added by a PutJournpost with jpId
    const newStatus = txt(j, 'jpStatus');
    if (newStatus && !N4_JP_STATUS.includes(newStatus)) throw new BusinessError('JP.STATUS', `Ugyldig JP.STATUS «${newStatus}».`);
    const infos = kids(j, 'tilleggsinfo').map((t) => ({ tiItype: txt(t, 'tiItype') ?? '', tiTekst: txt(t, 'tiTekst') ?? '' }));
    if (infos.some((t) => !t.tiItype || !t.tiTekst)) throw new BusinessError('TI.TEKST', 'Tilleggsinformasjon må ha TI.ITYPE og TI.TEKST.');
    for (const a of kids(j, 'avsmot')) if (!['0', '1'].includes(txt(a, 'amIhtype') ?? '')) throw new BusinessError('AM.IHTYPE', `Ugyldig AM.IHTYPE «${txt(a, 'amIhtype') ?? ''}».`);
    const mine = rowsOf(entry);
    // check everything before changing anything: an update is all or nothing
    for (const a of kids(j, 'avsmot')) {
      const id = txt(a, 'amId');
      if (id && !mine.some((r) => r.amId === id)) throw new BusinessError('AM.ID', `Avsender/mottaker ${id} finnes ikke på journalpost ${entry.systemId}.`);
    }
    for (const a of kids(j, 'avsmot')) {
      const id = txt(a, 'amId');
      if (!id) {
        addRow(entry, a);
        continue;
      }
      const row = mine.find((r) => r.amId === id)!;
      const had = row.f.amAvskm;
      for (const name of ['amAvskm', 'amAvskdato', 'amAvsavdok', 'amBesvardok', 'amFrist']) {
        const v = txt(a, name);
        if (v) row.f[name] = v;
      }
      const k = keyOf(kid(a, 'amAvsavEksternNokkel'))?.key;
      if (k) row.avsavKey = k;
      if (!had && row.f.amAvskm) recordAvskrivning(entry, row);
    }
    const have = new Set(entry.documents.map((d) => d.dokumentnummer));
    for (const d of kids(j, 'dokument')) if (!have.has(Number(txt(d, 'dlRnr')))) addDocument(entry, d);
    const x = jpExtra.get(entry.systemId);
    if (newStatus && x && x.status !== newStatus) {
      x.status = newStatus;
      state.recordUpdate(entry.systemId, { jpStatus: newStatus });
    }
    for (const t of infos) {
      const rows = tillegg.get(entry.systemId) ?? [];
      rows.push({ tiId: `${entry.systemId}-${rows.length + 1}`, ...t });
      tillegg.set(entry.systemId, rows);
      state.recordUpdate(entry.systemId, { tilleggsinfo: t });
    }
  }

  function recordAvskrivning(entry: SimEntry, row: AmRow): void {
    const by = (row.f.amAvsavdok ? state.entry(row.f.amAvsavdok) : undefined) ?? (row.avsavKey ? entriesByKey({ system: null, key: row.avsavKey })[0] : undefined);
    state.addAvskrivning({ entrySystemId: entry.systemId, byEntrySystemId: by?.systemId ?? null, maate: row.f.amAvskm! });
  }

  /** Rows of an entry; entries seeded straight into the state get rows from their correspondents. */
  function rowsOf(entry: SimEntry): AmRow[] {
    let r = rows.get(entry.systemId);
    if (!r) {
      r = entry.correspondents.map((c) => ({ amId: newId(400_000), f: { amIhtype: c.type === 'EM' ? '1' : '0', amNavn: c.name, amU1: c.screened ? '1' : '0' }, avsavKey: null }));
      rows.set(entry.systemId, r);
    }
    return r;
  }

  // --- writing answers (schema order) -----------------------------------------------------------

  const ek = (name: string, system: string | null, key: string | null) => (key ? el(name, [opt('eksternSystem', system ?? ''), opt('nokkel', key)]) : null);

  function journpostOut(e: SimEntry, r: { avsmot: boolean; dokument: boolean; fil: boolean; tilleggsinfo?: boolean }): string {
    const sak = state.caseFile(e.caseFileSystemId)!;
    const x = jpExtra.get(e.systemId);
    return el('journpost', [
      ...optAll({ jpId: e.systemId, jpJaar: e.journalaar, jpSeknr: e.journalsekvensnummer, jpJpostnr: e.journalpostnummer }),
      ...optAll({ jpJdato: x?.jdato, jpNdoktype: e.journalposttype, jpDokdato: x?.dokdato, jpStatus: x?.status }),
      `<jpInnhold>${escapeXml(e.title)}</jpInnhold>`,
      ...optAll({ jpU1: x?.u1, jpTgkode: e.tilgangsrestriksjon, jpUoff: e.skjermingshjemmel, jpArkdel: x?.arkdel, jpAntved: x?.antved }),
      ...optAll({ jpSaar: sak.saksaar, jpSaseknr: sak.sakssekvensnummer, jpOffinnhold: e.titlePublic }),
      ek('jpEksternNokkel', e.fagsystem, e.externalKey),
      ek('jpSaEksternNokkel', sak.fagsystem, sak.externalKey),
      ...(r.avsmot ? rowsOf(e).map(avsmotOut) : []),
      ...(r.tilleggsinfo ? (tillegg.get(e.systemId) ?? []).map((t) => el('tilleggsinfo', [...optAll({ tiId: t.tiId, tiItype: t.tiItype, tiTekst: t.tiTekst })])) : []),
      ...(r.dokument
        ? e.documents.map((d) => {
            const dx = docExtra.get(d.systemId);
            const bytes = state.files.get(d.systemId);
            return el('dokument', [
              ...optAll({ dlRnr: d.dokumentnummer, dlType: d.tilknyttetRegistreringSom, dbKategori: d.dokumenttype, dbTittel: d.title }),
              ...optAll({ dbStatus: dx?.dbStatus, veVariant: dx?.veVariant, veDokformat: dx?.veDokformat }),
              r.fil && bytes ? el('fil', [opt('base64', bytes.toString('base64'))]) : null,
            ]);
          })
        : []),
    ]);
  }

  function avsmotOut(row: AmRow): string {
    const f = row.f;
    const order = ['amIhtype', 'amKopimot', 'amBehansv', 'amNavn', 'amU1', 'amKortnavn', 'amAdresse', 'amPostnr', 'amPoststed', 'amUtland', 'amEpostadr', 'amRef', 'amJenhet', 'amAvskm', 'amAvskdato', 'amFrist', 'amForsend', 'amAdmkort', 'amAdmbet', 'amSbhinit', 'amSbhnavn', 'amAvsavdok', 'amBesvardok'];
    return el('avsmot', [opt('amId', row.amId), ...order.map((n) => opt(n, f[n])), ek('amAvsavEksternNokkel', 'Postmottak', row.avsavKey)]);
  }

  function noarksakOut(c: SimCaseFile, ret: { jposts: boolean; klassering: boolean }, jr: { avsmot: boolean; dokument: boolean; fil: boolean }): string {
    const x = sakExtra.get(c.systemId);
    const klass = x?.klassering ?? c.classification.map((k) => ({ klSort: null, klOrdnpri: k.ordningsprinsipp, klOrdnver: k.ordningsverdi, klU1: null }));
    return el('noarksak', [
      ...optAll({ saId: c.systemId, saSaar: c.saksaar, saSeknr: c.sakssekvensnummer, saDato: x?.dato }),
      `<saTittel>${escapeXml(c.title)}</saTittel>`,
      ...optAll({ saU1: x?.u1, saStatus: 'B', saArkdel: c.arkivdel, saTgkode: c.tilgangsrestriksjon, saUoff: c.skjermingshjemmel }),
      ...optAll({ saOfftittel: c.titlePublic, saAdmkort: c.administrativEnhet, saAnsvnavn: c.saksansvarlig }),
      ek('saEksternNokkel', c.fagsystem, c.externalKey),
      ...(ret.klassering ? klass.map((k) => el('klassering', [opt('klSort', k.klSort), `<klOrdnpri>${escapeXml(k.klOrdnpri)}</klOrdnpri>`, `<klOrdnver>${escapeXml(k.klOrdnver)}</klOrdnver>`, opt('klU1', k.klU1)])) : []),
      ...(ret.jposts ? state.entriesOf(c.systemId).map((e) => journpostOut(e, jr)) : []),
    ]);
  }

  const flagOf = (e: XmlElement | undefined, name: string, dflt: boolean) => {
    const v = txt(e, name);
    return v === null ? dflt : v === 'true' || v === '1';
  };
  const jpReturns = (req: XmlElement) => {
    const r = kid(req, 'returnJournpostRequests');
    return { avsmot: flagOf(r, 'returnAvmot', true), dokument: flagOf(r, 'returnDokument', true), fil: flagOf(r, 'returnFil', false), tilleggsinfo: flagOf(r, 'returnTilleggsinfo', false) };
  };

  const status = (type: 'OK' | 'ERROR', messages: { code: string; text: string }[] = []) =>
    `<status type="${type}">${messages.map((m) => `<message code="${escapeXml(m.code)}">${el('text', [opt('text', m.text) ?? ''])}</message>`).join('')}</status>`;
  const answer = (name: string, body: string[]) => `<types:${name} xmlns:types="${N4_TYPES_NS}">${body.join('')}</types:${name}>`;

  // --- operations -------------------------------------------------------------------------------

  function handle(op: WsdlOp, req: XmlElement, raw: () => string): string {
    switch (op.name) {
      case 'GetNoarksak': {
        const r = kid(req, 'returnNoarksakRequests');
        const ret = { jposts: flagOf(r, 'returnJposts', false), klassering: flagOf(r, 'returnKlassering', false) };
        if (kid(req, 'searchCriteria')) throw new BusinessError('searchCriteria', 'Søk med searchCriteria støttes ikke av denne tjenesten.');
        const saId = txt(req, 'saId');
        const nr = kid(req, 'saksnummer');
        const hits = saId
          ? [state.caseFile(saId)]
          : nr
            ? [state.caseFileByNumber(Number(txt(nr, 'saSaar')), Number(txt(nr, 'saSeknr')))]
            : [sakByKey(keyOf(kid(req, 'saEksternNokkel')))];
        return answer(op.response, [status('OK'), ...hits.filter((c): c is SimCaseFile => !!c).map((c) => noarksakOut(c, ret, jpReturns(req)))]);
      }
      case 'PutNoarksak': {
        const s = kid(req, 'noarksak')!;
        const saId = txt(s, 'saId');
        const nested = kids(s, 'journpost');
        nested.forEach(checkJournpost);
        let sak: SimCaseFile | undefined;
        if (saId) {
          sak = state.caseFile(saId);
          if (!sak) throw new BusinessError('SA.ID', `Sak ${saId} finnes ikke.`);
        } else sak = createSak(s, raw());
        for (const j of nested) createJournpost(sak, j, raw());
        return answer(op.response, [status('OK', [{ code: 'SA.ID', text: sak.systemId }])]);
      }
      case 'GetJournpost': {
        if (kid(req, 'searchCriteria')) throw new BusinessError('searchCriteria', 'Søk med searchCriteria støttes ikke av denne tjenesten.');
        let hits: (SimEntry | undefined)[] = [];
        const jpId = txt(req, 'jpId');
        const saId = txt(req, 'saId');
        const lnr = kid(req, 'lopenummer');
        const dnr = kid(req, 'dokumentnummer');
        if (jpId) hits = [state.entry(jpId)];
        else if (saId) hits = state.entriesOf(saId);
        else if (lnr) hits = state.entries().filter((e) => e.journalaar === Number(txt(lnr, 'jpJaar')) && e.journalsekvensnummer === Number(txt(lnr, 'jpSeknr')));
        else if (dnr) {
          const c = state.caseFileByNumber(Number(txt(dnr, 'saSaar')), Number(txt(dnr, 'saSeknr')));
          const postnr = txt(dnr, 'jpJpostnr');
          hits = c ? state.entriesOf(c.systemId).filter((e) => postnr === null || e.journalpostnummer === Number(postnr)) : [];
        } else if (kid(req, 'jpEksternNokkel')) hits = entriesByKey(keyOf(kid(req, 'jpEksternNokkel')));
        else if (kid(req, 'saEksternNokkel')) {
          const c = sakByKey(keyOf(kid(req, 'saEksternNokkel')));
          hits = c ? state.entriesOf(c.systemId) : [];
        }
        return answer(op.response, [status('OK'), ...hits.filter((e): e is SimEntry => !!e).map((e) => journpostOut(e, jpReturns(req)))]);
      }
      case 'PutJournpost': {
        const j = kid(req, 'journpost')!;
        const jpId = txt(j, 'jpId');
        if (jpId) {
          const entry = state.entry(jpId);
          if (!entry) throw new BusinessError('JP.ID', `Journalpost ${jpId} finnes ikke.`);
          updateJournpost(entry, j);
          return answer(op.response, [status('OK', [{ code: 'JP.ID', text: entry.systemId }])]);
        }
        const saar = txt(j, 'jpSaar');
        const seknr = txt(j, 'jpSaseknr');
        const sak = sakByKey(keyOf(kid(j, 'jpSaEksternNokkel'))) ?? (saar && seknr ? state.caseFileByNumber(Number(saar), Number(seknr)) : undefined);
        if (!sak) throw new BusinessError('JP.SAID', 'Journalposten må knyttes til en sak som finnes (jpSaEksternNokkel eller jpSaar/jpSaseknr).');
        const entry = createJournpost(sak, j, raw());
        return answer(op.response, [status('OK', [{ code: 'JP.ID', text: entry.systemId }])]);
      }
      default:
        throw new BusinessError('operation', `Ukjent operasjon ${op.name}.`);
    }
  }

  // --- HTTP: the shared loop (route → faults → auth → handle → drop) --------------------------

  const envelope = (body: string) => `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${N4_SOAP_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
  const fault = (code: 'Client' | 'Server', text: string) => envelope(`<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeXml(text)}</faultstring></soap:Fault>`);
  const send = (status: number, body: string, type = 'text/xml; charset=utf-8'): SimResponse => ({ status, headers: { 'content-type': type }, body });
  const refuse = (opName: string, msg: string) => {
    state.reject(opName, msg);
    return send(500, fault('Client', msg));
  };

  const authorised = (req: http.IncomingMessage): boolean => {
    if (!opts.username) return true;
    const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const given = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
    return given === `${opts.username}:${opts.password ?? ''}`;
  };

  /** Everything after faults and auth: the envelope, the SOAPAction, the schema, then the operation. */
  async function operation(req: http.IncomingMessage, text: string, parsed: SafeXmlResult, payload: XmlElement | undefined, op: WsdlOp | undefined): Promise<SimResponse> {
    if (!parsed.ok) return refuse(op?.name ?? 'unknown', parsed.reason);
    if (!payload || !op) return refuse('unknown', 'Meldingen er ikke en Noark4WS-forespørsel (ukjent element i soap:Body).');
    const action = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
    if (action && action !== op.soapAction) return refuse(op.name, `SOAPAction «${action}» passer ikke til ${op.request}.`);
    const standalone = serialize(payload);
    let raw: string | undefined;
    const rawOf = (): string => (raw ??= rawPayload(text) ?? standalone);
    lastRequest.set(op.name, rawOf);

    const v = await validator.validate(standalone, { main: xsdText, files: [] });
    if (!v.valid) return refuse(op.name, v.errors.map((e) => e.message.trim()).filter(Boolean).join('; ') || 'Forespørselen er ikke gyldig etter noark4ws-types.xsd.');
    let body: string;
    try {
      body = handle(op, payload, rawOf);
    } catch (e) {
      if (!(e instanceof BusinessError)) throw e;
      state.reject(op.name, e.message);
      body = answer(op.response, [status('ERROR', [{ code: e.code, text: e.message }])]);
    }
    return send(200, envelope(body));
  }

  const listening = await serveSimLoop(
    {
      faults,
      async route({ req, url, body }) {
        if (req.method === 'GET' && url.pathname === NOARK4WS_PATH && url.search.toLowerCase() === '?wsdl') return send(200, wsdlText.replace(/location="[^"]*noark4ws"/, `location="${sim.url}"`));
        if (req.method === 'GET' && url.pathname === `${NOARK4WS_PATH}/${typesFile}`) return send(200, xsdText);
        if (req.method !== 'POST' || url.pathname !== NOARK4WS_PATH) return send(404, 'not found', 'text/plain');
        const bytes = await body(MAX_REQUEST_BYTES);
        if (!bytes) return send(413, 'too large', 'text/plain');
        const text = bytes.toString('utf8');
        const parsed = parseXmlSafe(text, { maxBytes: MAX_REQUEST_BYTES, maxDepth: 32, maxElements: 1_000_000 });
        const payload = parsed.ok ? bodyPayload(parsed.root) : undefined;
        const op = payload && payload.namespace === N4_TYPES_NS ? byElement.get(payload.name) : undefined;
        return { op: op?.name ?? 'unknown', handle: () => operation(req, text, parsed, payload, op) };
      },
      serverError: (_op, when) => (when === 'before' ? send(503, fault('Server', 'Tjenesten er midlertidig utilgjengelig.')) : send(500, fault('Server', 'Intern feil i arkivet.'))),
      auth: (_op, { req }) => (authorised(req) ? null : { status: 401, headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="noark4ws"' }, body: 'unauthorized' }),
      internalError: (_op, e) => send(500, fault('Server', e instanceof Error ? e.message : String(e))),
    },
    { port: opts.port },
  );

  const sim: Noark4WsSimulator = {
    url: `${listening.origin}${NOARK4WS_PATH}`,
    state,
    faults,
    lastRequestXml: (op) => lastRequest.get(op)?.(),
    async close() {
      await listening.close();
      await validator.close();
    },
  };
  return sim;
}

/** The payload exactly as sent, when it stands alone (declares its own namespaces). */
function rawPayload(envelopeText: string): string | undefined {
  const open = /<([A-Za-z_][\w.-]*:)?Body(\s[^>]*)?>/.exec(envelopeText);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const end = envelopeText.lastIndexOf(`</${open[1] ?? ''}Body>`);
  if (end < start) return undefined;
  const inner = envelopeText.slice(start, end).trim();
  const check = parseXmlSafe(inner, { maxBytes: MAX_REQUEST_BYTES, maxDepth: 32, maxElements: 1_000_000 });
  return check.ok ? inner : undefined;
}

/** The payload element as a standalone document: prefixes for namespaced elements, never a default namespace. */
function serialize(e: XmlElement): string {
  const prefixes = new Map<string, string>();
  const walk = (x: XmlElement, declared: Set<string>): string => {
    let name = x.name;
    let decl = '';
    if (x.namespace) {
      let p = prefixes.get(x.namespace);
      if (!p) prefixes.set(x.namespace, (p = `n${prefixes.size}`));
      name = `${p}:${x.name}`;
      if (!declared.has(x.namespace)) {
        decl = ` xmlns:${p}="${escapeXml(x.namespace)}"`;
        declared = new Set(declared).add(x.namespace);
      }
    }
    const attrs = Object.entries(x.attributes)
      .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:') && !k.includes(':'))
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    const inner = x.children.length ? x.children.map((c) => walk(c, declared)).join('') : escapeXml(x.text);
    return `<${name}${decl}${attrs}>${inner}</${name}>`;
  };
  return walk(e, new Set());
}
