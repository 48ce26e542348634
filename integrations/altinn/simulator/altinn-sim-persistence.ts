import { openSimJournal, pinnableClock, type SimJournal } from '../../shared/simulator/sim-journal';
import type { CorrespondenceStatusName, NewCorrespondence, SimClock } from './correspondence-sim-state';
import type { SimState } from './sim-state';

/**
 * The demo Altinn's memory across restarts (#13 item 14). The seeded applications are made again
 * from their seed and start time (they are generated, so only those are kept), the ones that
 * arrived while the demo ran from their number and time; what happened to them is journaled as
 * it happens and replayed in order at the next start, at the time it happened: Storage's
 * completion confirmations and the Altinn 2 queue's purges (so a restart neither serves again
 * what the hub confirmed nor loses a confirmation), every correspondence call (sent letters, read
 * status, KRR reservations, so read tracking of earlier replies goes on), and the clock's offset
 * (an advanced demo clock stays advanced, so deadlines stay where they were).
 */

type Attachment = NewCorrespondence['attachments'][number];
type StoredCorrespondence = Omit<NewCorrespondence, 'attachments'> & { attachments: (Omit<Attachment, 'bytes'> & { bytes: string })[] };

type AltinnJournalEntry =
  | { kind: 'init'; seedAt: number; idPrefix: string }
  | { kind: 'arrive'; n: number; startAt: number }
  | { kind: 'clock'; offset: number }
  | { kind: 'confirm'; at: number; instanceId: string; stakeholderId: string; changedBy: string }
  | { kind: 'purge'; at: number; archiveReference: string }
  | { kind: 'create'; at: number; input: StoredCorrespondence; reserved: boolean }
  | { kind: 'read'; at: number; id: string; readAt: number | null }
  | { kind: 'status'; at: number; id: string; status: CorrespondenceStatusName; statusText: string | null }
  | { kind: 'reserve' | 'unreserve'; at: number; personNumber: string };

export interface AltinnPersistence {
  /** The clock to run the simulator on: its offset kept across restarts, held at the recorded time while replaying. */
  clock: SimClock;
  /** When the first run seeded its applications (now, on a first run). */
  seedAt: number;
  /** The number of the last application that arrived while an earlier run ran (0: none). */
  lastArrival: number;
  /**
   * Replays the journal into the started simulator (arrivals through `arrive`, which adds that
   * application again), then journals from here on.
   */
  attach(state: SimState, arrive: (n: number, startAt: number) => void): void;
  /** Records that application `n` arrived, generated at `startAt`. */
  arrived(n: number, startAt: number): void;
}

/** Without a state file: the clock as before, nothing kept. */
export function altinnPersistence(stateFile: string | undefined, base: () => number = Date.now): AltinnPersistence {
  const journal: SimJournal<AltinnJournalEntry> | null = stateFile ? openSimJournal(stateFile) : null;
  const entries = journal?.entries ?? [];
  const init = entries.find((e) => e.kind === 'init');
  let offset = 0;
  for (const e of entries) if (e.kind === 'clock') offset = e.offset;
  const pinnable = pinnableClock(() => base() + offset);
  const keepOffset = () => journal?.append({ kind: 'clock', offset });
  const clock: SimClock = {
    now: pinnable.now,
    advance(ms) {
      offset += ms;
      keepOffset();
      return base() + offset;
    },
    set(ms) {
      offset = ms - base();
      keepOffset();
      return ms;
    },
  };
  const at = pinnable.at;
  const seedAt = init?.seedAt ?? base();
  let lastArrival = 0;
  for (const e of entries) if (e.kind === 'arrive') lastArrival = Math.max(lastArrival, e.n);

  return {
    clock,
    seedAt,
    lastArrival,
    arrived: (n, startAt) => journal?.append({ kind: 'arrive', n, startAt }),
    attach(state, arrive) {
      if (!journal) return;
      const corr = state.correspondence;
      if (init) corr.idPrefix = init.idPrefix;
      else journal.append({ kind: 'init', seedAt, idPrefix: corr.idPrefix });
      const original = {
        confirm: state.confirm.bind(state),
        purge: state.purge.bind(state),
        create: corr.create.bind(corr),
        markRead: corr.markRead.bind(corr),
        setStatus: corr.setStatus.bind(corr),
        reserve: corr.reserve.bind(corr),
        unreserve: corr.unreserve.bind(corr),
      };

      for (const e of entries) {
        if (e.kind === 'arrive') arrive(e.n, e.startAt);
        else if (e.kind === 'init' || e.kind === 'clock') continue;
        else at(e.at, () => replay(e));
      }
      function replay(e: Exclude<AltinnJournalEntry, { kind: 'init' | 'arrive' | 'clock' }>): void {
        switch (e.kind) {
          case 'confirm': {
            const inst = state.instance(e.instanceId);
            if (inst) original.confirm(inst, e.stakeholderId, e.changedBy);
            return;
          }
          case 'purge':
            return void original.purge(e.archiveReference);
          case 'create': {
            const attachments = e.input.attachments.map((a) => ({ ...a, bytes: Buffer.from(a.bytes, 'base64') }));
            return void original.create({ ...e.input, attachments }, { reserved: e.reserved });
          }
          case 'read':
            return void original.markRead(e.id, e.readAt ?? undefined);
          case 'status':
            return void original.setStatus(e.id, e.status, e.statusText ?? undefined);
          case 'reserve':
            return original.reserve(e.personNumber);
          case 'unreserve':
            return original.unreserve(e.personNumber);
        }
      }

      // from here on every change is journaled, once (setStatus 'Read' goes through markRead)
      let depth = 0;
      const live = <R>(fn: () => R, entry: (t: number, result: R) => AltinnJournalEntry | null): R => {
        if (depth > 0) return fn();
        const t = clock.now();
        depth++;
        try {
          const result = at(t, fn);
          const e = entry(t, result);
          if (e) journal.append(e);
          return result;
        } finally {
          depth--;
        }
      };
      state.confirm = (inst, stakeholderId, changedBy) =>
        live(
          () => original.confirm(inst, stakeholderId, changedBy),
          (t, changed) => (changed ? { kind: 'confirm', at: t, instanceId: inst.id, stakeholderId, changedBy } : null),
        );
      state.purge = (archiveReference) => live(() => original.purge(archiveReference), (t, r) => (r === 'purged' ? { kind: 'purge', at: t, archiveReference } : null));
      corr.create = (input, opts = {}) =>
        live(
          () => original.create(input, opts),
          (t) => ({
            kind: 'create',
            at: t,
            input: { ...input, attachments: input.attachments.map((a) => ({ ...a, bytes: a.bytes.toString('base64') })) },
            reserved: opts.reserved ?? false,
          }),
        );
      corr.markRead = (id, readAt) => live(() => original.markRead(id, readAt), (t, ok) => (ok ? { kind: 'read', at: t, id, readAt: readAt ?? null } : null));
      corr.setStatus = (id, status, statusText) =>
        live(() => original.setStatus(id, status, statusText), (t, ok) => (ok ? { kind: 'status', at: t, id, status, statusText: statusText ?? null } : null));
      corr.reserve = (personNumber) => live(() => original.reserve(personNumber), (t) => ({ kind: 'reserve', at: t, personNumber }));
      corr.unreserve = (personNumber) => live(() => original.unreserve(personNumber), (t) => ({ kind: 'unreserve', at: t, personNumber }));
    },
  };
}
