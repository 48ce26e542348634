import { z } from 'zod';

/** Durable job types of the alerts (#17 item 4), stored in users' databases: never renamed without a migration. */
export const EVALUATE_JOB = 'alerts.evaluate';
export const evaluatePayload = z.object({}).strict();

export const MAIL_JOB = 'alerts.mail';
/** The incident and the phase only: the mail is written from the stored (redacted) incident when it is sent. */
export const mailPayload = z.object({ incidentId: z.number().int().positive(), phase: z.enum(['open', 'clear']) }).strict();
export type MailPayload = z.infer<typeof mailPayload>;

/** One mail per incident and phase, whatever crashes or retries come between. */
export const mailJobKey = (incidentId: number, phase: 'open' | 'clear'): string => `alert:${incidentId}:${phase}`;

/** The schedule's name and how often it runs (it only enqueues the evaluation). */
export const EVALUATE_SCHEDULE = { name: 'alerts.evaluate', cron: '* * * * *' } as const;
