import { z } from 'zod';
import { validateCron } from '../../jobs/scheduler';

/**
 * The one configuration file IT staff edit. Every URL, credential reference, schedule and
 * limit comes from here; secrets are referenced by name ({"secret": "NAME"}), never inline.
 * The JSON Schema shipped in resources/config.schema.json is generated from this.
 */

export const secretRefSchema = z
  .object({ secret: z.string().regex(/^[A-Za-z0-9._-]+$/, 'bare bokstaver, tall, punktum, bindestrek og understrek') })
  .strict()
  .describe('Referanse til en hemmelighet i hemmelighetslageret (aldri selve verdien)');
export type SecretRef = z.infer<typeof secretRefSchema>;

const cronSchema = z.string().superRefine((v, ctx) => {
  const problem = validateCron(v);
  if (problem) ctx.addIssue({ code: 'custom', message: `«${v}» ${problem}` });
});

export const scheduleOverrideSchema = z
  .object({
    cron: cronSchema.optional().describe('Cron-uttrykk med fem felt, i tidssonen over'),
    enabled: z.boolean().optional(),
  })
  .strict();

const httpUrl = z.url({ protocol: /^https?$/ });

export const altinnConfigSchema = z
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
    schedule: cronSchema.default('*/5 * * * *').describe('Når innsendinger hentes'),
  })
  .strict();

export const altinn2ConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    url: httpUrl.describe('DownloadQueueExternalBasic.svc-adressen'),
    systemUserName: z.string().min(1),
    systemPassword: secretRefSchema,
    serviceCodes: z.array(z.string().regex(/^\d+$/)).optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
    schedule: cronSchema.default('*/15 * * * *'),
  })
  .strict();

const archiveAuthSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }).strict(),
    z.object({ kind: z.literal('basic'), username: z.string().min(1), password: secretRefSchema }).strict(),
    z.object({ kind: z.literal('bearer'), token: secretRefSchema }).strict(),
  ])
  .describe('Innlogging mot arkivet');

export const noark5ConfigSchema = z
  .object({
    url: httpUrl.describe('Rot-URL for Noark 5-tjenestegrensesnittet, f.eks. https://arkiv.kommune.no/noark5v5/api'),
    auth: archiveAuthSchema.default({ kind: 'none' }),
    arkivdel: z.string().min(1).optional().describe('Tittel eller systemID på arkivdelen saker opprettes i; standard: profilens arkivdel'),
    timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  })
  .strict();

export const geointegrasjonConfigSchema = z
  .object({
    oppdateringUrl: httpUrl.describe('Adressen til SakArkivOppdatering-tjenesten (GeoIntegrasjon 1.1)'),
    innsynUrl: httpUrl.describe('Adressen til ArkivInnsyn-tjenesten'),
    username: z.string().min(1),
    password: secretRefSchema,
    klientnavn: z.string().default('Postmottak'),
    timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  })
  .strict();

export const noark4ConfigSchema = z
  .object({
    url: httpUrl.describe('Adressen til Noark 4-webtjenesten (Noark4WS)'),
    username: z.string().min(1),
    password: secretRefSchema,
    timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  })
  .strict();

export const arkivmeldingConfigSchema = z
  .object({
    dialect: z.enum(['eformidling', 'fiks-arkiv-v2']).describe('eFormidling-arkivmelding (Noark 5 v3.1-tekstkoder) eller KS Fiks Arkiv v2'),
    outDir: z.string().min(1).describe('Mappen arkivet henter arkivmeldinger fra'),
    receiptDir: z.string().min(1).describe('Mappen arkivet legger kvitteringer i'),
  })
  .strict();

export const archiveConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    transport: z.enum(['noark5-rest', 'geointegrasjon', 'noark4-ws', 'arkivmelding']).describe('Hvilken vei sak/arkiv nås; bare én er i bruk'),
    noark5: noark5ConfigSchema.optional(),
    geointegrasjon: geointegrasjonConfigSchema.optional(),
    noark4: noark4ConfigSchema.optional(),
    arkivmelding: arkivmeldingConfigSchema.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const section = { 'noark5-rest': 'noark5', geointegrasjon: 'geointegrasjon', 'noark4-ws': 'noark4', arkivmelding: 'arkivmelding' } as const;
    const key = section[a.transport];
    if (!a[key]) ctx.addIssue({ code: 'custom', path: [key], message: `transport «${a.transport}» trenger seksjonen «${key}»` });
  });
export type ArchiveConfig = z.infer<typeof archiveConfigSchema>;

const maskinportenSchema = z
  .object({
    tokenUrl: httpUrl.describe('https://maskinporten.no/token'),
    audience: z.string().min(1).describe('https://maskinporten.no/'),
    clientId: z.string().min(1),
    kid: z.string().min(1),
    scope: z.string().min(1),
    privateKey: secretRefSchema.describe('PKCS#8 PEM-nøkkel i hemmelighetslageret'),
  })
  .strict();

export const correspondenceConfigSchema = z
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
    pollSchedule: cronSchema.default('*/15 * * * *').describe('Når lesestatus hentes fra Altinn'),
    sweepSchedule: cronSchema.default('*/10 * * * *').describe('Når uleste svar over fristen sendes til utskrift'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.transport === 'altinn2' && !c.altinn2) ctx.addIssue({ code: 'custom', path: ['altinn2'], message: 'transport «altinn2» trenger seksjonen «altinn2»' });
  });
export type CorrespondenceConfig = z.infer<typeof correspondenceConfigSchema>;

export const registersConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    folkeregisteret: z.object({ url: httpUrl, timeoutMs: z.number().int().min(1000).max(120_000).default(15_000) }).strict(),
    krr: z.object({ url: httpUrl, timeoutMs: z.number().int().min(1000).max(120_000).default(15_000) }).strict(),
    auth: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('maskinporten'), folkeregisteret: maskinportenSchema, krr: maskinportenSchema }).strict(),
        z.object({ kind: z.literal('bearer'), token: secretRefSchema }).strict(),
      ])
      .describe('Maskinporten (scope for Folkeregisteret og KRR) eller et fast token (test)'),
    cacheHours: z.number().min(0).max(720).default(24).describe('Hvor lenge et oppslag gjelder før det gjøres på nytt'),
  })
  .strict();
export type RegistersConfig = z.infer<typeof registersConfigSchema>;

export const printConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    channel: z.enum(['hot-folder', 'svarut']).describe('Hot folder hos trykkeriet, eller KS SvarUt som ren utskriftsforsendelse'),
    hotFolder: z.object({ dir: z.string().min(1).describe('Mappen trykkeriet henter fra') }).strict().optional(),
    svarut: z
      .object({
        url: httpUrl.describe('https://svarut.ks.no/api (test: https://test.svarut.ks.no/api)'),
        kontoId: z.string().uuid(),
        integrasjonId: z.string().uuid(),
        integrasjonPassord: secretRefSchema,
        token: secretRefSchema.describe('Maskinporten-token med scope ks:fiks (eller en tokenkilde)'),
        timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
      })
      .strict()
      .optional(),
    color: z.boolean().default(false),
    duplex: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    const key = c.channel === 'hot-folder' ? 'hotFolder' : 'svarut';
    if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `kanal «${c.channel}» trenger seksjonen «${key}»` });
  });
export type PrintConfig = z.infer<typeof printConfigSchema>;

export const DESK_ROLES = ['saksbehandler', 'leder', 'arkivar', 'it-admin'] as const;

export const accessConfigSchema = z
  .object({
    users: z
      .record(
        z.string().min(1).describe('Brukerkontoen i operativsystemet (f.eks. «kari.nordmann»)'),
        z
          .object({
            name: z.string().min(1),
            roles: z.array(z.enum(DESK_ROLES)).min(1),
            groups: z.array(z.string().min(1)).default([]).describe('Tilgangsgrupper; skjermede tjenester (profilens access.group) vises bare for medlemmer'),
          })
          .strict(),
      )
      .default({})
      .describe('Hvem som får bruke Postmottak, med roller og tilgangsgrupper. Tom: bare den som starter programmet, med alle roller og ingen grupper.'),
  })
  .strict();
export type AccessConfig = z.infer<typeof accessConfigSchema>;

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).describe('Versjon av konfigurasjonsformatet'),
    municipality: z
      .object({
        name: z.string().min(1),
        orgNumber: z.string().regex(/^\d{9}$/, 'organisasjonsnummer har ni sifre'),
      })
      .strict()
      .optional(),
    ui: z
      .object({ language: z.enum(['nb', 'nn', 'en']).default('nb') })
      .strict()
      .prefault({}),
    server: z
      .object({
        host: z.enum(['127.0.0.1', '::1', 'localhost']).default('127.0.0.1').describe('Bare loopback er tillatt'),
        port: z.number().int().min(0).max(65535).default(0).describe('0 = en ledig port'),
        openBrowser: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    timezone: z.string().default('Europe/Oslo'),
    jobs: z
      .object({
        concurrency: z.number().int().min(1).max(16).default(2),
        maxAttempts: z.number().int().min(1).max(100).default(8),
        pollIntervalMs: z.number().int().min(50).max(600_000).default(1_000),
        backoff: z
          .object({
            baseMs: z.number().int().min(10).default(2_000),
            factor: z.number().min(1).max(10).default(2),
            maxMs: z.number().int().min(100).default(15 * 60_000),
            jitter: z.number().min(0).max(1).default(0.5),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    schedules: z
      .record(z.string(), scheduleOverrideSchema)
      .default({})
      .describe('Overstyring av innebygde tidsplaner, etter navn (f.eks. "store.backup")'),
    backup: z
      .object({
        dir: z.string().optional().describe('Mappe for sikkerhetskopier; standard: <datamappe>/backups'),
        keep: z.number().int().min(1).max(1000).default(14),
      })
      .strict()
      .prefault({}),
    secrets: z
      .object({
        provider: z.enum(['auto', 'env', 'file', 'safe-storage']).default('auto'),
        file: z.string().optional().describe('Hemmelighetsfil (JSON, filrettigheter 0600) for provider "file"'),
      })
      .strict()
      .prefault({}),
    logging: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
        file: z.string().optional(),
      })
      .strict()
      .prefault({}),
    access: accessConfigSchema.prefault({}).describe('Brukere, roller og tilgangsgrupper'),
    integrations: z
      .object({
        altinn: altinnConfigSchema.optional().describe('Altinn 3 (REST): innsendinger fra Storage'),
        altinn2: altinn2ConfigSchema.optional().describe('Altinn 2 DownloadQueue (SOAP), for eldre oppsett'),
        archive: archiveConfigSchema.optional().describe('Sak/arkiv: Noark 5 REST, GeoIntegrasjon, Noark 4 eller arkivmelding til mappe'),
        correspondence: correspondenceConfigSchema.optional().describe('Svar til innbygger gjennom Altinn (meldingstjenesten)'),
        registers: registersConfigSchema.optional().describe('Folkeregisteret og KRR'),
        print: printConfigSchema.optional().describe('Utskrift når svaret ikke er lest innen fristen'),
      })
      .strict()
      .prefault({})
      .describe('Integrasjonene (Altinn, sak/arkiv, registre, print …)'),
    ingest: z
      .object({
        maxFormBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
        maxPartBytes: z.number().int().min(1024).default(30 * 1024 * 1024),
        maxParts: z.number().int().min(1).max(1000).default(50),
        concurrency: z.number().int().min(1).max(32).default(16).describe('Innsendinger som lastes ned samtidig fra én kilde'),
      })
      .strict()
      .prefault({}),
    profiles: z
      .object({ dir: z.string().optional().describe('Mappe med kommunens egne tjenesteprofiler, i tillegg til de innebygde') })
      .strict()
      .prefault({}),
  })
  .strict();

export type AppConfig = z.output<typeof configSchema>;
export type AppConfigInput = z.input<typeof configSchema>;

export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
