import { z } from 'zod';
import { maskinportenSchema } from '../shared/auth/maskinporten';
import { httpUrl, secretRefSchema } from '../shared/config';

/**
 * Altinn's config sections: Altinn 3 Storage (integrations.altinn), the Altinn 2 DownloadQueue
 * (integrations.altinn2) and the correspondence (integrations.correspondence). The schedules are
 * the app's (cron is the scheduler's business): app/config adds them to these fields.
 */

export const altinnFields = z
  .object({
    enabled: z.boolean().default(true),
    platformUrl: httpUrl.describe('Altinn-plattformen, f.eks. https://platform.altinn.no (TT02: https://platform.tt02.altinn.no)'),
    org: z.string().regex(/^[a-z0-9]{2,10}$/).describe('Kommunens Altinn-organisasjonskode (tjenesteeier)'),
    maskinporten: z
      .object({
        tokenUrl: httpUrl.describe('https://maskinporten.no/token'),
        audience: z.string().min(1).describe('https://maskinporten.no/'),
        clientId: z.string().min(1),
        kid: z.string().min(1).describe('Nøkkel-id registrert hos Maskinporten'),
        scope: z.string().default('altinn:serviceowner/instances.read altinn:serviceowner/instances.write'),
        privateKey: secretRefSchema.describe('PKCS#8 PEM-nøkkel i hemmelighetslageret'),
      })
      .strict(),
    includeMigratedAltinn2: z.boolean().default(true).describe('Hent også Altinn 2-innsendinger migrert til Altinn 3 (mainVersionInclude=2)'),
    pageSize: z.number().int().min(1).max(1000).default(100),
    timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  })
  .strict();
export type AltinnSection = z.output<typeof altinnFields>;

export const altinn2Fields = z
  .object({
    enabled: z.boolean().default(true),
    url: httpUrl.describe('DownloadQueueExternalBasic.svc-adressen'),
    systemUserName: z.string().min(1),
    systemPassword: secretRefSchema,
    serviceCodes: z.array(z.string().regex(/^\d+$/)).optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  })
  .strict();
export type Altinn2Section = z.output<typeof altinn2Fields>;

export const correspondenceFields = z
  .object({
    enabled: z.boolean().default(true),
    transport: z.enum(['altinn3', 'altinn2']).default('altinn3').describe('Altinn 3 Correspondence (REST), eller Altinn 2 CorrespondenceAgencyExternalBasic (SOAP) for eldre oppsett'),
    resourceId: z.string().min(1).max(255).describe('Ressurs-id for meldingstjenesten i Altinns ressursregister'),
    resources: z.record(z.string(), z.string().min(1).max(255)).default({}).describe('Egen ressurs-id per tjenesteprofil (profil-id → ressurs-id)'),
    altinn3: z
      .object({
        platformUrl: httpUrl.optional().describe('Standard: samme som integrations.altinn.platformUrl'),
        maskinporten: maskinportenSchema.optional().describe('Standard: samme klient som integrations.altinn, med scope altinn:serviceowner altinn:correspondence.write'),
        events: z.boolean().default(false).describe('Les Altinn Events (lest, varslet, aldri lest) i tillegg til statusoppslag; krever scope altinn:events.subscribe'),
        timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
      })
      .strict()
      .prefault({}),
    altinn2: z
      .object({
        url: httpUrl.describe('CorrespondenceAgencyExternalBasic.svc-adressen'),
        systemUserName: z.string().min(1),
        systemPassword: secretRefSchema,
        systemUserCode: z.string().min(1),
        serviceCode: z.string().regex(/^\d+$/),
        serviceEdition: z.number().int().min(1),
        timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CorrespondenceSection = z.output<typeof correspondenceFields>;

/** The transport's own section must be there (applied after the app has added its schedules). */
export function checkCorrespondence(c: { transport: 'altinn3' | 'altinn2'; altinn2?: unknown }, ctx: z.RefinementCtx): void {
  if (c.transport === 'altinn2' && !c.altinn2) ctx.addIssue({ code: 'custom', path: ['altinn2'], message: 'transport «altinn2» trenger seksjonen «altinn2»' });
}

/** What the correspondence factory reads: the section without what only the app uses (schedules, per-profile resources). */
export type CorrespondenceConnection = Pick<CorrespondenceSection, 'enabled' | 'transport' | 'resourceId' | 'altinn2'> & {
  altinn3: Pick<CorrespondenceSection['altinn3'], 'platformUrl' | 'maskinporten' | 'timeoutMs'> & { events?: boolean };
};
