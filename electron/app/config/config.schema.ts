import { z } from 'zod';
import { validateCron } from '../../jobs/scheduler';
import {
  altinn2Fields,
  altinnFields,
  archiveConfigSchema,
  arkivmeldingConfigSchema,
  checkCorrespondence,
  correspondenceFields,
  geointegrasjonConfigSchema,
  internalConfigSchema,
  noark4ConfigSchema,
  noark5ConfigSchema,
  printConfigSchema,
  registersConfigSchema,
  secretRefSchema,
  type ArchiveConfig,
  type PrintConfig,
  type RegistersSection,
  type SecretRef,
} from '../../../integrations';
import { alertsConfigSchema } from './alerts.config';
import { loggingConfigSchema } from './logging.config';
import { metricsConfigSchema } from './metrics.config';
import { retentionConfigSchema } from './retention.config';
import { secretsConfigSchema } from './secrets.config';
import { storeConfigSchema } from './store.config';
import { updatesConfigSchema } from './updates.config';

/**
 * The one configuration file IT staff edit. Every URL, credential reference, schedule and
 * limit comes from here; secrets are referenced by name ({"secret": "NAME"}), never inline.
 * The JSON Schema shipped in resources/config.schema.json is generated from this.
 */

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

// Each integration owns its section (integrations/<system>/<system>.config.ts); the schedules are added here.

export const altinnConfigSchema = altinnFields.extend({ schedule: cronSchema.default('*/5 * * * *').describe('Når innsendinger hentes') });

export const altinn2ConfigSchema = altinn2Fields.extend({ schedule: cronSchema.default('*/15 * * * *') });

export const correspondenceConfigSchema = correspondenceFields
  .extend({
    pollSchedule: cronSchema.default('*/15 * * * *').describe('Når lesestatus hentes fra Altinn'),
    sweepSchedule: cronSchema.default('*/10 * * * *').describe('Når uleste svar over fristen sendes til utskrift'),
  })
  .superRefine(checkCorrespondence);
export type CorrespondenceConfig = z.infer<typeof correspondenceConfigSchema>;

export { archiveConfigSchema, arkivmeldingConfigSchema, geointegrasjonConfigSchema, noark4ConfigSchema, noark5ConfigSchema, printConfigSchema, registersConfigSchema, secretRefSchema };
export type { ArchiveConfig, PrintConfig, SecretRef };
export type RegistersConfig = RegistersSection;

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
            unit: z.string().min(1).optional().describe('Administrativ enhet (enhetskode i arkivet) som svar denne saksbehandleren avgjør, arkiveres med'),
          })
          .strict(),
      )
      .default({})
      .describe('Hvem som får bruke Postmottak, med roller og tilgangsgrupper. Tom: bare den som starter programmet, med alle roller og ingen grupper.'),
    // #13 item 8: without a user list the archive gets these, not the operating-system account
    defaultSaksbehandler: z.string().min(1).optional().describe('Saksbehandlernavnet arkivet får når access.users er tom (ellers kontonavnet i operativsystemet)'),
    defaultUnit: z.string().min(1).optional().describe('Administrativ enhet arkivet får når access.users er tom (ellers tjenesteprofilens enhet)'),
  })
  .strict();

/** What `postmottak config check` warns about in the access section (#13 item 8): who the archive records as saksbehandler. */
export function accessWarnings(a: AccessConfig): string[] {
  const users = Object.entries(a.users);
  if (!users.length) {
    return [
      a.defaultSaksbehandler
        ? `access.users er tom: svar arkiveres med saksbehandler «${a.defaultSaksbehandler}» (access.defaultSaksbehandler)${a.defaultUnit ? ` og enhet «${a.defaultUnit}» (access.defaultUnit)` : ''}.`
        : 'access.users er tom og access.defaultSaksbehandler er ikke satt: arkivet får kontonavnet i operativsystemet som saksbehandler. Sett access.defaultSaksbehandler og access.defaultUnit, eller list brukerne i access.users.',
      ...(a.defaultSaksbehandler && !a.defaultUnit ? ['access.defaultUnit er ikke satt: svar arkiveres med tjenesteprofilens enhet.'] : []),
    ];
  }
  return users.filter(([, u]) => u.roles.includes('saksbehandler') && !u.unit).map(([account]) => `access.users.${account} har ingen unit: svar denne brukeren avgjør, arkiveres med tjenesteprofilens enhet.`);
}
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
    store: storeConfigSchema,
    jobs: z
      .object({
        concurrency: z.number().int().min(1).max(16).default(2),
        maxAttempts: z.number().int().min(1).max(100).default(8),
        pollIntervalMs: z.number().int().min(50).max(600_000).default(1_000),
        leaseMs: z
          .number()
          .int()
          .min(1_000)
          .max(3_600_000)
          .default(60_000)
          .describe('Hvor lenge en node holder en jobb uten å fornye den; jobbene til en node som har stoppet, tas opp igjen etter så lang tid (PostgreSQL)'),
        keepDoneDays: z.number().int().min(1).max(3650).default(30).describe('Fullførte jobber slettes etter så mange dager (de som kan komme igjen med samme nøkkel, beholdes)'),
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
    // #16: the archivist's packages (arkivuttrekk, deposit, public journal)
    archive: z
      .object({
        arkivskaper: z
          .object({
            id: z.string().min(1).optional().describe('Arkivskapers identifikator; standard: kommunens organisasjonsnummer'),
            name: z.string().min(1).optional().describe('Arkivskapers navn; standard: kommunens navn'),
          })
          .strict()
          .prefault({})
          .describe('Arkivskaper i arkivuttrekk og offentlig journal'),
        title: z.string().min(1).optional().describe('Arkivets tittel i uttrekket; standard: «Postmottak – <kommunens navn>»'),
        exportDir: z.string().optional().describe('Mappe for uttrekk, deponeringer og offentlig journal; standard: <datamappe>/exports'),
      })
      .strict()
      .prefault({})
      .describe('Arkivuttrekk (Noark 5), deponering (Noark 4) og offentlig journal'),
    secrets: secretsConfigSchema,
    logging: loggingConfigSchema,
    // #17 IT administration
    metrics: metricsConfigSchema.describe('Prometheus /metrics og /healthz i den hodeløse verten'),
    alerts: alertsConfigSchema.describe('Varsler i appen og på e-post (SMTP)'),
    retention: retentionConfigSchema.describe('Vedlikehold av databasen: filinnhold flyttes ut, størrelsen holdes nede'),
    updates: updatesConfigSchema.describe('Oppdateringer av skrivebordsappen fra kommunens egen oppdateringsserver'),
    access: accessConfigSchema.prefault({}).describe('Brukere, roller og tilgangsgrupper'),
    integrations: z
      .object({
        altinn: altinnConfigSchema.optional().describe('Altinn 3 (REST): innsendinger fra Storage'),
        altinn2: altinn2ConfigSchema.optional().describe('Altinn 2 DownloadQueue (SOAP), for eldre oppsett'),
        archive: archiveConfigSchema.optional().describe('Sak/arkiv: Noark 5 REST, GeoIntegrasjon, Noark 4 eller arkivmelding til mappe'),
        correspondence: correspondenceConfigSchema.optional().describe('Svar til innbygger gjennom Altinn (meldingstjenesten)'),
        registers: registersConfigSchema.optional().describe('Folkeregisteret og KRR'),
        print: printConfigSchema.optional().describe('Utskrift når svaret ikke er lest innen fristen'),
        internal: internalConfigSchema.optional().describe('Fagsystemene søknader overføres til (IST, Visma, Gerica …): REST, SOAP, mappe eller manuelt'),
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
        form: z
          .object({
            maxDepth: z.number().int().min(8).max(1000).default(64),
            maxElements: z.number().int().min(100).default(100_000),
            maxAttributesPerElement: z.number().int().min(8).default(100),
            maxAttributes: z.number().int().min(100).default(100_000),
            maxAttributeValueLength: z.number().int().min(256).default(10_000),
            maxTextLength: z.number().int().min(1024).default(1024 * 1024),
            validationTimeoutMs: z.number().int().min(1000).default(30_000),
            validationMemoryMiB: z.number().int().min(32).max(2048).default(128),
          })
          .strict()
          .prefault({})
          .describe('Grenser for skjemadata (XML), sjekket før tolking og XSD-validering'),
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
