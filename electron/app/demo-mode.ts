import path from 'node:path';
import { systemClock, type Clock } from '../core/ports/clock.port';
import type { SecretStore } from '../core/ports/secret-store.port';
import type { LoadedProfile } from '../core/profiles/profile.types';
import { internalConfigSchema, startDemoAltinn, startDemoArchive, startDemoInternal, startDemoMail, startDemoReplies, type DemoAltinn, type DemoInternal, type DemoMail, type DemoReplies } from '../../integrations';
import { altinn2ConfigSchema, altinnConfigSchema, archiveConfigSchema, correspondenceConfigSchema, printConfigSchema, registersConfigSchema, type AppConfig } from './config/config.schema';
import { layeredSecretStore } from './secrets/file-secret-store';
import { createMemorySecretStore } from './secrets/memory-secret-store';

export type IntegrationsSection = AppConfig['integrations'];

/**
 * The hub's clock. The demo runs on its simulators' clock once they run, so "advance the
 * simulator clock" moves the deadlines too; until then (and outside the demo) it is the given or the system clock.
 */
export function hubClock(o: { clock?: Clock; demo: boolean }): { clock: Clock; follow(c: Clock): void } {
  let demoClock: Clock | null = null;
  const clock: Clock = o.clock ?? (o.demo ? { now: () => (demoClock ? demoClock.now() : Date.now()) } : systemClock);
  return { clock, follow: (c) => void (demoClock = c) };
}

/** The demo simulators' state in the data folder: the archive's and Altinn's journals. */
export const DEMO_STATE_DIR = 'demo-state';

export interface DemoMode {
  /** The configuration with the simulators laid over what is not configured. */
  integrations: IntegrationsSection;
  secrets: SecretStore;
  demoAltinn: DemoAltinn | null;
  demoArchive: Awaited<ReturnType<typeof startDemoArchive>> | null;
  demoReplies: DemoReplies | null;
  demoInternal: DemoInternal | null;
  /** #17: the demo's SMTP server; the alerts mail through it when alerts.mail is not configured. */
  demoMail: DemoMail | null;
  close(): Promise<void>;
}

/**
 * Demo mode: for every capability nothing is configured for, start its simulator with seeded
 * data and lay its configuration over the written one (through the schemas, so the demo gets
 * the same defaults as a written config; only the pace differs). A failure closes what started.
 */
export async function startDemoMode(d: {
  dataDir: string;
  resourcesDir: string;
  profiles: LoadedProfile[];
  clock: ReturnType<typeof hubClock>;
  integrations: IntegrationsSection;
  secrets: SecretStore;
}): Promise<DemoMode> {
  let integrations = d.integrations;
  let secrets = d.secrets;
  // the simulators keep what they hold here, so a restarted demo goes on where it stopped (#13 item 14)
  const stateDir = path.join(d.dataDir, DEMO_STATE_DIR);
  const mode: DemoMode = {
    integrations,
    secrets,
    demoAltinn: null,
    demoArchive: null,
    demoReplies: null,
    demoInternal: null,
    demoMail: null,
    async close() {
      await mode.demoMail?.close();
      await mode.demoInternal?.close();
      await mode.demoReplies?.close();
      await mode.demoAltinn?.close();
      await mode.demoArchive?.close();
    },
  };
  try {
    if (!integrations.altinn && !integrations.altinn2) {
      const altinn = (mode.demoAltinn = await startDemoAltinn({ profiles: d.profiles, stateFile: path.join(stateDir, 'altinn.jsonl') }));
      d.clock.follow(altinn.clock);
      integrations = {
        altinn: altinnConfigSchema.parse({ ...altinn.config.altinn, schedule: '* * * * *' }),
        altinn2: altinn2ConfigSchema.parse({ ...altinn.config.altinn2, schedule: '*/2 * * * *' }),
      };
      secrets = layeredSecretStore(createMemorySecretStore(altinn.secrets), secrets);
    }
    if (!integrations.archive) {
      const archive = (mode.demoArchive = await startDemoArchive({ resourcesDir: d.resourcesDir, workDir: path.join(d.dataDir, 'demo-archive'), stateFile: path.join(stateDir, 'archive.jsonl') }));
      integrations = { ...integrations, archive: archiveConfigSchema.parse(archive.config) };
    }
    if (!integrations.correspondence && !integrations.registers && !integrations.print) {
      const replies = (mode.demoReplies = await startDemoReplies({ workDir: path.join(d.dataDir, 'demo-print'), altinn: mode.demoAltinn, now: () => d.clock.clock.now() }));
      integrations = {
        ...integrations,
        ...(replies.config.correspondence ? { correspondence: correspondenceConfigSchema.parse(replies.config.correspondence) } : {}),
        registers: registersConfigSchema.parse(replies.config.registers),
        print: printConfigSchema.parse(replies.config.print),
      };
      secrets = layeredSecretStore(createMemorySecretStore(replies.secrets), secrets);
    }
    if (!integrations.internal) {
      const internal = (mode.demoInternal = await startDemoInternal({ workDir: path.join(d.dataDir, 'demo-internal'), stateDir, resourcesDir: d.resourcesDir, now: () => d.clock.clock.now() }));
      integrations = { ...integrations, internal: internalConfigSchema.parse(internal.config) };
      secrets = layeredSecretStore(createMemorySecretStore(internal.secrets), secrets);
    }
    // always in the demo (the alerts section is not this function's to read): the alerts feature uses it only when alerts.mail is not set
    const mail = (mode.demoMail = await startDemoMail({ dir: stateDir }));
    secrets = layeredSecretStore(createMemorySecretStore(mail.secrets), secrets);
  } catch (e) {
    await mode.close();
    throw e;
  }
  return Object.assign(mode, { integrations, secrets });
}
