import { z } from 'zod';
import { secretRefSchema } from '../../../integrations';

/**
 * Prometheus /metrics in the headless host (#17 item 3). The scrape needs the UI's session token or
 * this separate bearer (a scraper has no browser session): `Authorization: Bearer <the secret's value>`.
 * /healthz needs no token and says only up or down.
 */
export const metricsConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Om /metrics svarer (av: 404)'),
    bearer: secretRefSchema.optional().describe('Et eget token for Prometheus, som referanse til hemmelighetslageret ({"secret": "NAVN"})'),
  })
  .strict()
  .prefault({});
export type MetricsConfig = z.output<typeof metricsConfigSchema>;
