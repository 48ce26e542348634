import { z } from 'zod';
import { httpUrl } from '../../../integrations';

/**
 * #17 item 7: updates of the desktop app from the municipality's own update server (electron-updater's
 * generic provider: a folder with `latest.yml` / `beta.yml` and the installers beside them). No URL: no
 * updater; the headless host is updated by whoever runs the server.
 */
export const updatesConfigSchema = z
  .object({
    // https://, or http:// to this machine only (the tests' local update server): the integrations' own rule
    url: httpUrl
      .optional()
      .describe('Adressen til mappen på oppdateringsserveren med latest.yml og installasjonsfilene (https://, http:// bare mot denne maskinen)'),
    channel: z.enum(['latest', 'beta']).default('latest').describe('Oppdateringskanal: "latest" (standard) eller "beta" (latest.yml eller beta.yml)'),
    checkOnStart: z.boolean().default(true).describe('Se etter en ny versjon når appen starter'),
    autoDownload: z.boolean().default(false).describe('Last ned en ny versjon med en gang den er funnet (ellers starter IT nedlastingen)'),
    publisherName: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Windows: navnet (CN) i kodesigneringssertifikatet en ny versjon må være signert med; uten dette gjelder navnet et signert bygg har med seg, ellers sjekkes bare sha512'),
  })
  .strict()
  .prefault({});
export type UpdatesConfig = z.output<typeof updatesConfigSchema>;
