import { z } from 'zod';
import { OPERATORS, type ChannelAccess } from './roles';

/**
 * #17 item 7: updates of the desktop app from the municipality's own update server (electron-updater,
 * generic provider): the version, channel and source, and check / download / install on restart.
 * The headless host shows where its updates come from and refuses the actions.
 */

export const updateStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('up-to-date'), checkedAt: z.number() }),
  z.object({ state: z.literal('available'), version: z.string(), releaseDate: z.string().nullable() }),
  z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100), bytesPerSecond: z.number().min(0) }),
  z.object({ state: z.literal('downloaded'), version: z.string() }),
  z.object({ state: z.literal('error'), message: z.string() }),
]);
export type UpdateStateDto = z.infer<typeof updateStateSchema>;

export const updatesStatusSchema = z.object({
  /** This app's version. */
  version: z.string(),
  host: z.enum(['electron', 'headless', 'test']),
  channel: z.enum(['latest', 'beta']),
  /** The update server's address without user name or password; null when none is configured. */
  source: z.string().nullable(),
  /** Whether this host updates itself (the desktop app with an update server); otherwise `note` says who does. */
  selfUpdating: z.boolean(),
  /** A line for IT when the app does not update itself (the headless host, or no update server). */
  note: z.string().nullable(),
  autoDownload: z.boolean(),
  /** Windows: the publisher names from the config the installer's signature must carry (empty: those a signed build ships, else sha512 only). */
  publisherName: z.array(z.string()),
  /** The updater's state; null when there is no updater. */
  update: updateStateSchema.nullable(),
  can: z.object({ check: z.boolean(), download: z.boolean(), install: z.boolean() }),
});
export type UpdatesStatusDto = z.infer<typeof updatesStatusSchema>;

const empty = z.object({}).strict();

export const updatesChannels = {
  'updates.status': { input: empty, output: updatesStatusSchema, roles: OPERATORS },
  'updates.check': { input: empty, output: updatesStatusSchema, roles: OPERATORS },
  /** Starts the download and answers at once; progress arrives as `status.changed` (reason 'updates'). */
  'updates.download': { input: empty, output: updatesStatusSchema, roles: OPERATORS },
  /** Quits the app and installs the downloaded version; the app starts again on it. */
  'updates.install': { input: empty, output: updatesStatusSchema, roles: OPERATORS },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: ChannelAccess }>;
