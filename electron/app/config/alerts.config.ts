import { z } from 'zod';
import { mailConfigSchema } from '../../../integrations';

/**
 * alerts (#17 item 4): when an integration has failed too long, a job went dead, a certificate
 * nears expiry or the disk nears full — in the app (Varsler) and by e-mail to `recipients`
 * through the municipality's SMTP server (`mail`). One alert per incident, one recovery mail when
 * it clears.
 */
export const alertsConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Slå av for å stoppe vurderingen helt (ingen varsler i appen eller på e-post)'),
    failingAfterMinutes: z.number().int().min(1).max(1440).default(15).describe('Varsle når en integrasjon har feilet sammenhengende så lenge'),
    clearAfterMinutes: z
      .number()
      .int()
      .min(0)
      .max(1440)
      .default(5)
      .describe('Et varsel regnes som løst først når problemet har vært borte så lenge, så en ustabil forbindelse ikke gir en e-post i minuttet'),
    certificateWarnDays: z.number().int().min(1).max(365).default(30).describe('Varsle så mange dager før et sertifikat utløper'),
    disk: z
      .object({
        minFreePercent: z.number().min(0).max(100).default(10).describe('Varsle når mindre enn så mange prosent av disken er ledig'),
        minFreeMiB: z.number().int().min(0).default(2048).describe('… eller når mindre enn så mange MiB er ledig'),
      })
      .strict()
      .prefault({})
      .describe('Disken med datamappen'),
    keepClearedDays: z.number().int().min(1).max(3650).default(90).describe('Løste varsler vises så mange dager'),
    recipients: z.array(z.email('en e-postadresse, f.eks. it-drift@kommune.no')).default([]).describe('Hvem som får varsler på e-post'),
    mail: mailConfigSchema.optional().describe('Kommunens SMTP-server; uten den vises varslene bare i appen'),
  })
  .strict()
  .prefault({});
export type AlertsConfig = z.output<typeof alertsConfigSchema>;

/** The disk limit in bytes as core's conditions take it: the alert and the Drift screen's warning use this one setting. */
export const diskLimitOf = (alerts: Pick<AlertsConfig, 'disk'>) => ({ minFreePercent: alerts.disk.minFreePercent, minFreeBytes: alerts.disk.minFreeMiB * 1024 * 1024 });
