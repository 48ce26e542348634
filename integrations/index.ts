/**
 * The one entry the composition root (electron/app) may import: each integration's config
 * section, one factory per capability (built in its system's folder), and the demo's
 * simulators, loaded only when asked for.
 */
import type { SourceKind } from '../electron/core/ingest/submission';
import type { ArchivePort } from '../electron/core/ports/archive.port';
import type { CorrespondencePort } from '../electron/core/ports/correspondence.port';
import type { Logger } from '../electron/core/ports/logger.port';
import type { PrintChannel, PrintRenderer } from '../electron/core/ports/print-channel.port';
import type { RegisterPort } from '../electron/core/ports/register.port';
import type { SecretStore } from '../electron/core/ports/secret-store.port';
import type { SubmissionSource } from '../electron/core/ports/submission-source.port';
import type { MapForm, ProfileRegistry } from '../electron/core/profiles/profile.types';
import type { AltinnSection } from './altinn/altinn.config';
import { createCorrespondence, type CorrespondenceFactoryConfig } from './altinn/create-correspondence';
import { createSources, type SourcesConfig } from './altinn/create-sources';
import { createPrintRenderer } from './letters/create-renderers';
import { createArchive } from './noark/create-archive';
import { archiveProfileCheck } from './noark/archive-profile-check';
import { loadServiceProfiles as loadProfilesChecked } from './shared/profiles/load-service-profiles';
import type { ArchiveConfig } from './noark/noark.config';
import { createPrint } from './print/create-print-channel';
import type { PrintConnection } from './print/print.config';
import { createRegisters } from './registers/create-registers';
import type { RegistersConnection } from './registers/registers.config';
import { createMaskinporten, type Maskinporten } from './shared/auth/maskinporten';
import { createFormReader, type ClosableFormReader, type FormReaderOptions } from './shared/xml/form-reader';
import type * as Demo from './demo';

// ---- configuration: each system's section ----
export { altinn2Fields, altinnFields, checkCorrespondence, correspondenceFields, type Altinn2Section, type AltinnSection, type CorrespondenceSection } from './altinn/altinn.config';
export { archiveConfigSchema, arkivmeldingConfigSchema, geointegrasjonConfigSchema, noark4ConfigSchema, noark5ConfigSchema, type ArchiveConfig } from './noark/noark.config';
export { printConfigSchema, type PrintConfig } from './print/print.config';
export { internalConfigSchema, type InternalConfig, type InternalTargetConfig } from './internal/internal.config';
export { registersConfigSchema, type RegistersSection } from './registers/registers.config';
export { maskinportenSchema } from './shared/auth/maskinporten';
export { httpUrl, isLoopbackHost, resolveSecret, secretRefSchema, type SecretRef } from './shared/config';

// ---- factories, one per capability ----
export { createArchive, createCorrespondence, createMaskinporten, createPrint, createPrintRenderer, createRegisters, createSources, type Maskinporten };
export { createLetterRenderer } from './letters/create-renderers';
export { createInternalSystems, type InternalSystems } from './internal/create-internal-systems';
export { archiveProfileCheck } from './noark/archive-profile-check';
/** #16: the archivist's packages (Noark 5 arkivuttrekk and its pre-check, Noark 4 deposit, public journal). */
export { createArchivistWriters } from './noark/create-archivist-writers';
/** The service profiles, each checked also against what the archive transports can send (#13 item 3). */
export const loadServiceProfiles = (...[o, deps]: Parameters<typeof loadProfilesChecked>): ReturnType<typeof loadProfilesChecked> =>
  loadProfilesChecked(o, { extraCheck: archiveProfileCheck, ...deps });
export { exportProfile, importProfile, writeProfileFolder } from './shared/profiles/profile-exchange';

// ---- the intake side: sources, archive, profiles and the form reader ----

export interface IntegrationsConfig extends SourcesConfig {
  archive?: ArchiveConfig;
  ingest: { maxFormBytes: number; maxPartBytes: number; form?: Omit<FormReaderOptions, 'maxFormBytes'> };
}

export interface IntegrationsDeps {
  secrets: SecretStore;
  logger: Logger;
  resourcesDir: string;
  /** Zone of the archive's dates and date-times (config timezone; default Europe/Oslo). */
  timeZone?: string;
  /** core's pure mapping function, handed in by the composition root (integrations import only types from core). */
  mapForm: MapForm;
  /** The hub's clock (the demo runs on its simulator's, which can be moved ahead); default Date.now. */
  now?: () => number;
  /** One Maskinporten for every integration; built here when not given. */
  maskinporten?: Maskinporten;
}

export interface Integrations {
  sources: Map<SourceKind, SubmissionSource>;
  archive: ArchivePort | null;
  profiles: ProfileRegistry;
  forms: ClosableFormReader;
  close(): Promise<void>;
}

export async function createIntegrations(config: IntegrationsConfig, deps: IntegrationsDeps & { profiles: ProfileRegistry }): Promise<Integrations> {
  const maskinporten = deps.maskinporten ?? createMaskinporten(deps);
  const sources = await createSources(config, { ...deps, maskinporten });
  const forms = createFormReader({ ...config.ingest.form, maxFormBytes: config.ingest.maxFormBytes }, { mapForm: deps.mapForm });
  const archive = await createArchive(config.archive, deps);
  return {
    sources,
    archive,
    profiles: deps.profiles,
    forms,
    close: async () => {
      await forms.close();
      await archive?.close?.();
    },
  };
}

// ---- the reply side: correspondence, registers, print ----

export interface ReplyIntegrationsConfig extends CorrespondenceFactoryConfig {
  altinn?: Pick<AltinnSection, 'enabled' | 'platformUrl' | 'maskinporten' | 'timeoutMs'>;
  registers?: RegistersConnection;
  print?: PrintConnection;
}

export interface ReplyIntegrations {
  correspondence: CorrespondencePort | null;
  register: RegisterPort | null;
  print: PrintChannel | null;
  printRenderer: PrintRenderer;
  close(): Promise<void>;
}

export async function createReplyIntegrations(
  c: ReplyIntegrationsConfig,
  deps: { secrets: SecretStore; resourcesDir: string; now: () => number; maskinporten?: Maskinporten },
): Promise<ReplyIntegrations> {
  const all = { ...deps, maskinporten: deps.maskinporten ?? createMaskinporten(deps) };
  const correspondence = await createCorrespondence(c, all);
  const register = await createRegisters(c.registers, all);
  const print = await createPrint(c.print, all);
  return {
    correspondence,
    register,
    print,
    printRenderer: createPrintRenderer(deps),
    async close() {
      await correspondence?.close?.();
      await register?.close?.();
      await print?.close?.();
    },
  };
}

// ---- the demo (demo mode and `postmottak simulate` only; loaded on first use) ----

export type { DemoAltinn, DemoInternal, DemoReplies } from './demo';
const demo = () => import('./demo');
export const startDemoAltinn = async (...a: Parameters<typeof Demo.startDemoAltinn>) => (await demo()).startDemoAltinn(...a);
export const startArchiveSimulator = async (...a: Parameters<typeof Demo.startArchiveSimulator>) => (await demo()).startArchiveSimulator(...a);
export const startDemoArchive = async (...a: Parameters<typeof Demo.startDemoArchive>) => (await demo()).startDemoArchive(...a);
export const startDemoInternal = async (...a: Parameters<typeof Demo.startDemoInternal>) => (await demo()).startDemoInternal(...a);
export const startDemoReplies = async (...a: Parameters<typeof Demo.startDemoReplies>) => (await demo()).startDemoReplies(...a);

// ---- #17: "Test tilkobling" for each integration ----
export { probeIntegration, type ProbeDeps } from './probes';

// ---- #17: alerts by e-mail (SMTP) ----
export { mailConfigSchema, type MailConfig } from './mail/mail.config';
export { createSmtpMailAdapter } from './mail/smtp-mail.adapter';
export type { DemoMail } from './demo';
export const startDemoMail = async (...a: Parameters<typeof Demo.startDemoMail>) => (await demo()).startDemoMail(...a);
