import { allowedChannels, type JobSummary, type SubmissionDetail, type SubmissionSummary, type SystemStatus } from '../../../electron/ipc/contract';
import type { CaseList, CaseListInput, CaseRow, CaseWork, DeskUser, Session } from '../../../electron/ipc/desk.contract';
import type { RegistersView, ReplyList, ReplyRow, ReplyStats, ReplyView } from '../../../electron/ipc/replies.contract';

export const NOW = Date.UTC(2025, 2, 12, 13, 0, 0);

export function statusFixture(overrides: Partial<SystemStatus> = {}): SystemStatus {
  return {
    version: '0.1.0',
    demo: false,
    host: 'headless',
    startedAt: NOW - 3 * 60_000,
    now: NOW,
    store: { kind: 'postgres', node: 'hub-2:4711', sizeBytes: 1_234_567, schemaVersion: 30, auditEntries: 42 },
    jobs: { queued: 3, running: 1, done: 7, dead: 2, deadUnresolved: 1 },
    pausedIntegrations: [],
    schedules: [
      { name: 'store.backup', cron: '0 2 * * *', jobType: 'store.backup', enabled: true, lastRunAt: NOW - 11 * 3600_000, nextRunAt: NOW + 13 * 3600_000 },
      { name: 'custom.sync', cron: '*/5 * * * *', jobType: 'custom.sync', enabled: true, lastRunAt: null, nextRunAt: null },
    ],
    lastBackup: null,
    archive: { transport: 'noark5-rest', entries: { pending: 2, 'awaiting-receipt': 0, archived: 40, failed: 1 } },
    handovers: [
      { target: 'ist-barnehage', name: 'IST barnehage', transport: 'file', counts: { waiting: 0, pending: 1, 'awaiting-receipt': 2, delivered: 30, failed: 1, manual: 0, done: 0 } },
      { target: 'gerica', name: 'Gerica', transport: 'manual', counts: { waiting: 0, pending: 0, 'awaiting-receipt': 0, delivered: 0, failed: 0, manual: 3, done: 4 } },
    ],
    waiting: [],
    ...overrides,
  };
}

export function jobFixture(overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id: 1,
    type: 'noark.archive-incoming',
    status: 'done',
    attempts: 1,
    maxAttempts: 5,
    integration: 'noark',
    runAfter: NOW,
    createdAt: NOW - 60_000,
    updatedAt: NOW - 30_000,
    lastError: null,
    lastErrorKind: null,
    abandoned: false,
    case: null,
    ...overrides,
  };
}

/** A v4-shaped id per number, as the hub's publicIds are UUIDs. */
export const publicId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function submissionFixture(overrides: Partial<SubmissionSummary> = {}): SubmissionSummary {
  return {
    publicId: publicId(1),
    status: 'received',
    serviceKey: 'kommune/permisjon-skole',
    profileId: 'permisjon-skole',
    serviceName: 'Permisjon fra undervisning',
    applicantName: 'Kari Nordmann',
    title: 'Søknad om permisjon fra undervisning – 2 barn',
    quarantineReason: null,
    submittedAt: NOW - 2 * 3600_000,
    receivedAt: NOW - 3600_000,
    sources: ['altinn3'],
    confirmed: true,
    ...overrides,
  };
}

export function submissionDetailFixture(overrides: Partial<SubmissionDetail> = {}): SubmissionDetail {
  return {
    ...submissionFixture(),
    personNumberMasked: '010170*****',
    quarantineCode: null,
    form: {
      fields: [
        { key: 'from', label: 'Fra dato', value: '2025-04-07' },
        { key: 'to', label: 'Til dato', value: '2025-04-11' },
        { key: 'reason', label: 'Begrunnelse', value: 'Familietur til Tromsø' },
      ],
      lists: [
        {
          key: 'children',
          label: 'Barn',
          items: [
            [
              { key: 'name', label: 'Navn', value: 'Ola Nordmann' },
              { key: 'school', label: 'Skole', value: 'Nordre Åsen skole' },
              { key: 'grade', label: 'Trinn', value: '4' },
            ],
            [
              { key: 'name', label: 'Navn', value: 'Emma Nordmann' },
              { key: 'school', label: 'Skole', value: 'Nordre Åsen skole' },
            ],
          ],
        },
      ],
    },
    parts: [
      { seq: 1, role: 'form', dataType: 'model', filename: null, contentType: 'application/xml', size: 4_210, stored: true },
      { seq: 2, role: 'receipt-pdf', dataType: 'ref-data-as-pdf', filename: 'permisjon.pdf', contentType: 'application/pdf', size: 48_300, stored: true },
      { seq: 3, role: 'attachment', dataType: 'vedlegg', filename: 'invitasjon.jpg', contentType: 'image/jpeg', size: 2_400_000, stored: false },
    ],
    sourceItems: [{ source: 'altinn3', sourceId: '51001/6a1c2f0e-9a8b-4c1d-8e2f-3b4a5c6d7e8f', fetchedAt: NOW - 3600_000, confirmedAt: NOW - 3590_000 }],
    archive: {
      transport: 'noark5-rest',
      caseNumber: '2026/118',
      caseTitle: 'Søknad om barnehageplass – Ola Nordmann – Solstrålen barnehage',
      caseTitlePublic: 'Søknad om barnehageplass – ***** – Solstrålen barnehage',
      arkivdel: 'BARNEHAGE',
      classification: 'KK A10',
      screening: { tilgangsrestriksjon: '13', skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13 første ledd nr. 1' },
      entries: [
        {
          journalposttype: 'I',
          title: 'Søknad om barnehageplass – Ola Nordmann – Solstrålen barnehage',
          status: 'archived',
          number: '2026/118-1',
          registeredAt: NOW - 3590_000,
          archivedAt: NOW - 3580_000,
          lastError: null,
          documents: [{ number: 1, title: 'Søknad om barnehageplass', role: 'hoveddokument' }],
        },
      ],
    },
    ...overrides,
  };
}

// ---- The caseworker desk (desk.contract.ts) ----

export function deskUserFixture(overrides: Partial<DeskUser> = {}): DeskUser {
  return { account: 'kari', name: 'Kari Saksbehandler', roles: ['saksbehandler'], groups: ['skole'], ...overrides };
}

export const LEDER = deskUserFixture({ account: 'lise', name: 'Lise Leder', roles: ['leder', 'saksbehandler'], groups: ['skole', 'helse'] });

/** A session as the hub answers it: the channels the user may call come from the contract's role declarations. */
export function sessionFixture(overrides: Partial<Session> = {}): Session {
  const user = overrides.user ?? deskUserFixture();
  return { user, switchable: [], allowed: allowedChannels(user.roles), ...overrides };
}

export function caseRowFixture(overrides: Partial<CaseRow> = {}): CaseRow {
  return {
    publicId: publicId(1),
    profileId: 'permisjon-skole',
    serviceName: 'Permisjon fra undervisning',
    applicantName: 'Kari Nordmann',
    personNumberMasked: '010170*****',
    title: 'Søknad om permisjon fra undervisning – 2 barn',
    receivedAt: NOW - 3600_000,
    status: 'new',
    assignee: null,
    caseNumber: '2026/118',
    deadlineAt: NOW + 20 * 24 * 3600_000,
    preliminaryReplyAt: null,
    screened: false,
    ...overrides,
  };
}

/** A cases.list answer over rows, honouring status/profileId/assignee filters and offset/limit. */
export function caseListAnswer(rows: CaseRow[], input: CaseListInput, me = 'kari'): CaseList {
  const filtered = rows.filter(
    (r) =>
      (!input.status || r.status === input.status) &&
      (!input.profileId || r.profileId === input.profileId) &&
      (!input.assignee || (input.assignee === 'none' ? r.assignee === null : r.assignee?.account === (input.assignee === 'me' ? me : input.assignee))),
  );
  const offset = input.offset ?? 0;
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const services = [...new Map(rows.filter((r) => r.profileId).map((r) => [r.profileId!, r.serviceName ?? r.profileId!])).entries()].map(([id, name]) => ({ id, name }));
  return { items: filtered.slice(offset, offset + (input.limit ?? 50)), total: filtered.length, counts, services };
}

export function caseWorkFixture(overrides: Partial<CaseWork> = {}): CaseWork {
  return {
    status: 'new',
    assignee: null,
    deadlineAt: NOW + 20 * 24 * 3600_000,
    preliminaryReplyAt: null,
    notes: [],
    decision: null,
    letter: null,
    approvals: [],
    assignable: [],
    secondApprovalRequired: false,
    can: { claim: true, release: false, reassign: false, note: true, decide: false, editLetter: false, approve: false, sendBack: false, rejectLetter: false },
    recommendation: null,
    timeline: [
      { kind: 'received', at: NOW - 3600_000, actor: 'Postmottak', text: null },
      { kind: 'archived', at: NOW - 3500_000, actor: 'Postmottak', text: 'Journalpost 2026/118-1' },
    ],
    ...overrides,
  };
}

// ---- Replies after approval (replies.contract.ts) ----

const DAY_MS = 24 * 3600_000;

export function replyRowFixture(overrides: Partial<ReplyRow> = {}): ReplyRow {
  return {
    publicId: publicId(1),
    serviceName: 'Permisjon fra undervisning',
    applicantName: 'Kari Nordmann',
    personNumberMasked: '010170*****',
    caseNumber: '2026/118',
    title: 'Vedtak om permisjon fra undervisning',
    state: 'notified',
    channel: 'altinn3',
    approvedAt: NOW - 2 * DAY_MS,
    sentAt: NOW - 2 * DAY_MS + 60_000,
    notifiedAt: NOW - 2 * DAY_MS + 120_000,
    remindedAt: null,
    readAt: null,
    deadlineAt: NOW + 5 * DAY_MS,
    printedAt: null,
    reason: null,
    ...overrides,
  };
}

/** A replies.list answer over rows, honouring state / dueWithinDays and offset / limit; counts cover all rows. */
export function replyListAnswer(rows: ReplyRow[], input: { state?: ReplyRow['state']; dueWithinDays?: number; limit?: number; offset?: number }, now = NOW): ReplyList {
  const pending = (r: ReplyRow) => r.readAt === null && (r.state === 'queued' || r.state === 'sent' || r.state === 'notified');
  const dueWithin = (r: ReplyRow, days: number) => pending(r) && r.deadlineAt !== null && r.deadlineAt <= now + days * DAY_MS;
  const filtered = rows.filter((r) => (!input.state || r.state === input.state) && (input.dueWithinDays === undefined || dueWithin(r, input.dueWithinDays)));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
  const offset = input.offset ?? 0;
  return { items: filtered.slice(offset, offset + (input.limit ?? 50)), total: filtered.length, counts, dueSoon: rows.filter((r) => dueWithin(r, 3)).length };
}

/** `days` days up to 2025-03-12, oldest first; each value from the function (default: a small steady pattern). */
export function replyStatsFixture(days = 30, value: (i: number) => { sent: number; read: number; printed: number } = (i) => ({ sent: i % 4, read: i % 3, printed: i % 7 === 0 ? 1 : 0 })): ReplyStats {
  const end = Date.UTC(2025, 2, 12);
  return {
    days: Array.from({ length: days }, (_, i) => ({ date: new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10), ...value(i) })),
  };
}

export function registersFixture(overrides: Partial<RegistersView> = {}): RegistersView {
  return {
    person: {
      name: 'Kari Nordmann',
      status: 'bosatt',
      address: { lines: ['Storgata 1'], postalCode: '0155', postalPlace: 'OSLO', country: null },
      addressProtection: 'none',
      children: [
        { name: 'Ola Nordmann', birthDate: '2015-06-01', personNumberMasked: '010615*****', inApplication: true },
        { name: 'Emma Nordmann', birthDate: '2018-09-12', personNumberMasked: '120918*****', inApplication: false },
      ],
      notChildren: [],
      lookedUpAt: NOW - 2 * DAY_MS,
    },
    contact: { state: 'active', reserved: false, canNotify: true, email: 'kari@example.no', mobile: '+4799999999', lookedUpAt: NOW - 2 * DAY_MS },
    ...overrides,
  };
}

export function replyViewFixture(overrides: Partial<ReplyView> = {}): ReplyView {
  return {
    reply: replyRowFixture(),
    registers: registersFixture(),
    recipientMismatch: null,
    can: { hold: true, resume: false, stop: true, confirmRecipient: false },
    ...overrides,
  };
}
