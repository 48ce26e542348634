/**
 * CorrespondencePort over Altinn 3 Correspondence API v1 (RESEARCH-NOTES §2). One attempt per
 * call; every failure is an IntegrationError and the job manager retries.
 *
 * send() is safe to repeat: it carries the reply's idempotentKey, and a 409 (errorCode 1034)
 * means an earlier attempt got through (its answer lost), so the existing correspondence is
 * looked up by that key and reported as sent. The Altinn token needs the Maskinporten scopes
 * `altinn:serviceowner altinn:correspondence.write` (ALTINN3_CORRESPONDENCE_SCOPES).
 *
 * With `events` configured, events() polls Altinn Events (GET /events/api/v1/events,
 * RESEARCH-NOTES §1.6 and §2.5) for the resource's no.altinn.correspondence.* CloudEvents. The
 * same token is used, so its Maskinporten scope must then also carry `altinn:events.subscribe`:
 * configure ALTINN3_CORRESPONDENCE_EVENT_SCOPES instead.
 */
import { IntegrationError } from '../../electron/core/errors';
import type { CorrespondenceEvent, CorrespondencePort, CorrespondenceStatus, SendResult } from '../../electron/core/ports/correspondence.port';
import { mapLimit } from '../shared/concurrency';
import { errorForStatus, httpRequest, readJson, retryAfterMs } from '../shared/http';
import {
  redactPersonNumbers,
  toCorrespondenceStatus,
  toCorrespondenceEvent,
  toUploadForm,
  type CloudEventJson,
  type CorrespondenceDetailsJson,
  type InitializeCorrespondencesResponse,
  type ProblemDetails,
} from './altinn3-correspondence.mapper';
import type { AltinnTokenProvider } from '../shared/auth/maskinporten.client';

export const ALTINN3_CORRESPONDENCE_SCOPES = 'altinn:serviceowner altinn:correspondence.write';
/** The Maskinporten scope string when `events` is configured: sending plus reading Altinn Events. */
export const ALTINN3_CORRESPONDENCE_EVENT_SCOPES = `${ALTINN3_CORRESPONDENCE_SCOPES} altinn:events.subscribe`;

export interface Altinn3CorrespondenceConfig {
  /** https://platform.altinn.no (or the simulator's origin). */
  platformUrl: string;
  timeoutMs: number;
  /** Parallel GET /details calls in status() (default 4). */
  statusConcurrency?: number;
  /**
   * Read Altinn Events for the correspondence resource (the port's optional events()). The
   * token's Maskinporten scope must then be ALTINN3_CORRESPONDENCE_EVENT_SCOPES.
   */
  events?: {
    /** The correspondence service's resource id (resource=urn:altinn:resource:{resourceId}). */
    resourceId: string;
    /** Events per request, 1..1000 (default 50). */
    pageSize?: number;
  };
}

export interface Altinn3CorrespondenceDeps {
  /**
   * An Altinn token provider whose Maskinporten scope is ALTINN3_CORRESPONDENCE_SCOPES, or
   * ALTINN3_CORRESPONDENCE_EVENT_SCOPES when `events` is configured.
   */
  tokens: AltinnTokenProvider;
  now?: () => number;
}

const INTEGRATION = 'altinn-correspondence';
const RESERVED = 1030;
const DUPLICATE_KEY = 1034;

export function createAltinn3CorrespondenceAdapter(config: Altinn3CorrespondenceConfig, deps: Altinn3CorrespondenceDeps): CorrespondencePort {
  const base = `${config.platformUrl.replace(/\/$/, '')}/correspondence/api/v1/correspondence`;
  const now = deps.now ?? Date.now;

  /** One request with the Altinn token; a 401 gets one new token, then counts. Any status comes back. */
  async function call(url: string, init: () => RequestInit, what: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await deps.tokens.token();
      const i = init();
      const res = await httpRequest(url, { ...i, headers: { accept: 'application/json', ...i.headers, authorization: `Bearer ${token}` } }, what, {
        integration: INTEGRATION,
        timeoutMs: config.timeoutMs,
      });
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel();
        deps.tokens.invalidate();
        continue;
      }
      return res;
    }
  }

  /** A non-2xx answer as an IntegrationError; 4xx carry Altinn's title/detail/errorCode (numbers masked). */
  async function failure(res: Response, what: string): Promise<IntegrationError> {
    const s = res.status;
    if (s === 401 || s === 403 || s === 429 || s === 408 || s >= 500) {
      await res.body?.cancel();
      return errorForStatus(res, what, INTEGRATION) ?? new IntegrationError('transient', `${what}: HTTP ${s}`, { integration: INTEGRATION });
    }
    const p = await problemOf(res);
    return new IntegrationError('validation', `${what}: HTTP ${s}${describe(p)}`, { integration: INTEGRATION, cause: { status: s, errorCode: p?.errorCode } });
  }

  async function getJson<T>(url: string, what: string): Promise<T | null> {
    const res = await call(url, () => ({}), what);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw await failure(res, what);
    return readJson<T>(res, what, INTEGRATION);
  }

  /** The correspondence an earlier attempt created with this key (409 on the retry). */
  async function existing(resourceId: string, idempotentKey: string): Promise<SendResult> {
    const what = 'Altinn Correspondence: oppslag på idempotentKey';
    const q = new URLSearchParams({ resourceId, role: 'Sender', idempotentKey });
    const found = await getJson<{ ids?: string[] }>(`${base}?${q.toString()}`, what);
    const id = found?.ids?.[0];
    // Altinn said it has one; not finding it yet is worth another try, not a second letter
    if (!id) throw new IntegrationError('transient', `${what}: Altinn melder duplikat, men finner ingen forsendelse med nøkkelen`, { integration: INTEGRATION });
    const overview = await getJson<{ created?: string; status?: string; statusText?: string }>(`${base}/${encodeURIComponent(id)}`, 'Altinn Correspondence: forsendelse');
    if (overview?.status === 'Reserved') return { outcome: 'reserved', message: 'Mottakeren har reservert seg mot digital post (KRR).' };
    const created = overview?.created ? Date.parse(overview.created) : NaN;
    return { outcome: 'sent', correspondenceId: id, at: Number.isNaN(created) ? now() : created };
  }

  const eventsConfig = config.events;
  const eventsUrl = `${config.platformUrl.replace(/\/$/, '')}/events/api/v1/events`;

  /** One page of the resource's events after the cursor (null: from the start, `after=0`). */
  async function events(after: string | null): Promise<{ items: CorrespondenceEvent[]; next: string | null }> {
    if (!eventsConfig) throw new IntegrationError('permanent', 'Altinn Events er ikke konfigurert', { integration: INTEGRATION });
    const what = 'Altinn Events: korrespondansehendelser';
    const size = Math.min(1000, Math.max(1, Math.trunc(eventsConfig.pageSize ?? 50)));
    const q = new URLSearchParams({ resource: `urn:altinn:resource:${eventsConfig.resourceId}`, after: after ?? '0', size: String(size) });
    const res = await call(`${eventsUrl}?${q.toString()}`, () => ({ headers: { accept: 'application/cloudevents+json, application/json' } }), what);
    if (res.status === 429) {
      await res.body?.cancel();
      throw new IntegrationError('rate-limited', `${what}: HTTP 429`, { integration: INTEGRATION, retryAfterMs: retryAfterMs(res.headers.get('retry-after'), now()) });
    }
    if (!res.ok) throw await failure(res, what);
    const body = await readJson<unknown>(res, what, INTEGRATION);
    if (!Array.isArray(body)) throw new IntegrationError('transient', `${what}: svaret er ikke en liste med hendelser`, { integration: INTEGRATION });
    const raw = body.filter((e): e is CloudEventJson => typeof e === 'object' && e !== null);
    const items = raw.map(toCorrespondenceEvent).filter((e): e is CorrespondenceEvent => e !== null);
    // The cursor is the last event Altinn gave, even one we could not use (so it is not read again).
    const last = [...raw].reverse().find((e) => typeof e.id === 'string' && e.id !== '');
    return { items, next: last?.id ?? null };
  }

  return {
    transport: 'altinn3',
    ...(eventsConfig ? { events } : {}),

    async send(c): Promise<SendResult> {
      const what = 'Altinn Correspondence: send svar';
      const res = await call(`${base}/upload`, () => ({ method: 'POST', body: toUploadForm(c) }), what);
      if (res.ok) {
        const body = await readJson<InitializeCorrespondencesResponse>(res, what, INTEGRATION);
        const first = body.correspondences?.[0];
        if (!first?.correspondenceId) throw new IntegrationError('transient', `${what}: svaret mangler correspondenceId`, { integration: INTEGRATION });
        if (first.status === 'Reserved') return { outcome: 'reserved', message: 'Mottakeren har reservert seg mot digital post (KRR).' };
        return { outcome: 'sent', correspondenceId: first.correspondenceId, at: now() };
      }
      if (res.status === 422 || res.status === 409) {
        const p = await problemOf(res);
        if (res.status === 422 && p?.errorCode === RESERVED) {
          return { outcome: 'reserved', message: redactPersonNumbers(`Altinn avviste forsendelsen: mottakeren er reservert mot digital post (KRR)${p.detail ? `: ${p.detail}` : ''}`) };
        }
        if (res.status === 409 && (p?.errorCode === DUPLICATE_KEY || p?.errorCode === undefined)) return existing(c.resourceId, c.idempotentKey);
        throw new IntegrationError('validation', `${what}: HTTP ${res.status}${describe(p)}`, { integration: INTEGRATION, cause: { status: res.status, errorCode: p?.errorCode } });
      }
      if (res.status === 429) {
        await res.body?.cancel();
        throw new IntegrationError('rate-limited', `${what}: HTTP 429`, { integration: INTEGRATION, retryAfterMs: retryAfterMs(res.headers.get('retry-after'), now()) });
      }
      throw await failure(res, what);
    },

    async status(refs): Promise<CorrespondenceStatus[]> {
      const out = await mapLimit(refs, config.statusConcurrency ?? 4, async (ref) => {
        const d = await getJson<CorrespondenceDetailsJson>(`${base}/${encodeURIComponent(ref.correspondenceId)}/details`, 'Altinn Correspondence: status');
        return d ? toCorrespondenceStatus(ref.correspondenceId, d) : null;
      });
      return out.filter((s): s is CorrespondenceStatus => s !== null);
    },
  };
}

async function problemOf(res: Response): Promise<ProblemDetails | null> {
  try {
    const v: unknown = JSON.parse(await res.text());
    return v && typeof v === 'object' ? (v as ProblemDetails) : null;
  } catch {
    return null;
  }
}

function describe(p: ProblemDetails | null): string {
  if (!p) return '';
  const parts = [p.title, p.detail].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  if (p.errors && typeof p.errors === 'object') {
    for (const [k, v] of Object.entries(p.errors)) parts.push(`${k}: ${Array.isArray(v) ? v.join(' ') : String(v)}`);
  }
  const code = typeof p.errorCode === 'number' ? ` (errorCode ${p.errorCode})` : '';
  return redactPersonNumbers(parts.length ? ` ${[...new Set(parts)].join(' – ')}${code}` : code);
}
