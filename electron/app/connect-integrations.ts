import type { Logger } from '../core/ports/logger.port';
import { mapForm, parseProfile } from '../core/profiles';
import { createIntegrations, createInternalSystems, createLetterRenderer, createMaskinporten, createReplyIntegrations, loadServiceProfiles } from '../../integrations';
import { municipalityProfilesDir } from './admin/profiles-admin';
import { startDemoMode, type DemoMode, type hubClock } from './demo-mode';
import type { HubOptions } from './hub-options';

/**
 * Everything the hub talks to: the service profiles, the demo's simulators where nothing is
 * configured (demo mode), the intake side (sources, archive, form reader) and the reply side
 * (correspondence, registers, print). A failure closes whatever started.
 */
export async function connectIntegrations(o: HubOptions, d: { clock: ReturnType<typeof hubClock>; logger: Logger; resourcesDir: string }) {
  const connect = o.connect !== false;
  const now = () => d.clock.clock.now();
  const profiles = loadServiceProfiles(
    { resourcesDir: d.resourcesDir, profilesDir: municipalityProfilesDir(o.config, o.dataDir), altinnOrg: o.config.integrations.altinn?.org ?? 'kommune' },
    { parseProfile, logger: d.logger },
  );
  const written = connect ? o.config.integrations : {};
  const demo: DemoMode | null =
    connect && o.demo && o.demoSimulators !== false
      ? await startDemoMode({ dataDir: o.dataDir, resourcesDir: d.resourcesDir, profiles: profiles.all(), clock: d.clock, integrations: written, secrets: o.secrets })
      : null;
  const config = demo?.integrations ?? written;
  const secrets = demo?.secrets ?? o.secrets;
  // one Maskinporten for Altinn, Folkeregisteret and KRR: a token per client and scope, shared by both sides
  const maskinporten = createMaskinporten({ secrets, now });
  try {
    const replies = await createReplyIntegrations(
      { altinn: config.altinn, correspondence: config.correspondence, registers: config.registers, print: config.print },
      { secrets, resourcesDir: d.resourcesDir, now, maskinporten },
    );
    const intake = await createIntegrations(
      { altinn: config.altinn, altinn2: config.altinn2, archive: config.archive, ingest: o.config.ingest },
      { secrets, logger: d.logger, resourcesDir: d.resourcesDir, mapForm, profiles, now, maskinporten, timeZone: o.config.timezone },
    );
    // #15: the internal systems applications are handed to (IST, Visma, Gerica …)
    const internal = await createInternalSystems(config.internal, { secrets, resourcesDir: d.resourcesDir, now, maskinporten }).catch(async (e: unknown) => {
      await intake.close();
      await replies.close();
      throw e;
    });
    return {
      intake,
      replies,
      internal,
      letters: createLetterRenderer({ resourcesDir: d.resourcesDir }),
      /** The integrations section in force: the written one, with the demo's laid over it. */
      config,
      secrets,
      demo,
      resourcesDir: d.resourcesDir,
      async close() {
        await internal.close();
        await intake.close();
        await replies.close();
        await demo?.close();
      },
    };
  } catch (e) {
    await demo?.close();
    throw e;
  }
}

export type Links = Awaited<ReturnType<typeof connectIntegrations>>;
