import { IntegrationError } from '../../electron/core/errors';
import type { IncomingSubmission, PendingRef } from '../../electron/core/ingest/submission';
import type { SubmissionSource } from '../../electron/core/ports/submission-source.port';
import { errorForStatus, httpRequest, QUICK_RETRY, readBytes, readJson, sameOriginLink, withRetries } from '../shared/http';
import { toPart, toPendingRef, type InstanceQueryResponse, type StorageInstance } from './altinn3.mapper';
import type { AltinnTokenProvider } from '../shared/auth/maskinporten.client';

export interface Altinn3StorageConfig {
  /** https://platform.altinn.no (or the simulator's origin). */
  platformUrl: string;
  /** The municipality's Altinn org code: the stakeholder in completeConfirmations. */
  org: string;
  /** The Altinn 3 apps to pull, "{org}/{app}". */
  appIds: readonly string[];
  /** Also pull Altinn 2 submissions migrated into Storage (mainVersionInclude=2). */
  includeMigratedAltinn2: boolean;
  pageSize: number;
  timeoutMs: number;
  /** Data types that hold the form data (default ['model']). */
  formDataTypes?: readonly string[];
  maxPartBytes: number;
}

const INTEGRATION = 'altinn';
/** Listing pages whose instances fetch() may take without asking again (the page being downloaded, the one read ahead, one spare). */
const LISTED_PAGES = 3;

export function createAltinn3StorageAdapter(config: Altinn3StorageConfig, deps: { tokens: AltinnTokenProvider }): SubmissionSource {
  const storage = `${config.platformUrl.replace(/\/$/, '')}/storage/api/v1`;
  // The listing already carries each instance with its data elements: keep the latest pages'
  // so fetch() need not ask again (fewer calls to Altinn). Ingest reads a page ahead while the
  // previous one is still downloading, so the last LISTED_PAGES pages are kept, and no more.
  const listed = new Map<string, StorageInstance>();
  const listedPages: string[][] = [];
  const formTypes = config.formDataTypes ?? ['model'];

  /**
   * One request with the Altinn token; a 401 gets one new token (it may have expired mid-run), then
   * counts. A 5xx, a dropped connection or a short 429 is tried again in place (every call here is
   * idempotent: GETs, and complete, which Storage keeps once per stakeholder), so one failed page or
   * download does not fail the poll (#18 item 7).
   */
  const call = (url: string, init: RequestInit, what: string, signal?: AbortSignal): Promise<Response> => withRetries(() => callOnce(url, init, what, signal), QUICK_RETRY, signal);

  async function callOnce(url: string, init: RequestInit, what: string, signal?: AbortSignal): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await deps.tokens.token(signal);
      const res = await httpRequest(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }, what, {
        integration: INTEGRATION,
        timeoutMs: config.timeoutMs,
        signal,
      });
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel();
        deps.tokens.invalidate();
        continue;
      }
      const e = errorForStatus(res, what, INTEGRATION);
      if (e) {
        await res.body?.cancel();
        throw e;
      }
      return res;
    }
  }

  function firstPage(query: Record<string, string>): string {
    const q = new URLSearchParams({ ...query, 'process.isComplete': 'true', excludeConfirmedBy: config.org, size: String(config.pageSize) });
    return `${storage}/instances?${q.toString()}`;
  }

  async function* pages(start: string, signal?: AbortSignal): AsyncGenerator<StorageInstance[]> {
    let url: string | null | undefined = start;
    while (url) {
      const res = await call(url, { headers: { accept: 'application/json' } }, 'Altinn Storage: liste over innsendinger', signal);
      const body = await readJson<InstanceQueryResponse>(res, 'Altinn Storage: liste over innsendinger', INTEGRATION);
      if (!Array.isArray(body.instances)) throw new IntegrationError('transient', 'Altinn Storage: svaret mangler instances', { integration: INTEGRATION });
      yield body.instances;
      // The continuation token in `next` is encoded twice by Altinn: follow the link verbatim, never rebuild it.
      // The token goes with it, so only on the configured platform's origin (#12 item 12).
      url = body.next ? sameOriginLink(body.next, config.platformUrl, 'Altinn Storage: neste side', INTEGRATION) : null;
    }
  }

  const partyAndGuid = (ref: PendingRef) => {
    const m = /^(\d+)\/([0-9a-f-]{36})$/i.exec(ref.sourceId);
    if (!m) throw new IntegrationError('permanent', `Ugyldig instans-id ${ref.sourceId}`, { integration: INTEGRATION });
    return `${m[1]}/${m[2]}`;
  };

  return {
    kind: 'altinn3',
    async *listPending() {
      const starts = config.appIds.map((appId) => firstPage({ appId }));
      if (config.includeMigratedAltinn2) starts.push(firstPage({ org: config.org, mainVersionInclude: '2' }));
      for (const start of starts) {
        for await (const instances of pages(start)) {
          // mainVersionInclude=2 lists Altinn 3 instances too; those come through their own appId query
          const migratedOnly = start.includes('mainVersionInclude');
          const wanted = instances.filter((i) => !migratedOnly || i.dataValues?.A2ArchRef);
          const kept = wanted.filter((i) => Array.isArray(i.data));
          for (const i of kept) listed.set(i.id, i);
          listedPages.push(kept.map((i) => i.id));
          if (listedPages.length > LISTED_PAGES) for (const id of listedPages.shift()!) listed.delete(id);
          yield wanted.map(toPendingRef);
        }
      }
    },
    async fetch(ref): Promise<IncomingSubmission> {
      const id = partyAndGuid(ref);
      let instance = listed.get(ref.sourceId);
      listed.delete(ref.sourceId);
      if (!instance) {
        const res = await call(`${storage}/instances/${id}`, { headers: { accept: 'application/json' } }, 'Altinn Storage: innsending');
        instance = await readJson<StorageInstance>(res, 'Altinn Storage: innsending', INTEGRATION);
      }
      const parts = [];
      for (const e of instance.data ?? []) {
        const r = await call(`${storage}/instances/${id}/data/${e.id}`, {}, `Altinn Storage: dataelement ${e.dataType}`);
        const bytes = await readBytes(r, `Altinn Storage: dataelement ${e.dataType}`, INTEGRATION, config.maxPartBytes);
        // a cut or garbled download is caught here, not stored as the citizen's file
        if (typeof e.size === 'number' && e.size !== bytes.byteLength) {
          throw new IntegrationError('transient', `Altinn Storage: dataelement ${e.dataType} har ${bytes.byteLength} byte, ventet ${e.size}`, { integration: INTEGRATION });
        }
        parts.push(toPart({ ...e, contentType: r.headers.get('content-type')?.split(';')[0] ?? e.contentType }, bytes, formTypes));
      }
      return {
        ref: { ...toPendingRef(instance), lastChanged: ref.lastChanged },
        reportee: {
          partyId: instance.instanceOwner.partyId,
          personNumber: instance.instanceOwner.personNumber ?? null,
          organisationNumber: instance.instanceOwner.organisationNumber ?? null,
        },
        submittedAt: Date.parse(instance.process?.ended ?? instance.lastChanged ?? '') || 0,
        parts,
      };
    },
    async confirm(ref) {
      const res = await call(`${storage}/instances/${partyAndGuid(ref)}/complete`, { method: 'POST' }, 'Altinn Storage: bekreft nedlasting');
      await res.body?.cancel();
    },
  };
}
