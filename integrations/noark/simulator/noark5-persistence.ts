import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { IdTape, openSimJournal, pinnableClock, type SimJournal } from '../../shared/simulator/sim-journal';
import type { SimResponse } from '../../shared/simulator/sim-response';

/**
 * The Noark 5 simulator's memory across restarts (the demo's archive, #13 item 14): every POST the
 * archive accepted (2xx) is journaled (and every other change: PATCH, PUT, DELETE) with the time it was handled and the ids it drew, and
 * replayed through the same handlers at the next start, so case files, journalposts, their
 * numbers (saksår/sekvensnummer, journalpostnummer), correspondents, documents with their bytes,
 * classes and avskrivninger come back with the same systemIDs and dates. The start-up seeding
 * (arkiv, arkivdeler, classification systems) is journaled too, for the same ids.
 *
 * Journaling at the wire, not the simulator's maps, keeps this out of the simulator's internals:
 * whatever a handler does with an accepted request, replaying the request does again.
 */

type Noark5JournalEntry =
  | { kind: 'seed'; at: number; ids: string[] }
  | { kind: 'request'; at: number; method: string; path: string; headers: Record<string, string>; body: string; ids: string[] };

/** The request headers the handlers read. */
const KEPT_HEADERS = ['content-type', 'content-length', 'x-upload-content-length'];

export interface Noark5Persistence {
  /** The simulator's clock (held at the recorded time while an entry replays). */
  now(): number;
  /** The simulator's ids (the recorded ones while an entry replays). */
  newId(): string;
  /** Call once the start-up seeding is done: it was recorded, or replayed with the first run's ids. */
  seeded(): void;
  /** Handles one live request, journaling it when it is a change the archive accepted. */
  handle(req: http.IncomingMessage, url: URL, body: Buffer, fn: () => SimResponse): SimResponse;
  /** Replays the journal through `apply` (the simulator's route table); refused entries go to `refused`. */
  replay(apply: (method: string, path: string, body: Buffer, req: http.IncomingMessage) => SimResponse, refused: (message: string) => void): void;
}

export function noark5Persistence(stateFile: string | undefined, base: () => number): Noark5Persistence {
  if (!stateFile) return { now: base, newId: randomUUID, seeded: () => undefined, handle: (_r, _u, _b, fn) => fn(), replay: () => undefined };
  const journal: SimJournal<Noark5JournalEntry> = openSimJournal(stateFile);
  const clock = pinnableClock(base);
  const tape = new IdTape(randomUUID);
  const seed = journal.entries.find((e) => e.kind === 'seed');
  const seedAt = seed?.at ?? base();
  tape.start(seed?.ids);
  clock.pin(seedAt);

  return {
    now: clock.now,
    newId: tape.next,
    seeded() {
      clock.pin(null);
      const ids = tape.take();
      if (!seed) journal.append({ kind: 'seed', at: seedAt, ids });
    },
    handle(req, url, body, fn) {
      const method = req.method ?? 'GET';
      if (method === 'GET' || method === 'HEAD') return fn();
      const at = base();
      tape.start();
      let res: SimResponse;
      try {
        res = clock.at(at, fn);
      } catch (e) {
        tape.take();
        throw e;
      }
      const ids = tape.take();
      if (res.status >= 200 && res.status < 300) {
        const headers: Record<string, string> = {};
        for (const h of KEPT_HEADERS) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
        journal.append({ kind: 'request', at, method, path: `${url.pathname}${url.search}`, headers, body: body.toString('base64'), ids });
      }
      return res;
    },
    replay(apply, refused) {
      for (const e of journal.entries) {
        if (e.kind !== 'request') continue;
        tape.start(e.ids);
        const req = { method: e.method, headers: e.headers } as unknown as http.IncomingMessage;
        const res = clock.at(e.at, () => apply(e.method, e.path, Buffer.from(e.body, 'base64'), req));
        tape.take();
        if (res.status < 200 || res.status >= 300) refused(`gjenoppretting av ${e.method} ${e.path} ble avvist (${res.status})`);
      }
    },
  };
}
