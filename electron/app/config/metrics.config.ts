import { z } from 'zod';

/** #17: placeholder section, filled by the feature that owns it. */
export const metricsConfigSchema = z.object({}).strict().prefault({});
export type MetricsConfig = z.output<typeof metricsConfigSchema>;
