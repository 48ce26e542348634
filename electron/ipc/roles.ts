import { z } from 'zod';

/**
 * Who may call what. Every channel in the contract names the roles that may call it; the hub
 * refuses anyone else ('forbidden'), and the session tells the UI which channels its user may
 * call, so it hides what it would refuse. A user with no role (an account missing from
 * `access.users`) may only ask who it is.
 */

export const ROLES = ['saksbehandler', 'leder', 'arkivar', 'it-admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Anyone at the desk, a user with no role included: only "who am I" (session.get) and the demo's switcher. */
export const ANYONE = 'anyone';
/** The roles a channel allows, or ANYONE. */
export type ChannelAccess = readonly Role[] | typeof ANYONE;

/** Every role: the status overview (counts, schedules, redacted errors; no personal data). */
export const ALL_ROLES = ROLES;
/** Case data (lists, the form, documents, replies, register data): the roles that work with cases. IT operates the system and sees no case. Kept equal to core's CASE_READER_ROLES by a test. */
export const CASE_READERS = ['saksbehandler', 'leder', 'arkivar'] as const satisfies readonly Role[];
/** Acting on a case or its reply: caseworkers and leaders (core decides the finer rules per case). */
export const CASE_WORKERS = ['saksbehandler', 'leder'] as const satisfies readonly Role[];
/** Notes: the case's workers and the archivist. */
export const NOTE_WRITERS = ['saksbehandler', 'leder', 'arkivar'] as const satisfies readonly Role[];
/** Taking a submission out of quarantine (re-validate, register by hand, mark as duplicate, reject): caseworkers, leaders and archivists. Kept equal to core's QUARANTINE_HANDLER_ROLES by a test. */
export const QUARANTINE_HANDLERS = ['saksbehandler', 'leder', 'arkivar'] as const satisfies readonly Role[];
/** "Fetch now" / "check read status now": harmless, idempotent pulls a caseworker starts from the inbox and the Svar screen, and IT. */
export const FETCHERS = ['saksbehandler', 'leder', 'it-admin'] as const satisfies readonly Role[];
/** The job queue (types, states, redacted errors): IT, and leaders who follow up what is stuck. */
export const JOB_READERS = ['leder', 'it-admin'] as const satisfies readonly Role[];
/** The designer screens (#15): mappings to internal systems and a profile's rules. */
export const DESIGNERS = ['it-admin'] as const satisfies readonly Role[];
/** The archivist's desk (#16): deliveries to sak/arkiv, the journal, exports and the public journal. */
export const ARCHIVISTS = ['arkivar'] as const satisfies readonly Role[];
/** The audit trail viewer with its chain check: archivists, and IT who operate the system. */
export const AUDIT_READERS = ['arkivar', 'it-admin'] as const satisfies readonly Role[];
/** Operations: retry or abandon a job, run a schedule now (the backup too), verify the audit chain. */
export const OPERATORS = ['it-admin'] as const satisfies readonly Role[];

/** Whether a user with these roles may call a channel with this access. */
export const mayCall = (access: ChannelAccess, roles: readonly Role[]): boolean => access === ANYONE || roles.some((r) => access.includes(r));
