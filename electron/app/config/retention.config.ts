import { z } from 'zod';

/** #17: placeholder section, filled by the feature that owns it. */
export const retentionConfigSchema = z.object({}).strict().prefault({});
export type RetentionConfig = z.output<typeof retentionConfigSchema>;
