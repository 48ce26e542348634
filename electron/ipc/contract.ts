import { z } from 'zod';
import { deskChannels } from './desk.contract';
import { alertsChannels } from './alerts.contract';
import { archivistChannels } from './archivist.contract';
import { healthChannels } from './health.contract';
import { integrationsAdminChannels } from './integrations-admin.contract';
import { logsChannels } from './logs.contract';
import { secretsChannels } from './secrets.contract';
import { updatesChannels } from './updates.contract';
import { upkeepChannels } from './upkeep.contract';
import { designerChannels } from './designer.contract';
import { routingChannels } from './routing.contract';
import { quarantineChannels } from './quarantine.contract';
import { replyChannels } from './replies.contract';
import { ALL_ROLES, CASE_READERS, FETCHERS, JOB_READERS, OPERATORS, mayCall, type ChannelAccess, type Role } from './roles';

/**
 * THE contract between the UI and the hub: channel '<area>.<verb>' → input and output
 * schemas. The same map is served over Electron IPC (one invoke channel) and over the
 * headless HTTP bridge. Hosts validate every input against it; the renderer is untrusted.
 */

export const jobStatusSchema = z.enum(['queued', 'running', 'done', 'dead']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobSummarySchema = z.object({
  id: z.number().int(),
  type: z.string(),
  status: jobStatusSchema,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  integration: z.string().nullable(),
  runAfter: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastError: z.string().nullable(),
  lastErrorKind: z.string().nullable(),
  abandoned: z.boolean(),
  /** The case the job works on (#14), resolved by the hub from the payload; a label, never a fødselsnummer. Null for system jobs. */
  case: z.object({ publicId: z.string(), label: z.string() }).nullable(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const scheduleSummarySchema = z.object({
  name: z.string(),
  cron: z.string(),
  jobType: z.string(),
  enabled: z.boolean(),
  lastRunAt: z.number().nullable(),
  nextRunAt: z.number().nullable(),
});
export type ScheduleSummary = z.infer<typeof scheduleSummarySchema>;

export const systemStatusSchema = z.object({
  version: z.string(),
  demo: z.boolean(),
  host: z.enum(['electron', 'headless', 'test']),
  startedAt: z.number(),
  now: z.number(),
  store: z.object({
    /** SQLite in the data folder (one desk) or PostgreSQL shared by a team's hub nodes (#19). */
    kind: z.enum(['sqlite', 'postgres']),
    /** This hub node's name among those sharing the store. */
    node: z.string(),
    sizeBytes: z.number(),
    schemaVersion: z.number().int(),
    auditEntries: z.number().int(),
  }),
  jobs: z.object({
    queued: z.number().int(),
    running: z.number().int(),
    done: z.number().int(),
    dead: z.number().int(),
    deadUnresolved: z.number().int(),
  }),
  pausedIntegrations: z.array(z.object({ integration: z.string(), until: z.number(), reason: z.string() })),
  /** What is waiting to be sent, per integration (altinn, archive …), since when, and whether it is failing. */
  waiting: z.array(z.object({ integration: z.string(), count: z.number().int(), since: z.number(), failing: z.boolean(), lastError: z.string().nullable() })),
  schedules: z.array(scheduleSummarySchema),
  lastBackup: z.object({ at: z.number(), file: z.string(), bytes: z.number() }).nullable(),
  archive: z.object({
    /** The configured transport, or null when no archive is set up. */
    transport: z.enum(['noark5-rest', 'geointegrasjon', 'noark4-ws', 'arkivmelding']).nullable(),
    entries: z.object({ pending: z.number().int(), 'awaiting-receipt': z.number().int(), archived: z.number().int(), failed: z.number().int() }),
  }),
  /** Hand-overs to the internal systems (#15) per target: what waits, what the target refused, what a person must enter. */
  handovers: z.array(
    z.object({
      target: z.string(),
      /** The name IT gave it, or the id when it is not configured. */
      name: z.string(),
      transport: z.enum(['rest', 'soap', 'file', 'manual']).nullable(),
      counts: z.object({
        waiting: z.number().int(),
        pending: z.number().int(),
        'awaiting-receipt': z.number().int(),
        delivered: z.number().int(),
        failed: z.number().int(),
        manual: z.number().int(),
        done: z.number().int(),
      }),
    }),
  ),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problem: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

export const submissionStatusSchema = z.enum(['received', 'quarantined']);
export const sourceKindSchema = z.enum(['altinn3', 'altinn2']);

export const submissionSummarySchema = z.object({
  publicId: z.string(),
  status: submissionStatusSchema,
  serviceKey: z.string(),
  profileId: z.string().nullable(),
  serviceName: z.string().nullable(),
  applicantName: z.string().nullable(),
  title: z.string().nullable(),
  quarantineReason: z.string().nullable(),
  submittedAt: z.number(),
  receivedAt: z.number(),
  sources: z.array(sourceKindSchema),
  confirmed: z.boolean(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

export const archiveEntryStatusSchema = z.enum(['pending', 'awaiting-receipt', 'archived', 'failed']);
export type ArchiveEntryStatus = z.infer<typeof archiveEntryStatusSchema>;

/** What the archive has of one application: its case file and registry entries (I, and U for the reply). */
export const archiveRecordSchema = z.object({
  transport: z.string().nullable(),
  /** "2026/123" once the archive has numbered the case file. */
  caseNumber: z.string().nullable(),
  caseTitle: z.string(),
  caseTitlePublic: z.string(),
  arkivdel: z.string(),
  /** "KK A10"; a class value that is a fødselsnummer is masked. */
  classification: z.string(),
  screening: z.object({ tilgangsrestriksjon: z.string(), skjermingshjemmel: z.string() }).nullable(),
  entries: z.array(
    z.object({
      journalposttype: z.enum(['I', 'U']),
      title: z.string(),
      status: archiveEntryStatusSchema,
      /** "2026/123-1": case number and the entry's number in the case. */
      number: z.string().nullable(),
      registeredAt: z.number(),
      archivedAt: z.number().nullable(),
      /** The archive's own message when it refused the entry. */
      lastError: z.string().nullable(),
      documents: z.array(z.object({ number: z.number().int(), title: z.string(), role: z.enum(['hoveddokument', 'vedlegg']) })),
    }),
  ),
});
export type ArchiveRecordView = z.infer<typeof archiveRecordSchema>;

export const submissionDetailSchema = submissionSummarySchema.extend({
  /** Masked: the full fødselsnummer never crosses to the UI in a list or detail view. */
  personNumberMasked: z.string().nullable(),
  quarantineCode: z.string().nullable(),
  form: z
    .object({
      fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string().nullable() })),
      lists: z.array(
        z.object({ key: z.string(), label: z.string(), items: z.array(z.array(z.object({ key: z.string(), label: z.string(), value: z.string().nullable() }))) }),
      ),
    })
    .nullable(),
  parts: z.array(
    z.object({ seq: z.number().int(), role: z.enum(['form', 'receipt-pdf', 'attachment']), dataType: z.string(), filename: z.string().nullable(), contentType: z.string(), size: z.number(), stored: z.boolean() }),
  ),
  sourceItems: z.array(z.object({ source: sourceKindSchema, sourceId: z.string(), fetchedAt: z.number(), confirmedAt: z.number().nullable() })),
  archive: archiveRecordSchema.nullable(),
});
export type SubmissionDetail = z.infer<typeof submissionDetailSchema>;

export const submissionCountsSchema = z.object({ received: z.number().int(), quarantined: z.number().int(), unconfirmed: z.number().int() });

const empty = z.object({}).strict();
const jobRef = z.object({ id: z.number().int().positive() }).strict();

export const channels = {
  ...deskChannels,
  ...replyChannels,
  ...quarantineChannels,
  ...routingChannels,
  ...designerChannels,
  ...archivistChannels,
  // #17 IT administration
  ...healthChannels,
  ...integrationsAdminChannels,
  ...secretsChannels,
  ...alertsChannels,
  ...logsChannels,
  ...upkeepChannels,
  ...updatesChannels,
  'system.status': { input: empty, output: systemStatusSchema, roles: ALL_ROLES },
  'jobs.list': {
    input: z
      .object({
        status: jobStatusSchema.optional(),
        /** With status 'dead': true lists the given-up jobs, false those still waiting for someone (#14). */
        abandoned: z.boolean().optional(),
        /** The integration the job type talks to ('archive', 'altinn' …). */
        integration: z.string().min(1).max(50).optional(),
        /** Created at or after / before these times (ms), for the age filter. */
        createdAfter: z.number().int().min(0).optional(),
        createdBefore: z.number().int().min(0).optional(),
        /** Only these jobs: the UI follows a job it retried. */
        ids: z.array(z.number().int().positive()).min(1).max(500).optional(),
        /** The search (#14), run in the hub so it reaches past the rows shown: job number, type, case number or public title. */
        q: z.string().trim().min(1).max(200).optional(),
        /** The job types whose name in the user's language matches q (the renderer holds the words). */
        qTypes: z.array(z.string().min(1).max(100)).max(200).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(jobSummarySchema),
    roles: JOB_READERS,
  },
  'jobs.retry': { input: jobRef, output: jobSummarySchema, roles: OPERATORS },
  /** Retry several dead jobs at once (#14); one audit entry per job, and the ids that were not dead come back as missing. */
  'jobs.retryMany': {
    input: z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict(),
    output: z.object({ retried: z.array(jobSummarySchema), missing: z.array(z.number().int()) }),
    roles: OPERATORS,
  },
  'jobs.abandon': { input: jobRef, output: jobSummarySchema, roles: OPERATORS },
  'schedules.runNow': {
    input: z.object({ name: z.string().min(1).max(100) }).strict(),
    output: z.object({ jobId: z.number().int(), created: z.boolean() }),
    roles: OPERATORS,
  },
  'audit.verify': { input: empty, output: auditVerifySchema, roles: OPERATORS },
  'submissions.list': {
    input: z
      .object({
        status: submissionStatusSchema.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(submissionSummarySchema), counts: submissionCountsSchema }),
    roles: CASE_READERS,
  },
  'submissions.get': {
    input: z.object({ publicId: z.string().uuid() }).strict(),
    output: submissionDetailSchema,
    roles: CASE_READERS,
  },
  'ingest.pollNow': {
    input: z.object({ source: sourceKindSchema.optional() }).strict(),
    output: z.object({ jobIds: z.array(z.number().int()) }),
    roles: FETCHERS,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: ChannelAccess }>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

/** The roles the contract lets call a channel (ANYONE for "who am I"). */
export const channelAccess = (channel: ChannelName): ChannelAccess => channels[channel].roles;
/** The channels a user with these roles may call, as the session hands them to the UI. */
export const allowedChannels = (roles: readonly Role[]): ChannelName[] => (Object.keys(channels) as ChannelName[]).filter((c) => mayCall(channelAccess(c), roles));

/**
 * Events pushed from the hub to the UI, each only to a user whose roles may read what it
 * refreshes (and a case's event only to a user who may see that case): counts are the user's own.
 */
export const eventAccess = {
  'job.updated': ALL_ROLES,
  'status.changed': ALL_ROLES,
  'submissions.changed': CASE_READERS,
  'replies.changed': CASE_READERS,
} as const satisfies Record<string, ChannelAccess>;

export const events = {
  'job.updated': z.object({ id: z.number().int(), type: z.string(), status: jobStatusSchema }),
  'status.changed': z.object({ reason: z.string() }),
  'submissions.changed': z.object({ received: z.number().int(), quarantined: z.number().int() }),
  'replies.changed': z.object({ publicId: z.string() }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
