import { z } from 'zod';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import type { Maskinporten } from '../shared/auth/maskinporten';
import { fileTargetSchema } from './file/file.config';
import { restTargetSchema } from './rest/rest.config';
import { soapTargetSchema } from './soap/soap.config';

/**
 * integrations.internal: the municipality's internal systems (IST, Visma, Gerica …) as IT
 * configures them. Each target has one transport; what is sent is the profile's mapping, so a
 * municipality adapts the format in data, never in code.
 */

const targetId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case, f.eks. «ist-barnehage»');

export const internalTargetSchema = z
  .object({
    name: z.string().min(1).describe('Navnet saksbehandlerne ser, f.eks. «IST barnehage»'),
    enabled: z.boolean().default(true),
    transport: z.enum(['rest', 'soap', 'file', 'manual']).describe('manual: ingen grensesnitt, en person registrerer søknaden'),
    /** The target's schema the mapped payload is checked against (.xsd or .json), when it has one. */
    schema: z.string().regex(/\.(xsd|json)$/, 'en .xsd- eller .json-fil').optional(),
    rest: restTargetSchema.optional(),
    soap: soapTargetSchema.optional(),
    file: fileTargetSchema.optional(),
    /** When the transport fails for good, or is switched off: a person hands it over instead. */
    manualFallback: z.boolean().default(false),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.transport !== 'manual' && !t[t.transport]) ctx.addIssue({ code: 'custom', path: [t.transport], message: `transport «${t.transport}» trenger seksjonen «${t.transport}»` });
  });
export type InternalTargetConfig = z.output<typeof internalTargetSchema>;

export const internalConfigSchema = z
  .object({
    targets: z.record(targetId, internalTargetSchema).default({}),
  })
  .strict();
export type InternalConfig = z.output<typeof internalConfigSchema>;

/** What every transport factory gets: `create<X>Target(id, target, deps) → Promise<InternalSystemPort>`. */
export interface InternalDeps {
  secrets: SecretStore;
  /** Relative WSDL and schema paths are read from here (resources/). */
  resourcesDir: string;
  now: () => number;
  maskinporten: Maskinporten;
}
