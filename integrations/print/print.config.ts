import { z } from 'zod';
import { httpUrl, secretRefSchema } from '../shared/config';

/** integrations.print: the postal fallback, a print vendor's hot folder or KS SvarUt. */

export const printConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    channel: z.enum(['hot-folder', 'svarut']).describe('Hot folder hos trykkeriet, eller KS SvarUt som ren utskriftsforsendelse'),
    hotFolder: z.object({ dir: z.string().min(1).describe('Mappen trykkeriet henter fra') }).strict().optional(),
    svarut: z
      .object({
        url: httpUrl.describe('https://svarut.ks.no/api (test: https://test.svarut.ks.no/api)'),
        kontoId: z.string().uuid(),
        integrasjonId: z.string().uuid(),
        integrasjonPassord: secretRefSchema,
        token: secretRefSchema.describe('Maskinporten-token med scope ks:fiks (eller en tokenkilde)'),
        timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
      })
      .strict()
      .optional(),
    color: z.boolean().default(false),
    duplex: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    const key = c.channel === 'hot-folder' ? 'hotFolder' : 'svarut';
    if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `kanal «${c.channel}» trenger seksjonen «${key}»` });
  });
export type PrintConfig = z.output<typeof printConfigSchema>;
/** What the print factory reads (colour and duplex are the renderer's, chosen by the app). */
export type PrintConnection = Pick<PrintConfig, 'enabled' | 'channel' | 'hotFolder' | 'svarut'>;
