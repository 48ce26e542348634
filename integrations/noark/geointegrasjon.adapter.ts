/**
 * ArchivePort over GeoIntegrasjon Arkiv 1.1 (GI, SOAP 1.1 document/literal): SakArkivOppdatering
 * for NySaksmappe / NyJournalpost / NyDokument / NyAvskrivning (NyKorrespondansepart to complete a
 * half-made entry), ArkivInnsyn for the lookups by EksternNoekkel {fagsystem 'Postmottak', noekkel}.
 *
 * `soap` builds each client from the shipped WSDL (the XSD imports, absolute
 * rep.geointegrasjon.no URLs, are mapped to the shipped files: never the network) and does the
 * endpoint, SOAPAction, envelope, HTTP Basic auth and timeout. The body payloads come from
 * geointegrasjon.mapper.ts; answers and faults are read from the raw XML.
 *
 * Auth: HTTP Basic over HTTPS. The WSDLs carry no WS-Policy, and the GI clients of record use
 * Basic (the GI sample client sets ClientCredentials.UserName on a basicHttpBinding; SvarUt's
 * sak-import sets username/password on the CXF conduit).
 *
 * deliver() is idempotent: it looks the case file and the entry up by their external keys before
 * it creates them, adds only the documents (by dokumentnummer) and correspondents the archive does
 * not have, and the avskrivning only if the closed entry lacks one by this reply. One try per call.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { BasicAuthSecurity, createClientAsync, type Client } from 'soap';
import type { ArchivedCaseFile, ArchivedEntry, EntryRecord } from '../../electron/core/archive/archive-record';
import { IntegrationError, type IntegrationErrorKind } from '../../electron/core/errors';
import type { ArchiveDelivery, ArchivePort, DeliveryResult, SentDelivery } from '../../electron/core/ports/archive.port';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';
import {
  finnDokumenterGittJournalpostnoekkelXml,
  finnJournalposterGittNoekkelXml,
  finnSaksmapperGittNoekkelXml,
  GiResponseError,
  INNSYN_OPERATIONS,
  nyAvskrivningXml,
  nyDokumentXml,
  nyJournalpostXml,
  nyKorrespondansepartXml,
  nySaksmappeXml,
  readDokument,
  readDokumentListe,
  readFault,
  readJournalpost,
  readJournalpostListe,
  readSaksmappe,
  readSaksmappeListe,
  soapBodyElement,
  type CaseRef,
  type EntryKey,
  type GiFault,
  type GiJournalpost,
  type GiOperation,
} from './geointegrasjon.mapper';
import { nyJournalpostMerknadXml, oppdaterJournalpostStatusXml, readSentState } from './geointegrasjon-sent.mapper';
import { KORRESPONDANSEPARTTYPE, sentNote } from './noark-codes';

export interface GeoIntegrasjonConfig {
  /** SakArkivOppdatering endpoint. */
  oppdateringUrl: string;
  /** ArkivInnsyn endpoint. */
  innsynUrl: string;
  username: string;
  password: string;
  /** ArkivKontekst.klientnavn: the name the archive knows Postmottak by. */
  klientnavn: string;
  timeoutMs: number;
}

export interface GeoIntegrasjonDeps {
  /** Folder with the two WSDLs and the eleven XSDs (resources/wsdl/geointegrasjon). */
  wsdlDir: string;
  /** Zone of the date-times' offset (config timezone; default Europe/Oslo). */
  timeZone?: string;
}

const INTEGRATION = 'archive';
const IDLE_SOCKET_MS = 2_000;
const WSDL = { oppdatering: 'giArkivOppdatering20120131.wsdl', innsyn: 'giArkivInnsyn20120131.wsdl' } as const;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ECANCELED']);
/** GI fault types (detail element) by what they mean for a retry. */
const FAULT_KIND: Record<string, IntegrationErrorKind> = {
  ValidationFault: 'validation',
  ApplicationFault: 'permanent',
  FinderFault: 'permanent',
  SystemFault: 'transient',
  OperationalFault: 'transient',
  ImplementationFault: 'permanent',
};
const AUTH_TEXT = /unauthori[sz]ed|not authori[sz]ed|ikke autorisert|authentication|autentisering|access denied|ingen tilgang/i;

type SoapAsync = (args: unknown, options: unknown) => Promise<[unknown, string, unknown, string]>;

/** "Test tilkobling" (#17 item 1): one harmless lookup by a key no case carries; the number of case files found. */
export interface ArchiveLookupProbe {
  probeLookup(key: string): Promise<number>;
}

export function createGeoIntegrasjonAdapter(config: GeoIntegrasjonConfig, deps: GeoIntegrasjonDeps): ArchivePort & ArchiveLookupProbe {
  const clients: { oppdatering?: Promise<Client>; innsyn?: Promise<Client> } = {};
  const kn = config.klientnavn;
  // Keep-alive, but an idle connection is closed by us after IDLE_SOCKET_MS, well before servers
  // close theirs (IIS 120 s, nginx 75 s, Node 5 s): a request never goes out on a socket the
  // server is closing (ECONNRESET on the first call after a pause).
  const agents = { httpAgent: new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }), httpsAgent: new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }) };

  const clientFor = (service: 'oppdatering' | 'innsyn'): Promise<Client> => {
    clients[service] ??= createClientAsync(path.join(deps.wsdlDir, WSDL[service]), {
      disableCache: true,
      wsdl_options: { overrideImportLocation: (location: string) => localSchema(deps.wsdlDir, location) },
    }).then(
      (c) => {
        c.setEndpoint(service === 'oppdatering' ? config.oppdateringUrl : config.innsynUrl);
        c.setSecurity(new BasicAuthSecurity(config.username, config.password));
        return c;
      },
      (e: unknown) => {
        delete clients[service];
        throw new IntegrationError('permanent', `GeoIntegrasjon: WSDL-en kan ikke lastes (${e instanceof Error ? e.message : String(e)})`, { integration: INTEGRATION });
      },
    );
    return clients[service];
  };

  /** One SOAP call; the answer's first Body element, or an IntegrationError. */
  async function call(op: GiOperation, payloadXml: string): Promise<XmlElement> {
    const client = await clientFor(INNSYN_OPERATIONS.has(op) ? 'innsyn' : 'oppdatering');
    const method = (client as unknown as Record<string, SoapAsync>)[`${op}Async`];
    if (!method) throw new IntegrationError('permanent', `GeoIntegrasjon: WSDL-en har ikke operasjonen ${op}`, { integration: INTEGRATION });
    let rawResponse: string;
    try {
      [, rawResponse] = await method.call(client, { _xml: payloadXml }, { timeout: config.timeoutMs, ...agents });
    } catch (e) {
      throw failure(op, e);
    }
    try {
      return soapBodyElement(rawResponse);
    } catch (e) {
      throw new IntegrationError('transient', `GeoIntegrasjon ${op}: ${e instanceof Error ? e.message : String(e)}`, { integration: INTEGRATION });
    }
  }

  function failure(op: GiOperation, e: unknown): IntegrationError {
    const err = (e ?? {}) as { response?: { status?: number }; body?: unknown; code?: string; cause?: { code?: string }; message?: string };
    const status = typeof err.response?.status === 'number' ? err.response.status : undefined;
    const fault = typeof err.body === 'string' ? readFault(err.body) : null;
    const make = (kind: IntegrationErrorKind, message: string) =>
      new IntegrationError(kind, redact(`GeoIntegrasjon ${op}: ${message}`, config.password), {
        integration: INTEGRATION,
        // a plain summary: the transport error holds the request, documents and personal data included
        cause: { op, status, code: err.code ?? err.cause?.code, faultType: fault?.type },
      });
    if (status === 401 || status === 403) return make('auth', `HTTP ${status}: arkivet godtar ikke brukernavn/passord`);
    if (fault) return make(faultKind(fault), faultMessage(fault));
    if (status === 429) return make('rate-limited', 'HTTP 429');
    if (status !== undefined && (status >= 500 || status === 408)) return make('transient', `HTTP ${status}`);
    if (status !== undefined && status >= 400) return make('permanent', `HTTP ${status}`);
    const code = err.code ?? err.cause?.code;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '')) return make('transient', `tidsavbrudd etter ${config.timeoutMs} ms`);
    if (code && NETWORK_CODES.has(code)) return make('transient', `nettverksfeil (${code})`);
    if (/socket hang up|aborted/i.test(err.message ?? '')) return make('transient', 'forbindelsen ble brutt');
    return make('transient', status !== undefined ? `uventet svar (HTTP ${status})` : (code ?? 'kallet feilet'));
  }

  /** A Finn* that the archive answers with a FinderFault found nothing. */
  async function find<T>(op: GiOperation, payloadXml: string, read: (r: XmlElement) => T[]): Promise<T[]> {
    try {
      return read(await call(op, payloadXml));
    } catch (e) {
      if (e instanceof IntegrationError && (e.options.cause as { faultType?: string } | undefined)?.faultType === 'FinderFault') return [];
      if (e instanceof GiResponseError) throw new IntegrationError('transient', `GeoIntegrasjon ${op}: ${e.message}`, { integration: INTEGRATION });
      throw e;
    }
  }

  async function read<T>(op: GiOperation, payloadXml: string, reader: (r: XmlElement) => T): Promise<T> {
    const r = await call(op, payloadXml);
    try {
      return reader(r);
    } catch (e) {
      throw new IntegrationError('transient', `GeoIntegrasjon ${op}: ${e instanceof Error ? e.message : String(e)}`, { integration: INTEGRATION });
    }
  }

  async function ensureCaseFile(d: ArchiveDelivery): Promise<CaseRef> {
    if (d.knownCaseFile) return d.knownCaseFile;
    const found = await find('FinnSaksmapperGittNoekkel', finnSaksmapperGittNoekkelXml(d.caseFile.externalKey, kn), readSaksmappeListe);
    const existing = found.find((m) => m.externalKey === undefined || m.externalKey === d.caseFile.externalKey);
    if (existing) return { archiveSystemId: existing.systemId, saksaar: existing.saksaar, sakssekvensnummer: existing.sakssekvensnummer };
    const made = await read('NySaksmappe', nySaksmappeXml(d.caseFile, kn, deps.timeZone), readSaksmappe);
    return { archiveSystemId: made.systemId, saksaar: made.saksaar, sakssekvensnummer: made.sakssekvensnummer };
  }

  async function findEntry(key: EntryKey): Promise<GiJournalpost | undefined> {
    const found = await find('FinnJournalposterGittNoekkel', finnJournalposterGittNoekkelXml(key, kn), readJournalpostListe);
    return 'externalKey' in key ? found.find((j) => j.externalKey === undefined || j.externalKey === key.externalKey) : found[0];
  }

  /** Correspondents the archive lacks (by type and name), for an entry found from an earlier try. */
  function missingCorrespondents(entry: EntryRecord, jp: GiJournalpost) {
    const have = jp.korrespondanseparter.map((k) => `${k.type}|${k.name}`);
    return entry.correspondents.filter((c) => {
      const i = have.indexOf(`${KORRESPONDANSEPARTTYPE[c.role].code}|${c.name}`);
      if (i < 0) return true;
      have.splice(i, 1);
      return false;
    });
  }

  return {
    transport: 'geointegrasjon',

    async deliver(d): Promise<DeliveryResult> {
      const e = d.entry;
      // the case file and the entry are looked up by their own external keys, so the two lookups
      // (and the case file's creation) go together: one round trip less per entry (#18)
      const [caseRef, found] = await Promise.all([ensureCaseFile(d), findEntry({ externalKey: e.externalKey })]);
      let jp = found;
      const existed = jp !== undefined;
      if (!jp) jp = await read('NyJournalpost', nyJournalpostXml(e, caseRef, kn, deps.timeZone), readJournalpost);
      else {
        const missing = missingCorrespondents(e, jp);
        if (missing.length) await call('NyKorrespondansepart', nyKorrespondansepartXml(missing, e, jp.systemId, kn));
      }

      // documents: only those the archive does not have (a fresh entry has none)
      const have = new Map<number, string>();
      if (existed) {
        for (const doc of await find('FinnDokumenterGittJournalpostnoekkel', finnDokumenterGittJournalpostnoekkelXml(jp.systemId, kn), readDokumentListe)) {
          have.set(doc.dokumentnummer, doc.systemId);
        }
      }
      for (const doc of [...e.documents].sort((a, b) => a.number - b.number)) {
        if (have.has(doc.number)) continue;
        let bytes: Uint8Array;
        try {
          bytes = await d.loadDocument(doc.sha256);
        } catch (err) {
          throw new IntegrationError('permanent', `GeoIntegrasjon: dokument ${doc.number} finnes ikke i det lokale lageret`, { integration: INTEGRATION, cause: err });
        }
        const made = await read('NyDokument', nyDokumentXml(doc, jp.systemId, bytes, kn), readDokument);
        have.set(doc.number, made.systemId);
      }

      // a reply closes the application it answers
      if (e.closes) {
        const closesKey: EntryKey = e.closes.archiveSystemId ? { systemId: e.closes.archiveSystemId } : { externalKey: e.closes.externalKey };
        let done = false;
        if (existed) {
          const closed = await findEntry(closesKey);
          if (!closed) throw new IntegrationError('permanent', 'GeoIntegrasjon: journalposten svaret avskriver finnes ikke i arkivet', { integration: INTEGRATION });
          done = closed.avskrivninger.some(
            (a) =>
              a.avskrivesAvExternalKey === e.externalKey ||
              (a.avskrivesAv?.journalaar === jp.journalaar && a.avskrivesAv.journalsekvensnummer === jp.journalsekvensnummer),
          );
        }
        if (!done) {
          await call(
            'NyAvskrivning',
            nyAvskrivningXml(
              {
                closes: closesKey,
                by: { journalnummer: { journalaar: jp.journalaar, journalsekvensnummer: jp.journalsekvensnummer }, externalKey: e.externalKey },
                maate: e.closes.avskrivningsmaate,
                dato: e.journaldato,
              },
              kn,
              deps.timeZone,
            ),
          );
        }
      }

      const caseFile: ArchivedCaseFile = { archiveSystemId: caseRef.archiveSystemId, saksaar: caseRef.saksaar, sakssekvensnummer: caseRef.sakssekvensnummer };
      const entry: ArchivedEntry = {
        archiveSystemId: jp.systemId,
        journalaar: jp.journalaar,
        journalsekvensnummer: jp.journalsekvensnummer,
        journalpostnummer: jp.journalpostnummer,
        documents: e.documents.map((doc) => ({ number: doc.number, archiveSystemId: have.get(doc.number)! })),
      };
      return { state: 'archived', caseFile, entry };
    },

    /** #13 item 7: OppdaterJournalpostStatus E and a merknad with the send date and channel; each only once. */
    async markSent(d: SentDelivery): Promise<void> {
      const id = d.archived.archiveSystemId;
      const now = readSentState(await call('FinnJournalposterGittNoekkel', finnJournalposterGittNoekkelXml({ systemId: id }, kn)));
      if (!now) throw new IntegrationError('permanent', 'GeoIntegrasjon: journalposten som er sendt, finnes ikke i arkivet', { integration: INTEGRATION });
      if (now.journalstatus !== 'E') await call('OppdaterJournalpostStatus', oppdaterJournalpostStatusXml(id, kn));
      if (!now.merknader.includes(sentNote(d.sent))) await call('NyJournalpostMerknad', nyJournalpostMerknadXml(id, d.sent, kn));
    },

    async probeLookup(key) {
      return (await find('FinnSaksmapperGittNoekkel', finnSaksmapperGittNoekkelXml(key, kn), readSaksmappeListe)).length;
    },

    async close() {
      for (const k of ['oppdatering', 'innsyn'] as const) delete clients[k];
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
    },
  };
}

function faultKind(f: GiFault): IntegrationErrorKind {
  if (f.type && FAULT_KIND[f.type]) return FAULT_KIND[f.type]!;
  if (AUTH_TEXT.test(f.faultstring)) return 'auth';
  // a fault without GI detail: the client side (our request) or the server side
  return /^(Client|Sender)$/.test(f.faultcode) ? 'validation' : 'transient';
}

/** The archive's own words: feilBeskrivelse (or faultstring), and the details when they add something. */
function faultMessage(f: GiFault): string {
  const main = f.feilBeskrivelse || f.faultstring || 'SOAP-feil uten beskrivelse';
  const extra = f.feilDetaljer.filter((d) => !main.includes(d));
  return `${f.type ?? 'SOAP Fault'}${f.feilKode ? ` ${f.feilKode}` : ''}: ${main}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

/** Error texts never carry the password or a fødselsnummer (the archive may echo one back). */
function redact(text: string, password: string): string {
  const out = password.length >= 4 ? text.split(password).join('[skjult]') : text;
  return out.replace(/(?<!\d)\d{11}(?!\d)/g, '***********');
}

/** The XSDs' absolute rep.geointegrasjon.no URLs → the shipped files. */
function localSchema(wsdlDir: string, location: string): string {
  const file = /\/([^/]+\.xsd)$/.exec(location)?.[1];
  const local = file && path.join(wsdlDir, file);
  if (!local || !fs.existsSync(local)) throw new Error(`GI-skjemaet ${location} er ikke med i ${wsdlDir}`);
  return local;
}
