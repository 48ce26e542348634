import type http from 'node:http';
import type { AuthenticationSimulator } from './authentication.simulator';
import type { SimCorrespondenceEvent } from './correspondence-sim-state';
import type { SimState } from './sim-state';
import { forbidden, json, problem, type SimResponse } from '../../shared/simulator/sim-response';
import { iso } from './storage.mapper';

const SUBSCRIBE_SCOPE = 'altinn:events.subscribe';

const RECEIVER_READ = 'no.altinn.correspondence.correspondencereceiverread';

/**
 * GET /events/api/v1/events (RESEARCH-NOTES §1.6): the app events of our instances
 * (`resource=urn:altinn:resource:app_{org}_{app}`) and the Correspondence events of a resource
 * (`resource=urn:altinn:resource:{resourceId}`, §2.5) as CloudEvents, paged with `next`.
 */
export class EventsSimulator {
  constructor(
    private readonly state: SimState,
    private readonly auth: AuthenticationSimulator,
  ) {}

  async list(req: http.IncomingMessage, url: URL): Promise<SimResponse> {
    const caller = await this.auth.authorize(req, (c) => c.scopes.includes(SUBSCRIBE_SCOPE));
    if ('refused' in caller) return caller.refused;
    const p = url.searchParams;
    const resource = p.get('resource');
    const after = p.get('after');
    if (!resource) return problem(400, "The 'resource' parameter must be defined.");
    if (!after) return problem(400, "The 'after' parameter must be defined.");
    const sizeRaw = p.get('size');
    if (sizeRaw !== null && !/^-?\d+$/.test(sizeRaw)) return problem(400, `The value '${sizeRaw}' is not valid for size.`);
    let size = sizeRaw === null ? 50 : Number(sizeRaw);
    if (size < 1) size = 50;
    size = Math.min(size, 1000);

    const types = p.getAll('type');
    const app = /^urn:altinn:resource:app_([^_]+)_(.+)$/.exec(resource);
    const other = app ? null : /^urn:altinn:resource:([^:\s]+)$/.exec(resource);
    if (!app && !other) return problem(400, `Invalid resource: ${resource}`);
    let page: Record<string, unknown>[];
    if (app) {
      const [, org, appName] = app;
      if (org !== caller.org) return forbidden();
      page = this.appEvents(resource, org ?? '', appName ?? '', after, types, size);
    } else {
      // a service owner's own Correspondence resource (the sim has one service owner)
      if (!caller.org) return forbidden();
      page = this.correspondenceEvents(resource, other?.[1] ?? '', after, types, size);
    }

    const res = json(200, page, 'application/cloudevents+json; charset=utf-8');
    const last = page[page.length - 1];
    if (last) {
      // Events appends the other parameters as they were decoded, not re-encoded.
      const rest = [...p].filter(([k]) => k !== 'after').map(([k, v]) => `&${k}=${v}`).join('');
      res.headers = { ...res.headers, next: `${this.state.origin}${url.pathname}?after=${String(last.id)}${rest}` };
    }
    return res;
  }

  private appEvents(resource: string, org: string, app: string, after: string, types: string[], size: number): Record<string, unknown>[] {
    const log = this.state.events();
    // "0" or an id we never issued starts from the beginning of the log.
    const from = log.findIndex((e) => e.id === after) + 1;
    const origin = this.state.origin;
    return log
      .slice(from)
      .map((e) => ({ e, inst: this.state.instance(e.instanceId) }))
      .filter(({ e, inst }) => inst && inst.org === org && inst.app === app && (types.length === 0 || types.includes(e.type)))
      .slice(0, size)
      .map(({ e, inst }) => ({
        id: e.id,
        resource,
        resourceinstance: inst?.guid,
        source: `${origin}/${org}/${app}/instances/${e.instanceId}`,
        specversion: '1.0',
        type: e.type,
        subject: `/party/${inst?.seed.partyId}`,
        alternativesubject: `/person/${inst?.seed.personNumber}`,
        time: iso(e.time),
      }));
  }

  /** As altinn-correspondence's AltinnEventBus publishes them (RESEARCH-NOTES §2.5). */
  private correspondenceEvents(resource: string, resourceId: string, after: string, types: string[], size: number): Record<string, unknown>[] {
    const corr = this.state.correspondence;
    const page: SimCorrespondenceEvent[] = [];
    // "0" or an id we never issued starts from the beginning of the log.
    for (const e of corr.eventsAfter(after)) {
      if (page.length >= size) break;
      if (e.resourceId === resourceId && (types.length === 0 || types.includes(e.type))) page.push(e);
    }
    return page.map((e) => {
      const recipient = corr.get(e.correspondenceId)?.recipient ?? '';
      // the read event is about the sender; the others about the recipient
      const party = e.type === RECEIVER_READ ? this.state.orgNumber : recipient;
      return {
        id: e.id,
        resource,
        resourceinstance: e.correspondenceId,
        source: `${this.state.origin}/correspondence/api/v1/correspondence`,
        specversion: '1.0',
        type: e.type,
        subject: partyUrn(party),
        ...(alternativeSubject(party) ? { alternativesubject: alternativeSubject(party) } : {}),
        time: iso(e.time),
      };
    });
  }
}

function partyUrn(party: string): string {
  if (party.startsWith('urn:')) return party;
  if (/^\d{11}$/.test(party)) return `urn:altinn:person:identifier-no:${party}`;
  if (/^\d{9}$/.test(party)) return `urn:altinn:organization:identifier-no:${party}`;
  return party;
}

function alternativeSubject(party: string): string | null {
  const n = /(\d+)$/.exec(party)?.[1] ?? '';
  if (n.length === 11) return `/person/${n}`;
  if (n.length === 9) return `/organisation/${n}`;
  return null;
}
