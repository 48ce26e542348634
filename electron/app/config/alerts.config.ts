import { z } from 'zod';

/** #17: placeholder section, filled by the feature that owns it. */
export const alertsConfigSchema = z.object({}).strict().prefault({});
export type AlertsConfig = z.output<typeof alertsConfigSchema>;
