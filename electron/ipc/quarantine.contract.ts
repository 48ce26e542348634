import { z } from 'zod';
import { CASE_READERS, QUARANTINE_HANDLERS } from './roles';

/**
 * Quarantine's way out (#13 item 13): why a submission is there, in Norwegian with the raw
 * message beside it, and the four actions that end it in a case, a duplicate link or a rejection.
 */

const FIELD_TYPES = ['text', 'multiline', 'date', 'fnr', 'email', 'phone', 'boolean', 'number'] as const;

export const quarantineViewSchema = z.object({
  publicId: z.string(),
  open: z.boolean(),
  code: z.string().nullable(),
  /** The validator's own message, for "Tekniske detaljer". */
  raw: z.string().nullable(),
  explanation: z
    .object({
      summary: z.string(),
      problems: z.array(z.object({ line: z.number().int().nullable(), field: z.string().nullable(), text: z.string() })),
    })
    .nullable(),
  resolution: z
    .object({
      outcome: z.enum(['case', 'duplicate', 'rejected']),
      duplicateOfPublicId: z.string().nullable(),
      reason: z.string().nullable(),
      resolvedAt: z.number(),
    })
    .nullable(),
  /** The same person's submissions to the same service, close in time. */
  candidates: z.array(
    z.object({ publicId: z.string(), status: z.enum(['received', 'quarantined']), applicantName: z.string().nullable(), title: z.string().nullable(), submittedAt: z.number() }),
  ),
  duplicateWindowDays: z.number().int(),
  /** The form to type from the PDF; null when no profile knows the service. */
  manual: z
    .object({
      fields: z.array(z.object({ key: z.string(), list: z.string().nullable(), label: z.string(), type: z.enum(FIELD_TYPES), required: z.boolean() })),
      lists: z.array(z.object({ key: z.string(), label: z.string() })),
    })
    .nullable(),
  can: z.object({ revalidate: z.boolean(), register: z.boolean(), markDuplicate: z.boolean(), reject: z.boolean() }),
});
export type QuarantineView = z.infer<typeof quarantineViewSchema>;

const ref = z.object({ publicId: z.string().uuid() }).strict();
const value = z.string().max(4000);

export const quarantineChannels = {
  'quarantine.view': { input: ref, output: quarantineViewSchema, roles: CASE_READERS },
  /** Reads the stored form again with the current profile (after a profile update). */
  'quarantine.revalidate': { input: ref, output: quarantineViewSchema, roles: QUARANTINE_HANDLERS },
  /** Registers it as a case with the fields typed from the attached PDF. */
  'quarantine.register': {
    input: ref
      .extend({
        fields: z.record(z.string().max(100), value),
        lists: z.record(z.string().max(100), z.array(z.record(z.string().max(100), value)).max(20)).default({}),
      })
      .strict(),
    output: quarantineViewSchema,
    roles: QUARANTINE_HANDLERS,
  },
  'quarantine.markDuplicate': { input: ref.extend({ of: z.string().uuid() }).strict(), output: quarantineViewSchema, roles: QUARANTINE_HANDLERS },
  'quarantine.reject': { input: ref.extend({ reason: z.string().trim().min(1).max(4000) }).strict(), output: quarantineViewSchema, roles: QUARANTINE_HANDLERS },
} as const;
