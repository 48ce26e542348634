import type http from 'node:http';
import type { AuthenticationSimulator } from './authentication.simulator';
import type { SimState } from './sim-state';
import { forbidden, json, problem, unauthorized, type SimResponse } from './sim-http';
import { iso } from './storage.mapper';

const SUBSCRIBE_SCOPE = 'altinn:events.subscribe';

/** GET /events/api/v1/events (RESEARCH-NOTES §1.6): the app events of our instances as CloudEvents. */
export class EventsSimulator {
  constructor(
    private readonly state: SimState,
    private readonly auth: AuthenticationSimulator,
  ) {}

  async list(req: http.IncomingMessage, url: URL): Promise<SimResponse> {
    const caller = await this.auth.principal(req);
    if (!caller) return unauthorized();
    if (!caller.scopes.includes(SUBSCRIBE_SCOPE)) return forbidden();
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

    const m = /^urn:altinn:resource:app_([^_]+)_(.+)$/.exec(resource);
    if (!m) return problem(400, `Invalid resource: ${resource}`);
    const [, org, app] = m;
    if (org !== caller.org) return forbidden();
    const types = p.getAll('type');

    const log = this.state.events();
    // "0" or an id we never issued starts from the beginning of the log.
    const from = log.findIndex((e) => e.id === after) + 1;
    const origin = this.state.origin;
    const page = log
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

    const res = json(200, page, 'application/cloudevents+json; charset=utf-8');
    const last = page[page.length - 1];
    if (last) {
      // Events appends the other parameters as they were decoded, not re-encoded.
      const rest = [...p].filter(([k]) => k !== 'after').map(([k, v]) => `&${k}=${v}`).join('');
      res.headers = { ...res.headers, next: `${origin}${url.pathname}?after=${last.id}${rest}` };
    }
    return res;
  }
}
