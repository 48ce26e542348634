import { z } from 'zod';
import { CASE_READERS, CASE_WORKERS } from './roles';

/**
 * Hand-overs of an application to the municipality's internal systems (#15): what happened on
 * the case, retrying after a rejection, and the manual task where a person enters it.
 */

export const HANDOVER_STATUSES = ['waiting', 'pending', 'awaiting-receipt', 'delivered', 'failed', 'manual', 'done'] as const;
export const handoverStatusSchema = z.enum(HANDOVER_STATUSES);
export type HandoverStatusDto = z.infer<typeof handoverStatusSchema>;

export const handoverSchema = z.object({
  target: z.string(),
  /** The target's name as IT configured it («IST barnehage»). */
  targetName: z.string(),
  mode: z.enum(['automatic', 'manual']),
  status: handoverStatusSchema,
  after: z.enum(['archived', 'decided']),
  /** The target's own reference once it has the application. */
  reference: z.string().nullable(),
  /** The target's own message when it refused (never personal data of ours). */
  lastError: z.string().nullable(),
  mappingVersion: z.number().int().nullable(),
  updatedAt: z.number(),
  deliveredAt: z.number().nullable(),
  /** The person's name who completed a manual hand-over. */
  doneBy: z.string().nullable(),
  can: z.object({ retry: z.boolean(), complete: z.boolean() }),
});
export type HandoverDto = z.infer<typeof handoverSchema>;

export const manualTaskSchema = z.object({
  target: z.string(),
  targetName: z.string(),
  instructions: z.string(),
  assignTo: z.string().nullable(),
  /** Everything to type into the target, one by one, in the mapping's order. */
  fields: z.array(z.object({ label: z.string(), value: z.string(), sensitive: z.boolean() })),
});
export type ManualTaskDto = z.infer<typeof manualTaskSchema>;

const ref = z.object({ publicId: z.string().uuid(), target: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) }).strict();

export const routingChannels = {
  'handovers.forCase': { input: z.object({ publicId: z.string().uuid() }).strict(), output: z.array(handoverSchema), roles: CASE_READERS },
  /** A failed hand-over tried again (after IT fixed the mapping); the job runs with the mapping active then. */
  'handovers.retry': { input: ref, output: handoverSchema, roles: CASE_WORKERS },
  /** The manual task, with the values in clear for whoever may see the case (audited). */
  'handovers.task': { input: ref, output: manualTaskSchema, roles: CASE_WORKERS },
  /** A summary of the application to enter by hand, as PDF (base64). */
  'handovers.summaryPdf': { input: ref, output: z.object({ pdfBase64: z.string(), pages: z.number().int() }), roles: CASE_WORKERS },
  /** The person has entered it in the target: done, with the target's reference when it gave one. */
  'handovers.complete': { input: ref.extend({ reference: z.string().trim().max(200).optional() }).strict(), output: handoverSchema, roles: CASE_WORKERS },
} as const;
