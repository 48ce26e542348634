import type { ArchivedCaseFile, ArchivedEntry, CaseFileRecord } from '../../electron/core/archive/archive-record';
import { IntegrationError } from '../../electron/core/errors';
import type { ArchiveDelivery, ArchivePort, DeliveryResult, SentDelivery } from '../../electron/core/ports/archive.port';
import { errorForStatus, httpRequest, readJson, sameOriginLink } from '../shared/http';
import { N5WS_EKSTERNID_FIELD } from './noark-codes';
import {
  N5_CONTENT_TYPE,
  REL,
  correspondentKind,
  filterEq,
  sameKorrespondansepart,
  toAvskrivning,
  toDokumentbeskrivelse,
  toDokumentobjekt,
  toJournalpost,
  toKlasse,
  toKorrespondansepart,
  toSaksmappe,
  toSentMerknad,
  toSentPatch,
  untemplate,
  type N5Code,
  type N5Error,
  type N5List,
  type N5Object,
} from './noark5-rest.mapper';
import { loadN5Metadata, type N5Metadata } from './noark5-rest.metadata';

/**
 * ArchivePort over the Noark 5 tjenestegrensesnitt (N5WS v1.1, REST/HATEOAS). Every href comes
 * from `_links` by relation key; the root, packages, arkivdel and classes are cached per instance.
 *
 * Idempotent by Postmottak's keys, kept in virksomhetsspesifikkeMetadata (N5WS has no eksternID
 * field) and searched with `$filter`: the saksmappe and the journalpost are looked up before they
 * are made, and an existing journalpost is completed (correspondents, documents, file uploads,
 * avskrivning) by reading what it already has. Lookups are skipped only where a fresh object
 * proves them pointless (nothing can hang under an object this call just created).
 */

export type Noark5Auth = { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface Noark5RestConfig {
  /** The N5WS root URL (GET gives the package links), e.g. https://arkiv.kommune.no/noark5v5/api */
  url: string;
  auth: Noark5Auth;
  /** Overrides the record's arkivdel (title of the arkivdel to file into). */
  arkivdel?: string;
  timeoutMs: number;
}

export interface Noark5RestDeps {
  /** Injected for tests; defaults to the global fetch via integrations/shared/http. */
  signal?: AbortSignal;
}

const INTEGRATION = 'archive';
const WHAT = 'Noark 5';
const MAX_CACHED_CLASSES = 2_000;

/** Pages of a klasse listing read at most (at the archive's page size, e.g. 100 per page). */
const MAX_CLASS_PAGES = 10_000;

/** A class keyed by a person (ordningsprinsipp PNR, or a value that is an identity number): never named in a URL. */
const isPersonClass = (c: CaseFileRecord['classification']): boolean => c.ordningsprinsipp === 'PNR' || c.ordningsprinsipp === 'FNR' || /\d{11}/.test(c.ordningsverdi);

/** No fødselsnummer (or any 11-digit run) ever reaches an error message. */
const redact = (s: string): string => s.replace(/\d{11}/g, '***********');

export function createNoark5RestAdapter(config: Noark5RestConfig, deps: Noark5RestDeps = {}): ArchivePort {
  const authHeader =
    config.auth.kind === 'basic'
      ? `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`, 'utf8').toString('base64')}`
      : config.auth.kind === 'bearer'
        ? `Bearer ${config.auth.token}`
        : null;

  let packages: Promise<{ root: N5Object; arkivstruktur: N5Object; sakarkiv: N5Object }> | null = null;
  /** The archive's declared dokumenttype codes and our registered vendor field (#13 item 4), at first use. */
  let metadata: Promise<N5Metadata> | null = null;
  const arkivdeler = new Map<string, Promise<{ arkivdel: N5Object; systems: N5Object[] }>>();
  /** "<klassifikasjonssystem systemID>|<klasseID>" → ny-saksmappe href of that class. */
  const classes = new Map<string, string>();
  /** klassifikasjonssystem systemID → its person classes by klasseID (see personClasses). */
  const personClassIndex = new Map<string, Promise<Map<string, N5Object>>>();

  async function call(method: 'GET' | 'POST' | 'PATCH', href: string, what: string, body?: { json: unknown } | { bytes: Uint8Array; contentType: string }): Promise<Response> {
    // every href but the root comes from the archive's _links: the credentials go only to the configured origin (#12 item 12)
    const url = sameOriginLink(href, config.url, `${WHAT}: ${what}`, INTEGRATION);
    const headers: Record<string, string> = {};
    if (authHeader) headers.authorization = authHeader;
    let payload: RequestInit['body'];
    if (body && 'json' in body) {
      // a PATCH is a JSON Merge Patch (06 «Endring av instanser med PATCH»)
      headers['content-type'] = method === 'PATCH' ? 'application/merge-patch+json' : N5_CONTENT_TYPE;
      headers.accept = N5_CONTENT_TYPE;
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = body.contentType;
      headers.accept = N5_CONTENT_TYPE;
      payload = body.bytes as Uint8Array<ArrayBuffer>;
    } else headers.accept = N5_CONTENT_TYPE;
    const res = await httpRequest(url, { method, headers, body: payload }, `${WHAT}: ${what}`, { integration: INTEGRATION, timeoutMs: config.timeoutMs, signal: deps.signal });
    if (res.ok) return res;
    // the archive's own words (kapittel 6 «Håndtering av API-feil»: {feil:{kode,beskrivelse}})
    let beskrivelse: string | undefined;
    try {
      const text = await res.text();
      beskrivelse = (JSON.parse(text) as N5Error).feil?.beskrivelse;
    } catch {
      beskrivelse = undefined;
    }
    if ((res.status === 400 || res.status === 422) && beskrivelse) throw new IntegrationError('validation', redact(beskrivelse), { integration: INTEGRATION });
    const e = errorForStatus(res, `${WHAT}: ${what}`, INTEGRATION) as IntegrationError;
    if (beskrivelse && e.kind !== 'auth') throw new IntegrationError(e.kind, `${e.message}: ${redact(beskrivelse)}`, e.options);
    throw e;
  }

  async function getJson<T>(url: string, what: string): Promise<T> {
    return readJson<T>(await call('GET', url, what), `${WHAT}: ${what}`, INTEGRATION);
  }
  async function post(url: string, json: unknown, what: string): Promise<N5Object> {
    return readJson<N5Object>(await call('POST', url, what, { json }), `${WHAT}: ${what}`, INTEGRATION);
  }
  async function listAll(url: string, what: string, maxPages = 100): Promise<N5Object[]> {
    const out: N5Object[] = [];
    let next: string | undefined = untemplate(url);
    for (let page = 0; next && page < maxPages; page++) {
      const l: N5List = await getJson<N5List>(next, what);
      out.push(...(l.results ?? []));
      next = l._links?.next?.href;
    }
    return out;
  }
  async function findOne(listHref: string, field: string, value: string, what: string): Promise<N5Object | null> {
    const l = await getJson<N5List>(filterEq(listHref, field, value), what);
    return l.results?.[0] ?? null;
  }

  function link(o: N5Object, rel: string, what: string): string {
    const h = o._links?.[rel]?.href;
    if (!h) throw new IntegrationError('permanent', `${WHAT}: arkivet tilbyr ikke ${rel} på ${what}`, { integration: INTEGRATION });
    return untemplate(h);
  }

  function discover(): Promise<{ root: N5Object; arkivstruktur: N5Object; sakarkiv: N5Object }> {
    packages ??= (async () => {
      const root = await getJson<N5Object>(config.url, 'rot');
      const [arkivstruktur, sakarkiv] = await Promise.all([
        getJson<N5Object>(link(root, REL.arkivstruktur, 'roten'), 'arkivstruktur'),
        getJson<N5Object>(link(root, REL.sakarkiv, 'roten'), 'sakarkiv'),
      ]);
      return { root, arkivstruktur, sakarkiv };
    })();
    // a failed discovery is not cached: the next delivery asks again
    packages.catch(() => (packages = null));
    return packages;
  }

  function metadataOf(): Promise<N5Metadata> {
    metadata ??= discover().then(({ root }) => loadN5Metadata({ getJson, post, listAll: (h, w) => listAll(h, w) }, root));
    metadata.catch(() => (metadata = null));
    return metadata;
  }

  function arkivdelFor(title: string): Promise<{ arkivdel: N5Object; systems: N5Object[] }> {
    let p = arkivdeler.get(title);
    if (!p) {
      p = (async () => {
        const { arkivstruktur } = await discover();
        const arkivdel = await findOne(link(arkivstruktur, REL.arkivdel, 'arkivstruktur'), 'tittel', title, 'arkivdel');
        if (!arkivdel) throw new IntegrationError('permanent', `${WHAT}: arkivdelen «${title}» finnes ikke i arkivet`, { integration: INTEGRATION });
        const rel = arkivdel._links?.[REL.klassifikasjonssystem]?.href;
        const systems = rel ? await listAll(rel, 'klassifikasjonssystem') : [];
        return { arkivdel, systems };
      })();
      arkivdeler.set(title, p);
      p.catch(() => arkivdeler.delete(title));
    }
    return p;
  }

  /**
   * The classes of a person-keyed klassifikasjonssystem, by klasseID, listed once per process and
   * kept (#12 item 13). Looking one up with `$filter=klasseID eq '<fødselsnummer>'` would put the
   * number in a URL, and so in the archive's and every proxy's access log; N5WS offers no search
   * by POST (06 «Søk»: $filter and $search are query parameters), and a class carries no external
   * key of ours to search by instead. So the listing is read page by page (no personal data in any
   * URL) and matched here; a class this adapter makes is added to it, and a class someone else made
   * since is found by listing again when the archive refuses the duplicate klasseID.
   */
  function personClasses(sys: N5Object, refresh = false): Promise<Map<string, N5Object>> {
    const id = String(sys.systemID);
    let p = refresh ? undefined : personClassIndex.get(id);
    if (!p) {
      p = listAll(link(sys, REL.klasse, 'klassifikasjonssystem'), 'klasser', MAX_CLASS_PAGES).then(
        (all) => new Map(all.filter((k) => typeof k.klasseID === 'string').map((k) => [k.klasseID as string, k])),
      );
      personClassIndex.set(id, p);
      p.catch(() => personClassIndex.delete(id));
    }
    return p;
  }

  /** The ny-saksmappe href: under the case's klasse (found or made), else on the arkivdel. */
  async function newCaseHref(c: CaseFileRecord): Promise<string> {
    const { arkivdel, systems } = await arkivdelFor(config.arkivdel ?? c.arkivdel);
    const sys = systems.find((s) => (s.klassifikasjonstype as N5Code | undefined)?.kode === c.classification.ordningsprinsipp);
    if (!sys?.systemID) {
      throw new IntegrationError('validation', `${WHAT}: arkivdelen har ikke klassifikasjonssystemet ${c.classification.ordningsprinsipp}`, { integration: INTEGRATION });
    }
    const value = c.classification.ordningsverdi;
    const key = `${sys.systemID}|${value}`;
    const cached = classes.get(key);
    if (cached) return cached;
    const personal = isPersonClass(c.classification);
    const newKlasse = () => post(link(sys, REL.nyKlasse, 'klassifikasjonssystem'), toKlasse(c), 'ny klasse');
    let klasse: N5Object | null;
    if (!personal) {
      const find = () => findOne(link(sys, REL.klasse, 'klassifikasjonssystem'), 'klasseID', value, 'klasse');
      klasse = await find();
      if (!klasse) {
        try {
          klasse = await newKlasse();
        } catch (e) {
          // two deliveries of a new class at once: the archive refuses the second klasseID; find the one the first made
          if (!(e instanceof IntegrationError) || e.kind !== 'validation') throw e;
          klasse = await find();
          if (!klasse) throw e;
        }
      }
    } else {
      klasse = (await personClasses(sys)).get(value) ?? null;
      if (!klasse) {
        try {
          klasse = await newKlasse();
        } catch (e) {
          // made by someone else since the listing: the archive refuses a second klasseID; list again
          if (!(e instanceof IntegrationError) || e.kind !== 'validation') throw e;
          klasse = (await personClasses(sys, true)).get(value) ?? null;
          if (!klasse) throw e;
        }
        (await personClasses(sys)).set(value, klasse);
      }
    }
    const underKlasse = klasse._links?.[REL.nySaksmappe]?.href;
    const href = underKlasse ? untemplate(underKlasse) : link(arkivdel, REL.nySaksmappe, 'arkivdel');
    if (classes.size >= MAX_CACHED_CLASSES) classes.delete(classes.keys().next().value as string);
    classes.set(key, href);
    return href;
  }

  const num = (o: N5Object, field: string, what: string): number => {
    const v = o[field];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new IntegrationError('transient', `${WHAT}: ${what} mangler ${field} i svaret`, { integration: INTEGRATION });
    return v;
  };
  const sid = (o: N5Object, what: string): string => {
    if (typeof o.systemID !== 'string' || !o.systemID) throw new IntegrationError('transient', `${WHAT}: ${what} mangler systemID i svaret`, { integration: INTEGRATION });
    return o.systemID;
  };

  return {
    transport: 'noark5-rest',

    async deliver(d: ArchiveDelivery): Promise<DeliveryResult> {
      const { caseFile, entry } = d;
      const { sakarkiv } = await discover();
      const md = await metadataOf();
      const saksmappeList = link(sakarkiv, REL.saksmappe, 'sakarkiv');
      const journalpostList = link(sakarkiv, REL.journalpost, 'sakarkiv');

      // 1. the case file: by our key; by the archive's id when an earlier delivery knows it
      let saksmappe = await findOne(saksmappeList, N5WS_EKSTERNID_FIELD, caseFile.externalKey, 'søk etter saksmappe');
      if (!saksmappe && d.knownCaseFile) {
        saksmappe = await findOne(saksmappeList, 'systemID', d.knownCaseFile.archiveSystemId, 'søk etter saksmappe');
        if (!saksmappe) throw new IntegrationError('permanent', `${WHAT}: saksmappe ${d.knownCaseFile.saksaar}/${d.knownCaseFile.sakssekvensnummer} finnes ikke lenger i arkivet`, { integration: INTEGRATION });
      }
      let freshCase = false;
      if (!saksmappe) {
        saksmappe = await post(await newCaseHref(caseFile), toSaksmappe(caseFile), 'ny saksmappe');
        freshCase = true;
      }

      // 2. the journalpost (nothing can hang under a saksmappe this call just made)
      let journalpost = freshCase ? null : await findOne(journalpostList, N5WS_EKSTERNID_FIELD, entry.externalKey, 'søk etter journalpost');
      let freshEntry = false;
      if (!journalpost) {
        journalpost = await post(link(saksmappe, REL.nyJournalpost, 'saksmappe'), toJournalpost(entry), 'ny journalpost');
        freshEntry = true;
      }
      const jpId = sid(journalpost, 'journalpost');

      // 3. correspondents
      const existingParts = freshEntry ? [] : await listAll(link(journalpost, REL.korrespondansepart, 'journalpost'), 'korrespondanseparter');
      const screened = !!entry.screening?.screenCorrespondent;
      for (const c of entry.correspondents) {
        if (existingParts.some((p) => sameKorrespondansepart(p, c))) continue;
        const rel = correspondentKind(c) === 'enhet' ? REL.nyKorrespondansepartenhet : REL.nyKorrespondansepartperson;
        await post(link(journalpost, rel, 'journalpost'), toKorrespondansepart(c, screened), 'ny korrespondansepart');
      }

      // 4. documents: dokumentbeskrivelse → dokumentobjekt (pre-filled, so the archive verifies) → file
      const existingDocs = freshEntry ? [] : await listAll(link(journalpost, REL.dokumentbeskrivelse, 'journalpost'), 'dokumentbeskrivelser');
      const documents: ArchivedEntry['documents'] = [];
      for (const doc of [...entry.documents].sort((a, b) => a.number - b.number)) {
        let db = existingDocs.find((x) => x.dokumentnummer === doc.number) ?? null;
        const freshDoc = !db;
        db ??= await post(link(journalpost, REL.nyDokumentbeskrivelse, 'journalpost'), toDokumentbeskrivelse(doc, entry.screening, entry.journaldato, md.dokumenttype(doc.dokumenttype)), 'ny dokumentbeskrivelse');
        documents.push({ number: doc.number, archiveSystemId: sid(db, 'dokumentbeskrivelse') });
        const objs = freshDoc ? [] : await listAll(link(db, REL.dokumentobjekt, 'dokumentbeskrivelse'), 'dokumentobjekter');
        let obj = objs.find((o) => (o.variantformat as N5Code | undefined)?.kode === 'A') ?? objs[0] ?? null;
        if (obj && typeof obj.referanseDokumentfil === 'string' && obj.referanseDokumentfil) {
          if (typeof obj.sjekksum === 'string' && obj.sjekksum.toLowerCase() !== doc.sha256.toLowerCase()) {
            throw new IntegrationError('permanent', `${WHAT}: dokument ${doc.number} i journalposten har en annen fil enn Postmottak sin`, { integration: INTEGRATION });
          }
          continue;
        }
        obj ??= await post(link(db, REL.nyDokumentobjekt, 'dokumentbeskrivelse'), toDokumentobjekt(doc), 'nytt dokumentobjekt');
        const bytes = await d.loadDocument(doc.sha256);
        const res = await call('POST', link(obj, REL.fil, 'dokumentobjekt'), `opplasting av dokument ${doc.number}`, { bytes, contentType: doc.contentType });
        await res.body?.cancel();
      }

      // 5. a reply closes the application: avskrivning on the I, by this journalpost
      if (entry.closes) {
        const closes = entry.closes;
        const target =
          (closes.archiveSystemId ? await findOne(journalpostList, 'systemID', closes.archiveSystemId, 'søk etter journalposten som avskrives') : null) ??
          (await findOne(journalpostList, N5WS_EKSTERNID_FIELD, closes.externalKey, 'søk etter journalposten som avskrives'));
        if (!target) throw new IntegrationError('permanent', `${WHAT}: journalposten som skal avskrives finnes ikke i arkivet`, { integration: INTEGRATION });
        // a journalpost this call just made cannot have closed anything yet
        const done = freshEntry
          ? false
          : (await listAll(link(target, REL.avskrivning, 'journalpost'), 'avskrivninger')).some((a) => a.referanseAvskrivesAvJournalpost === jpId);
        if (!done) await post(link(target, REL.nyAvskrivning, 'journalpost'), toAvskrivning(entry, jpId), 'ny avskrivning');
      }

      const archivedCase: ArchivedCaseFile = {
        archiveSystemId: sid(saksmappe, 'saksmappe'),
        saksaar: num(saksmappe, 'saksaar', 'saksmappe'),
        sakssekvensnummer: num(saksmappe, 'sakssekvensnummer', 'saksmappe'),
      };
      const archivedEntry: ArchivedEntry = {
        archiveSystemId: jpId,
        journalaar: num(journalpost, 'journalaar', 'journalpost'),
        journalsekvensnummer: num(journalpost, 'journalsekvensnummer', 'journalpost'),
        journalpostnummer: num(journalpost, 'journalpostnummer', 'journalpost'),
        documents,
      };
      return { state: 'archived', caseFile: archivedCase, entry: archivedEntry };
    },

    /** #13 item 7: E and sendtDato by PATCH; a merknad says how it left (the paper route among them). */
    async markSent(d: SentDelivery): Promise<void> {
      const { sakarkiv } = await discover();
      const jp = await findOne(link(sakarkiv, REL.journalpost, 'sakarkiv'), 'systemID', d.archived.archiveSystemId, 'søk etter journalposten som er sendt');
      if (!jp) throw new IntegrationError('permanent', `${WHAT}: journalposten som er sendt, finnes ikke i arkivet`, { integration: INTEGRATION });
      const status = (jp.journalstatus as N5Code | undefined)?.kode;
      // sendtDato is not changed once set (07 Journalpost, M105): a later print only adds its merknad
      if (status !== 'E' || typeof jp.sendtDato !== 'string') {
        const res = await call('PATCH', link(jp, 'self', 'journalpost'), 'journalpost ekspedert', { json: toSentPatch(d.sent) });
        await res.body?.cancel();
      }
      const note = toSentMerknad(d.sent);
      const notes = await listAll(link(jp, REL.merknad, 'journalpost'), 'merknader');
      if (!notes.some((m) => m.merknadstekst === note.merknadstekst)) await post(link(jp, REL.nyMerknad, 'journalpost'), note, 'ny merknad');
    },
  };
}
