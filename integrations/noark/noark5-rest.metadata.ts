import { IntegrationError } from '../../electron/core/errors';
import { N5WS_EKSTERNID_FIELD } from './noark-codes';
import { REL, type N5Code, type N5Object } from './noark5-rest.mapper';

/**
 * What the archive declares in its metadata package (#13 item 4), read once per adapter at first
 * use and cached:
 *
 * - the dokumenttype code list (n5ws/spec-text/07-tjenester_og_informasjonsmodell.rst «Dokumenttype»,
 *   M083: B/R/F/O are "Valgfri", an archive adds its own with ny-dokumenttype). Postmottak maps its
 *   texts (Søknad, Vedlegg, Brev, …) to a code the archive has, never one it does not;
 * - the vendor field for Postmottak's own key (06-konsepter_og_prinsipper.rst «Metadatakatalog for
 *   virksomhetsspesifikke metadata»): "Nøkkelen er feltnavn registrert i metadatakatalogen". When
 *   the catalog lacks N5WS_EKSTERNID_FIELD it is registered by POST to ny-virksomhetsspesifikkeMetadata
 *   (07, metadata package relasjonsnøkler) with navn/type/beskrivelse (07 «VirksomhetsspesifikkeMetadata»).
 */

export interface N5Metadata {
  /** The archive's code for a dokumenttype as profiles write it; null when it has none that fits. */
  dokumenttype(textOrCode: string): N5Code | null;
}

export interface N5MetadataIo {
  getJson<T>(href: string, what: string): Promise<T>;
  post(href: string, json: unknown, what: string): Promise<N5Object>;
  listAll(href: string, what: string): Promise<N5Object[]>;
}

const WHAT = 'Noark 5';

/** Postmottak's texts by what they mean, as archives usually name them (kodenavn), first match wins. */
const SYNONYMS: Record<string, string[]> = {
  søknad: ['søknad', 'soknad', 'skjema'],
  vedlegg: ['vedlegg'],
  melding: ['melding'],
  brev: ['brev'],
  vedtak: ['vedtak', 'brev'],
};

/** The generic code for a letter in or out: B (Brev) in the spec's own list. */
const LETTER = 'B';

export function dokumenttypeMapper(list: N5Code[]): N5Metadata['dokumenttype'] {
  const byName = new Map(list.filter((c) => c.kodenavn).map((c) => [String(c.kodenavn).toLowerCase(), c]));
  const byCode = new Map(list.map((c) => [c.kode.toLowerCase(), c]));
  return (textOrCode) => {
    const t = textOrCode.trim().toLowerCase();
    const direct = byName.get(t) ?? byCode.get(t);
    if (direct) return { kode: direct.kode, kodenavn: direct.kodenavn };
    for (const name of SYNONYMS[t] ?? []) {
      const c = byName.get(name);
      if (c) return { kode: c.kode, kodenavn: c.kodenavn };
    }
    // a document that came in or goes out by post or Altinn is a letter (brev) when the archive has no closer type
    const b = byCode.get(LETTER.toLowerCase());
    return b ? { kode: b.kode, kodenavn: b.kodenavn } : null;
  };
}

export function loadN5Metadata(io: N5MetadataIo, root: N5Object): Promise<N5Metadata> {
  const link = (o: N5Object, rel: string): string | null => o._links?.[rel]?.href?.replace(/\{\?[^}]*\}$/, '') ?? null;
  return (async () => {
    const pkgHref = link(root, REL.metadata);
    if (!pkgHref) throw new IntegrationError('permanent', `${WHAT}: arkivet tilbyr ikke metadatapakken (${REL.metadata})`, { integration: 'archive' });
    const pkg = await io.getJson<N5Object>(pkgHref, 'metadata');

    // the vendor field: registered, or registered now
    const vsmHref = link(pkg, REL.virksomhetsspesifikkeMetadata);
    if (!vsmHref) throw new IntegrationError('permanent', `${WHAT}: arkivet støtter ikke virksomhetsspesifikke metadata`, { integration: 'archive' });
    const fields = await io.listAll(vsmHref, 'virksomhetsspesifikke metadata');
    const ours = fields.find((f) => f.navn === N5WS_EKSTERNID_FIELD);
    if (ours && typeof ours.utdatert === 'string' && Date.parse(ours.utdatert) <= Date.now()) {
      throw new IntegrationError('permanent', `${WHAT}: feltet ${N5WS_EKSTERNID_FIELD} er utdatert i arkivets metadatakatalog`, { integration: 'archive' });
    }
    if (!ours) {
      const nyHref = link(pkg, REL.nyVirksomhetsspesifikkeMetadata);
      if (!nyHref) throw new IntegrationError('permanent', `${WHAT}: feltet ${N5WS_EKSTERNID_FIELD} er ikke registrert, og arkivet lar det ikke registreres`, { integration: 'archive' });
      try {
        await io.post(nyHref, { navn: N5WS_EKSTERNID_FIELD, type: 'string', beskrivelse: 'Postmottaks nøkkel for objektet (ekstern ID), for å finne det igjen uten å lage det to ganger' }, 'registrering av virksomhetsspesifikt metadatafelt');
      } catch (e) {
        // another hub node (#19) or process registered it since we looked: the name is there, which is all we need
        if (!(await io.listAll(vsmHref, 'virksomhetsspesifikke metadata')).some((f) => f.navn === N5WS_EKSTERNID_FIELD)) throw e;
      }
    }

    // the dokumenttype list (none declared: only the spec's own optional codes are known to exist)
    const dtHref = link(pkg, REL.dokumenttype);
    const codes = dtHref ? (await io.listAll(dtHref, 'dokumenttyper')).filter((c) => typeof c.kode === 'string' && !c.inaktiv && !(typeof c.utdatert === 'string' && Date.parse(c.utdatert) <= Date.now())) : [];
    const list: N5Code[] = codes.map((c) => ({ kode: String(c.kode), kodenavn: typeof c.kodenavn === 'string' ? c.kodenavn : undefined }));
    return { dokumenttype: dokumenttypeMapper(list) };
  })();
}

