import { z } from 'zod';
import { httpUrl, secretRefSchema } from '../../shared/config';

/** A target that offers SOAP: the WSDL IT supplies, the operation to call, the mapped payload as its arguments. */

export const soapTargetSchema = z
  .object({
    wsdl: z.string().min(1).describe('WSDL-filen leverandøren har gitt (sti; relativ til ressursmappen)'),
    /** The service address, when it differs from the WSDL's soap:address. */
    endpoint: httpUrl.optional(),
    operation: z.string().min(1).describe('Operasjonen i WSDL-en som tar imot søknaden'),
    auth: z.object({ kind: z.literal('basic'), username: z.string().min(1), password: secretRefSchema }).strict().optional(),
    /** The answer's element that holds the target's reference; a dotted path for a nested one (Kvittering.Referanse). */
    referenceField: z.string().min(1).default('Reference'),
    /**
     * The SOAP header element (in the WSDL's target namespace) that carries the idempotency key,
     * so a retry after a lost answer is recognised; null where the service defines none (the key
     * then travels only in a body field the mapping fills, e.g. ExternalId).
     */
    keyHeader: z
      .string()
      .regex(/^[A-Za-z_][\w.-]*$/, 'et elementnavn, f.eks. «HandoverKey»')
      .nullable()
      .default('HandoverKey'),
    timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  })
  .strict();
export type SoapTargetConfig = z.output<typeof soapTargetSchema>;
