/**
 * The Correspondence side of the Altinn simulator (RESEARCH-NOTES §2 and §5 items 7–11): one
 * store for correspondences created over Altinn 3 REST and over the Altinn 2 SOAP agency, with
 * the status machine, notifications, the reminder and the `correspondencereceiverneverread`
 * event driven by a controllable clock.
 *
 * Nothing runs on real timers: every time-driven step (publish, main notification, reminder,
 * due date) sits in a time-ordered queue, and tick() processes what is due whenever the state
 * is read. Lookups are by map, so 10,000+ correspondences stay cheap.
 */
import { randomBytes } from 'node:crypto';

/** CorrespondenceStatusExt, in enum order (the int is the index). */
export const CORRESPONDENCE_STATUSES = [
  'Initialized',
  'ReadyForPublish',
  'Published',
  'Fetched',
  'Read',
  'Replied',
  'Confirmed',
  'PurgedByRecipient',
  'PurgedByAltinn',
  'Archived',
  'Reserved',
  'Failed',
  'AttachmentsDownloaded',
  'Forwarded',
] as const;
export type CorrespondenceStatusName = (typeof CORRESPONDENCE_STATUSES)[number];

export const NEVER_READ_EVENT = 'no.altinn.correspondence.correspondencereceiverneverread';
const EVENT_PREFIX = 'no.altinn.correspondence.';
const DAY_MS = 86_400_000;

/** An offset clock the tests move: now() = base() + offset. */
export interface SimClock {
  now(): number;
  /** Moves the clock forward (or back, for negative ms). */
  advance(ms: number): number;
  /** Sets the clock to an absolute time, ms since epoch. */
  set(ms: number): number;
}

export function createSimClock(base: () => number = Date.now): SimClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms) {
      offset += ms;
      return base() + offset;
    },
    set(ms) {
      offset = ms - base();
      return ms;
    },
  };
}

export type NotificationChannelName = 'Email' | 'Sms' | 'EmailPreferred' | 'SmsPreferred' | 'EmailAndSms';

export interface SimNotificationRequest {
  template: 'CustomMessage' | 'GenericAltinnMessage';
  channel: NotificationChannelName;
  emailSubject: string | null;
  emailBody: string | null;
  smsBody: string | null;
  sendReminder: boolean;
  reminderEmailSubject: string | null;
  reminderEmailBody: string | null;
  reminderSmsBody: string | null;
}

/** One notification order (main or reminder) and, once sent, what was sent. */
export interface SimNotification {
  id: string;
  isReminder: boolean;
  created: number;
  /** When it is due to go out. */
  requestedSendTime: number;
  /** 'Registered' until due; then 'Completed' or 'SendConditionNotMet' (reminder after Read). */
  processingStatus: 'Registered' | 'Completed' | 'SendConditionNotMet' | 'Cancelled';
  /** One entry per channel actually used, with the time it was delivered. */
  sent: { channel: 'Email' | 'Sms'; at: number; succeeded: boolean }[];
}

export interface SimStatusEntry {
  status: CorrespondenceStatusName;
  statusText: string;
  at: number;
}

export interface SimAttachment {
  id: string;
  fileName: string;
  displayName: string;
  sendersReference: string;
  contentType: string;
  bytes: Buffer;
}

export interface SimCorrespondence {
  readonly id: string;
  /** Integer id for correspondences made through the Altinn 2 agency (null for Altinn 3 ones). */
  readonly altinn2Id: number | null;
  readonly transport: 'altinn3' | 'altinn2';
  readonly resourceId: string;
  readonly altinn2Service: { serviceCode: string; serviceEdition: string } | null;
  readonly sendersReference: string;
  readonly idempotentKey: string | null;
  readonly messageSender: string | null;
  /** As given, e.g. "urn:altinn:person:identifier-no:{fnr}" or the bare number (A2 Reportee). */
  readonly recipient: string;
  readonly content: { language: string; title: string; summary: string | null; body: string };
  readonly attachments: readonly SimAttachment[];
  readonly created: number;
  readonly requestedPublishTime: number | null;
  readonly dueDateTime: number | null;
  readonly notification: SimNotificationRequest | null;
  readonly statusHistory: SimStatusEntry[];
  readonly notifications: SimNotification[];
  published: number | null;
  read: number | null;
}

export interface SimCorrespondenceEvent {
  id: string;
  type: string;
  time: number;
  correspondenceId: string;
  resourceId: string;
}

export type NewCorrespondence = Omit<SimCorrespondence, 'id' | 'altinn2Id' | 'created' | 'statusHistory' | 'notifications' | 'published' | 'read'>;

export interface SenderQuery {
  resourceId?: string | null;
  sendersReference?: string | null;
  idempotentKey?: string | null;
  status?: CorrespondenceStatusName | null;
  from?: number | null;
  to?: number | null;
}

export interface Altinn2Query {
  serviceCode: string;
  serviceEdition: string;
  sendersReference?: string | null;
  reportee?: string | null;
  createdAfter?: number | null;
  createdBefore?: number | null;
}

type DueKind = 'publish' | 'notify' | 'reminder' | 'due';
interface Due {
  at: number;
  seq: number;
  id: string;
  kind: DueKind;
  notificationId?: string;
}

/** Fødselsnummer / D-nummer: 11 digits with both mod-11 check digits right. */
export function isValidPersonNumber(n: string): boolean {
  if (!/^\d{11}$/.test(n)) return false;
  const d = [...n].map(Number);
  const k1w = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const k2w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const check = (w: number[]) => {
    const r = 11 - (w.reduce((s, x, i) => s + x * (d[i] ?? 0), 0) % 11);
    return r === 11 ? 0 : r;
  };
  const k1 = check(k1w);
  if (k1 === 10 || k1 !== d[9]) return false;
  const k2 = check(k2w);
  return k2 !== 10 && k2 === d[10];
}

/** Organisasjonsnummer: 9 digits, mod-11 with weights 3 2 7 6 5 4 3 2. */
export function isValidOrgNumber(n: string): boolean {
  if (!/^\d{9}$/.test(n)) return false;
  const w = [3, 2, 7, 6, 5, 4, 3, 2];
  const r = 11 - (w.reduce((s, x, i) => s + x * Number(n[i]), 0) % 11);
  const k = r === 11 ? 0 : r;
  return k !== 10 && k === Number(n[8]);
}

/** The person number in a recipient string, or null for an organisation / other kind. */
export function personNumberOf(recipient: string): string | null {
  const m = /^(?:urn:altinn:person:identifier-no:)?(\d{11})$/.exec(recipient.trim());
  return m?.[1] ?? null;
}

export class CorrespondenceSimState {
  /** Days from publish to the reminder (7 in production, 1 in Altinn's test environments). */
  reminderDelayDays: number;
  /** Delay from publish to the main notification (Altinn's docs: about 5 minutes; default 0). */
  notificationDelayMs: number;

  private readonly byId = new Map<string, SimCorrespondence>();
  private readonly byA2Id = new Map<number, SimCorrespondence>();
  private readonly byKey = new Map<string, SimCorrespondence>();
  private readonly bySendersRef = new Map<string, SimCorrespondence[]>();
  private readonly byResource = new Map<string, SimCorrespondence[]>();
  private readonly reserved = new Set<string>();
  private readonly eventLog: SimCorrespondenceEvent[] = [];
  /** Event id → its index in eventLog, so a cursor is found without a scan. */
  private readonly eventIndex = new Map<string, number>();
  private readonly queue: Due[] = [];
  private seq = 0;
  private nextA2Id = 1_000_001;
  private createdCount = 0;
  /**
   * Ids are uuid-shaped: a per-state random prefix, a kind and a counter (cheap at 10,000+). The
   * demo's persistence sets the prefix of the run it continues before the first id is drawn.
   */
  idPrefix = randomBytes(4).toString('hex');
  private idCount = 0;

  constructor(
    readonly now: () => number,
    opts: { reminderDelayDays?: number; notificationDelayMs?: number } = {},
  ) {
    this.reminderDelayDays = opts.reminderDelayDays ?? 7;
    this.notificationDelayMs = opts.notificationDelayMs ?? 0;
  }

  // --- KRR reservations ------------------------------------------------------------------

  reserve(personNumber: string): void {
    this.reserved.add(personNumber);
  }

  unreserve(personNumber: string): void {
    this.reserved.delete(personNumber);
  }

  isReserved(recipient: string): boolean {
    const p = personNumberOf(recipient);
    return p !== null && this.reserved.has(p);
  }

  // --- create and look up ----------------------------------------------------------------

  /**
   * Creates a correspondence at now(): Initialized → ReadyForPublish, publish queued. With
   * `reserved` (one of several recipients is reserved in KRR) it stops at Reserved instead.
   */
  create(input: NewCorrespondence, opts: { reserved?: boolean } = {}): SimCorrespondence {
    this.tick();
    const t = this.now();
    ++this.createdCount;
    const altinn2 = input.transport === 'altinn2';
    const c: SimCorrespondence = {
      ...input,
      id: this.newId(1),
      altinn2Id: altinn2 ? this.nextA2Id++ : null,
      created: t,
      statusHistory: [
        { status: 'Initialized', statusText: 'Initialized', at: t },
        { status: 'ReadyForPublish', statusText: 'Ready for publish', at: t },
      ],
      notifications: [],
      published: null,
      read: null,
    };
    if (opts.reserved) {
      c.statusHistory.push({ status: 'Reserved', statusText: 'Recipient is reserved against digital communication (KRR)', at: t });
      this.emit(c, 'correspondencereceiverreserved', t);
    }
    this.byId.set(c.id, c);
    if (c.altinn2Id !== null) this.byA2Id.set(c.altinn2Id, c);
    if (c.idempotentKey) this.byKey.set(c.idempotentKey.toLowerCase(), c);
    push(this.bySendersRef, refKey(c.resourceId, c.sendersReference), c);
    push(this.byResource, c.resourceId, c);
    const publishAt = Math.max(t, c.requestedPublishTime ?? t);
    this.schedule(publishAt, c.id, 'publish');
    if (c.dueDateTime !== null) this.schedule(c.dueDateTime, c.id, 'due');
    if (c.notification) {
      const main = this.order(c, false, publishAt + this.notificationDelayMs);
      this.schedule(main.requestedSendTime, c.id, 'notify', main.id);
      if (c.notification.sendReminder) {
        const rem = this.order(c, true, publishAt + this.reminderDelayDays * DAY_MS);
        this.schedule(rem.requestedSendTime, c.id, 'reminder', rem.id);
      }
    }
    return c;
  }

  get(id: string): SimCorrespondence | undefined {
    this.tick();
    return this.byId.get(id.toLowerCase());
  }

  byAltinn2Id(id: number): SimCorrespondence | undefined {
    this.tick();
    return this.byA2Id.get(id);
  }

  byIdempotentKey(key: string): SimCorrespondence | undefined {
    this.tick();
    return this.byKey.get(key.toLowerCase());
  }

  /** GET /correspondence?role=Sender&…: indexed by idempotentKey, sendersReference or resource. */
  findSender(q: SenderQuery): SimCorrespondence[] {
    this.tick();
    let list: readonly SimCorrespondence[];
    if (q.idempotentKey) {
      const c = this.byKey.get(q.idempotentKey.toLowerCase());
      list = c ? [c] : [];
    } else if (q.sendersReference && q.resourceId) {
      list = this.bySendersRef.get(refKey(q.resourceId, q.sendersReference)) ?? [];
    } else if (q.resourceId) {
      list = this.byResource.get(q.resourceId) ?? [];
    } else {
      list = [...this.byId.values()];
    }
    return list.filter(
      (c) =>
        (!q.resourceId || c.resourceId === q.resourceId) &&
        (!q.sendersReference || c.sendersReference === q.sendersReference) &&
        (!q.status || currentStatus(c) === q.status) &&
        (q.from == null || c.created >= q.from) &&
        (q.to == null || c.created <= q.to),
    );
  }

  /** GetCorrespondenceStatusDetailsBasicV3: by service, then SendersReference / reportee / created window. */
  findAltinn2(q: Altinn2Query): SimCorrespondence[] {
    this.tick();
    const resource = altinn2ResourceId(q.serviceCode, q.serviceEdition);
    const list = q.sendersReference ? (this.bySendersRef.get(refKey(resource, q.sendersReference)) ?? []) : (this.byResource.get(resource) ?? []);
    return list.filter(
      (c) =>
        (!q.reportee || c.recipient === q.reportee || personNumberOf(c.recipient) === q.reportee) &&
        (q.createdAfter == null || c.created >= q.createdAfter) &&
        (q.createdBefore == null || c.created <= q.createdBefore),
    );
  }

  all(): SimCorrespondence[] {
    this.tick();
    return [...this.byId.values()];
  }

  count(): number {
    return this.byId.size;
  }

  events(): readonly SimCorrespondenceEvent[] {
    this.tick();
    return this.eventLog;
  }

  /**
   * The events after the one with id `after`, oldest first (the Events API's cursor). "0", null
   * or an id never issued starts from the beginning, as Altinn Events does.
   */
  eventsAfter(after: string | null): readonly SimCorrespondenceEvent[] {
    this.tick();
    const i = after === null ? undefined : this.eventIndex.get(after);
    return i === undefined ? this.eventLog : this.eventLog.slice(i + 1);
  }

  // --- recipient side and test control ---------------------------------------------------

  /** The recipient opened it (GET /content, POST /markasread, or the test hook). False if it is not published. */
  markRead(id: string, at?: number): boolean {
    this.tick();
    const c = this.byId.get(id.toLowerCase());
    if (!c || c.published === null || isFailedOrReserved(c)) return false;
    if (c.read === null) {
      c.read = at ?? this.now();
      c.statusHistory.push({ status: 'Read', statusText: 'Read', at: c.read });
      this.emit(c, 'correspondencereceiverread', c.read);
    }
    return true;
  }

  /** Test control: appends any status (Fetched, Confirmed, Archived, PurgedByRecipient, Failed, …). */
  setStatus(id: string, status: CorrespondenceStatusName, statusText: string = status): boolean {
    this.tick();
    const c = this.byId.get(id.toLowerCase());
    if (!c) return false;
    if (status === 'Read') return this.markRead(id);
    const t = this.now();
    c.statusHistory.push({ status, statusText, at: t });
    if (status === 'Published' && c.published === null) c.published = t;
    if (status === 'Failed') this.emit(c, 'correspondencepublishfailed', t);
    return true;
  }

  /** Processes everything due up to now(), in time order. Called by every reader. */
  tick(): void {
    const t = this.now();
    while (this.queue.length > 0 && (this.queue[0]?.at ?? Infinity) <= t) {
      const due = heapPop(this.queue);
      const c = this.byId.get(due.id);
      if (c) this.fire(c, due);
    }
  }

  // --- internals --------------------------------------------------------------------------

  private fire(c: SimCorrespondence, due: Due): void {
    switch (due.kind) {
      case 'publish': {
        if (isFailedOrReserved(c) || c.published !== null) return;
        c.published = due.at;
        c.statusHistory.push({ status: 'Published', statusText: 'Published', at: due.at });
        this.emit(c, 'correspondencepublished', due.at);
        return;
      }
      case 'notify':
      case 'reminder': {
        const n = c.notifications.find((x) => x.id === due.notificationId);
        if (!n || n.processingStatus !== 'Registered') return;
        // The reminder's condition endpoint says no once the letter is Read, purged, Failed or never Published.
        if (due.kind === 'reminder' && (c.read !== null || c.published === null || isFailedOrReserved(c) || isPurged(c))) {
          n.processingStatus = 'SendConditionNotMet';
          return;
        }
        if (c.published === null) {
          n.processingStatus = 'Cancelled';
          return;
        }
        n.processingStatus = 'Completed';
        for (const channel of channelsOf(c.notification?.channel ?? 'Email')) n.sent.push({ channel, at: due.at, succeeded: true });
        this.emit(c, 'correspondencenotificationdelivered', due.at);
        return;
      }
      case 'due': {
        if (c.read === null && c.published !== null && !isFailedOrReserved(c)) this.emit(c, 'correspondencereceiverneverread', due.at);
        return;
      }
    }
  }

  private order(c: SimCorrespondence, isReminder: boolean, at: number): SimNotification {
    const n: SimNotification = {
      id: this.newId(isReminder ? 3 : 2),
      isReminder,
      created: c.created,
      requestedSendTime: at,
      processingStatus: 'Registered',
      sent: [],
    };
    c.notifications.push(n);
    return n;
  }

  private newId(kind: number): string {
    const n = (++this.idCount).toString(16).padStart(12, '0');
    return `${this.idPrefix}-000${kind}-4000-8000-${n}`;
  }

  private schedule(at: number, id: string, kind: DueKind, notificationId?: string): void {
    heapPush(this.queue, { at, seq: this.seq++, id, kind, notificationId });
  }

  /** Records a CloudEvent (no.altinn.correspondence.{name}) at `time` on the sim clock. */
  private emit(c: SimCorrespondence, name: string, time: number): void {
    const id = this.newId(4);
    this.eventIndex.set(id, this.eventLog.length);
    this.eventLog.push({ id, type: `${EVENT_PREFIX}${name}`, time, correspondenceId: c.id, resourceId: c.resourceId });
  }
}

/** The resource id the simulator files Altinn 2 correspondences under. */
export function altinn2ResourceId(serviceCode: string, serviceEdition: string): string {
  return `altinn2:${serviceCode}:${serviceEdition}`;
}

/** The top-level status Altinn shows: the highest enum value reached, Fetched excluded. */
export function currentStatus(c: SimCorrespondence): CorrespondenceStatusName {
  let best = -1;
  for (const h of c.statusHistory) {
    if (h.status === 'Fetched') continue;
    best = Math.max(best, CORRESPONDENCE_STATUSES.indexOf(h.status));
  }
  return CORRESPONDENCE_STATUSES[Math.max(0, best)] ?? 'Initialized';
}

export function latestEntry(c: SimCorrespondence, status: CorrespondenceStatusName): SimStatusEntry | undefined {
  for (let i = c.statusHistory.length - 1; i >= 0; i--) if (c.statusHistory[i]?.status === status) return c.statusHistory[i];
  return undefined;
}

function isFailedOrReserved(c: SimCorrespondence): boolean {
  return c.statusHistory.some((h) => h.status === 'Failed' || h.status === 'Reserved');
}

function isPurged(c: SimCorrespondence): boolean {
  return c.statusHistory.some((h) => h.status === 'PurgedByRecipient' || h.status === 'PurgedByAltinn');
}

/** The simulated recipient has both an e-mail address and a mobile number in KRR. */
function channelsOf(ch: NotificationChannelName): ('Email' | 'Sms')[] {
  if (ch === 'EmailAndSms') return ['Email', 'Sms'];
  return ch === 'Sms' || ch === 'SmsPreferred' ? ['Sms'] : ['Email'];
}

const refKey = (resourceId: string, ref: string) => `${resourceId}\u0000${ref}`;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

// --- a binary min-heap on (at, seq) ---------------------------------------------------------

const before = (a: Due, b: Due) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

function heapPush(h: Due[], x: Due): void {
  h.push(x);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(h[i]!, h[p]!)) break;
    [h[i], h[p]] = [h[p]!, h[i]!];
    i = p;
  }
}

function heapPop(h: Due[]): Due {
  const top = h[0]!;
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
  return top;
}
