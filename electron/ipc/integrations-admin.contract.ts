import type { z } from 'zod';
import type { ChannelAccess } from './roles';

/** #17: placeholder, filled by the feature that owns it. */
export const integrationsAdminChannels = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: ChannelAccess }>;
