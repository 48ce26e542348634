import { z } from 'zod';

/** #17: placeholder section, filled by the feature that owns it. */
export const updatesConfigSchema = z.object({}).strict().prefault({});
export type UpdatesConfig = z.output<typeof updatesConfigSchema>;
