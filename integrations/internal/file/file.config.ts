import { z } from 'zod';

/**
 * A target that reads files from a watched folder: XML, CSV or JSON, one `<key>.<format>` per
 * hand-over, written atomically, with receipts (`<key>.receipt.xml`) read back where it writes them
 * (file.adapter.ts). The folders are the target's: Postmottak never creates them.
 */

/** Without node:path (config modules are plain): the same text up to trailing separators and «./». */
const sameFolder = (a: string, b: string): boolean => {
  const norm = (p: string) => p.replace(/[\\/]+$/, '').replace(/^\.[\\/]/, '');
  return norm(a) === norm(b);
};

export const fileTargetSchema = z
  .object({
    dir: z.string().min(1).describe('Mappen målsystemet henter filer fra (må finnes; opprettes ikke)'),
    format: z.enum(['xml', 'csv', 'json']),
    csv: z
      .object({
        columns: z.array(z.string().min(1)).min(1).optional().describe('Kolonnene i rekkefølge (ellers nøklene i første rad)'),
        delimiter: z.string().length(1).default(';'),
      })
      .strict()
      .optional(),
    /** Where the target writes its receipts (one per file, named after it), when it does. */
    receipts: z
      .object({
        dir: z.string().min(1),
        /** After this long without a receipt the hand-over is reported as stuck (it stays waiting). */
        warnAfterMs: z.number().int().min(1000).default(3_600_000),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    // the target would take its own receipts (…receipt.xml) for applications
    if (f.receipts && sameFolder(f.receipts.dir, f.dir)) {
      ctx.addIssue({ code: 'custom', path: ['receipts', 'dir'], message: 'kvitteringsmappen må være en annen mappe enn den målsystemet henter filer fra' });
    }
  });
export type FileTargetConfig = z.output<typeof fileTargetSchema>;
