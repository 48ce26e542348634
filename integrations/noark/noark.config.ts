import { z } from 'zod';
import { httpUrl, secretRefSchema } from '../shared/config';

/** integrations.archive: which transport reaches sak/arkiv, and that transport's own section. */

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
export type ArchiveConfig = z.output<typeof archiveConfigSchema>;
