import path from 'node:path';
/**
 * The one entry the composition root (electron/app) may import: builds every configured
 * adapter from the configuration and the secret store, and the demo simulators.
 */
import type { ArchivePort } from '../electron/core/ports/archive.port';
import type { SourceKind } from '../electron/core/ingest/submission';
import type { Logger } from '../electron/core/ports/logger.port';
import type { SecretStore } from '../electron/core/ports/secret-store.port';
import type { SubmissionSource } from '../electron/core/ports/submission-source.port';
import type { MapForm, ParseProfile, ProfileRegistry } from '../electron/core/profiles/profile.types';
import { createAltinn2DownloadQueueAdapter } from './altinn/altinn2-download-queue.adapter';
import { createAltinn3StorageAdapter } from './altinn/altinn3-storage.adapter';
import { createAltinnTokenProvider } from './altinn/maskinporten.client';
import { altinn3AppId } from './shared/profiles/source-key';
import { formatLoadErrors } from './shared/profiles/profile-check';
import { loadProfiles } from './shared/profiles/profile-loader';
import { createFormReader, type ClosableFormReader } from './shared/xml/form-reader';
import { createArkivmeldingAdapter } from './noark/arkivmelding.adapter';
import { createGeoIntegrasjonAdapter } from './noark/geointegrasjon.adapter';
import { createNoark4WsAdapter } from './noark/noark4-ws.adapter';
import { createNoark5RestAdapter } from './noark/noark5-rest.adapter';
import { createLetterPdfRenderer } from './letters/letter-pdf.renderer';
import type { LetterRenderer } from '../electron/core/ports/letter-renderer.port';
import type { CorrespondencePort } from '../electron/core/ports/correspondence.port';
import type { PrintChannel, PrintRenderer } from '../electron/core/ports/print-channel.port';
import type { RegisterPort } from '../electron/core/ports/register.port';
import { createAltinn3CorrespondenceAdapter, ALTINN3_CORRESPONDENCE_EVENT_SCOPES, ALTINN3_CORRESPONDENCE_SCOPES } from './altinn/altinn3-correspondence.adapter';
import { createAltinn2CorrespondenceAdapter } from './altinn/altinn2-correspondence.adapter';
import { createPrintPdfRenderer } from './letters/print-pdf.renderer';
import { createPrintChannel } from './print/create-print-channel';
import { createRegisterAdapter } from './registers/create-registers';
import type { SeedHousehold } from './altinn/simulator/seed-person';
import type { DemoAltinn } from './altinn/simulator/demo-altinn';
import type { PrintVendorSimulator } from './print/simulator/print-vendor.simulator';
import type { SimPerson } from './registers/simulator/register-sim-state';
import type { RegisterSimulator } from './registers/simulator/start-register-simulator';

export type { DemoAltinn } from './altinn/simulator/demo-altinn';

/** The demo's simulators, loaded only in demo mode: the seed generator and its name lists stay out of a real installation's memory. */
export async function startDemoAltinn(...args: Parameters<typeof import('./altinn/simulator/demo-altinn').startDemoAltinn>) {
  const m = await import('./altinn/simulator/demo-altinn');
  return m.startDemoAltinn(...args);
}
export { exportProfile, importProfile, writeProfileFolder } from './shared/profiles/profile-exchange';

type SecretRef = { secret: string };

/** The configuration the integrations read (a structural copy of the app's config sections). */
export interface IntegrationsConfig {
  altinn?: {
    enabled: boolean;
    platformUrl: string;
    org: string;
    maskinporten: { tokenUrl: string; audience: string; clientId: string; kid: string; scope: string; privateKey: SecretRef };
    includeMigratedAltinn2: boolean;
    pageSize: number;
    timeoutMs: number;
  };
  altinn2?: { enabled: boolean; url: string; systemUserName: string; systemPassword: SecretRef; serviceCodes?: string[]; timeoutMs: number };
  archive?: ArchiveIntegrationConfig;
  ingest: { maxFormBytes: number; maxPartBytes: number };
}

export interface ArchiveIntegrationConfig {
  enabled: boolean;
  transport: 'noark5-rest' | 'geointegrasjon' | 'noark4-ws' | 'arkivmelding';
  noark5?: {
    url: string;
    auth: { kind: 'none' } | { kind: 'basic'; username: string; password: SecretRef } | { kind: 'bearer'; token: SecretRef };
    arkivdel?: string;
    timeoutMs: number;
  };
  geointegrasjon?: { oppdateringUrl: string; innsynUrl: string; username: string; password: SecretRef; klientnavn: string; timeoutMs: number };
  noark4?: { url: string; username: string; password: SecretRef; timeoutMs: number };
  arkivmelding?: { dialect: 'eformidling' | 'fiks-arkiv-v2'; outDir: string; receiptDir: string };
}

/** An archive simulator (the demo's Noark 5 archive, `postmottak simulate archive`), loaded only when asked for. */
export async function startArchiveSimulator(
  ...args: Parameters<typeof import('./noark/simulator/start-archive-simulator').startArchiveSimulator>
): Promise<{ config: ArchiveIntegrationConfig; url: string; close(): Promise<void> }> {
  const m = await import('./noark/simulator/start-archive-simulator');
  const { sim, config } = await m.startArchiveSimulator(...args);
  return { url: sim.url, close: () => sim.close(), config: { enabled: true, ...config } as ArchiveIntegrationConfig };
}

/** The demo's archive: the Noark 5 REST simulator. */
export const startDemoArchive = (o: { resourcesDir: string; workDir: string }) => startArchiveSimulator({ transport: 'noark5-rest', ...o });

/** Builds the one configured archive adapter; which transport is configuration only. */
export async function createArchive(config: ArchiveIntegrationConfig | undefined, deps: { secrets: SecretStore; resourcesDir: string }): Promise<ArchivePort | null> {
  if (!config?.enabled) return null;
  const missing = () => new Error(`Sak/arkiv-transporten «${config.transport}» mangler sin konfigurasjonsseksjon.`);
  switch (config.transport) {
    case 'noark5-rest': {
      const c = config.noark5;
      if (!c) throw missing();
      const auth =
        c.auth.kind === 'basic'
          ? { kind: 'basic' as const, username: c.auth.username, password: await secret(deps.secrets, c.auth.password, 'arkivpassord') }
          : c.auth.kind === 'bearer'
            ? { kind: 'bearer' as const, token: await secret(deps.secrets, c.auth.token, 'arkivtoken') }
            : { kind: 'none' as const };
      return createNoark5RestAdapter({ url: c.url, auth, arkivdel: c.arkivdel, timeoutMs: c.timeoutMs });
    }
    case 'geointegrasjon': {
      const c = config.geointegrasjon;
      if (!c) throw missing();
      return createGeoIntegrasjonAdapter(
        { ...c, password: await secret(deps.secrets, c.password, 'GeoIntegrasjon-passord') },
        { wsdlDir: path.join(deps.resourcesDir, 'wsdl', 'geointegrasjon') },
      );
    }
    case 'noark4-ws': {
      const c = config.noark4;
      if (!c) throw missing();
      return createNoark4WsAdapter(
        { ...c, password: await secret(deps.secrets, c.password, 'Noark 4-passord') },
        { wsdlPath: path.join(deps.resourcesDir, 'wsdl', 'noark4', 'noark4ws.wsdl') },
      );
    }
    case 'arkivmelding': {
      const c = config.arkivmelding;
      if (!c) throw missing();
      return createArkivmeldingAdapter(c, { schemaDir: path.join(deps.resourcesDir, 'schemas', 'arkivmelding') });
    }
  }
}

export interface IntegrationsDeps {
  secrets: SecretStore;
  logger: Logger;
  resourcesDir: string;
  /** core's pure mapping function, handed in by the composition root (integrations import only types from core). */
  mapForm: MapForm;
  /** The hub's clock (the demo runs on its simulator's, which can be moved ahead); default Date.now. */
  now?: () => number;
}

export interface Integrations {
  sources: Map<SourceKind, SubmissionSource>;
  archive: ArchivePort | null;
  profiles: ProfileRegistry;
  forms: ClosableFormReader;
  close(): Promise<void>;
}

async function secret(secrets: SecretStore, ref: SecretRef, what: string): Promise<string> {
  const v = await secrets.get(ref.secret);
  if (!v) throw new Error(`Hemmeligheten «${ref.secret}» (${what}) finnes ikke i hemmelighetslageret (${secrets.kind}).`);
  return v;
}

/** The shipped profiles and the municipality's own; a bad profile is left out and reported, the others work. */
export function loadServiceProfiles(
  o: { resourcesDir: string; profilesDir?: string; altinnOrg: string },
  deps: { parseProfile: ParseProfile; logger: Logger },
): ProfileRegistry {
  const loaded = loadProfiles(
    {
      dirs: [
        { dir: path.join(o.resourcesDir, 'profiles'), origin: 'shipped' },
        ...(o.profilesDir ? [{ dir: path.resolve(o.profilesDir), origin: 'municipality' as const }] : []),
      ],
      altinnOrg: o.altinnOrg,
    },
    deps,
  );
  if (loaded.errors.length) deps.logger.log('warn', 'service profiles with errors', { errors: formatLoadErrors(loaded.errors) });
  return loaded.registry;
}

export async function createIntegrations(config: IntegrationsConfig, deps: IntegrationsDeps & { profiles: ProfileRegistry }): Promise<Integrations> {
  const profiles = deps.profiles;

  const sources = new Map<SourceKind, SubmissionSource>();
  const a3 = config.altinn;
  if (a3?.enabled) {
    const tokens = createAltinnTokenProvider(
      { ...a3.maskinporten, privateKeyPem: await secret(deps.secrets, a3.maskinporten.privateKey, 'Maskinporten-nøkkel'), timeoutMs: a3.timeoutMs },
      `${a3.platformUrl.replace(/\/$/, '')}/authentication/api/v1/exchange/maskinporten`,
      deps.now,
    );
    const appIds = profiles
      .all()
      .map((p) => altinn3AppId(p.profile, a3.org))
      .filter((x): x is string => x !== null);
    sources.set(
      'altinn3',
      createAltinn3StorageAdapter(
        {
          platformUrl: a3.platformUrl,
          org: a3.org,
          appIds: [...new Set(appIds)],
          includeMigratedAltinn2: a3.includeMigratedAltinn2,
          pageSize: a3.pageSize,
          timeoutMs: a3.timeoutMs,
          maxPartBytes: config.ingest.maxPartBytes,
        },
        { tokens },
      ),
    );
  }
  const a2 = config.altinn2;
  if (a2?.enabled) {
    sources.set(
      'altinn2',
      createAltinn2DownloadQueueAdapter(
        {
          url: a2.url,
          systemUserName: a2.systemUserName,
          systemPassword: await secret(deps.secrets, a2.systemPassword, 'Altinn 2-passord'),
          serviceCodes: a2.serviceCodes,
          timeoutMs: a2.timeoutMs,
        },
        { wsdlPath: path.join(deps.resourcesDir, 'wsdl', 'altinn2', 'DownloadQueueExternalBasic.svc.wsdl') },
      ),
    );
  }
  const forms = createFormReader({ maxFormBytes: config.ingest.maxFormBytes }, { mapForm: deps.mapForm });
  const archive = await createArchive(config.archive, deps);
  return {
    sources,
    archive,
    profiles,
    forms,
    close: async () => {
      await forms.close();
      await archive?.close?.();
    },
  };
}

/** Reply letters as PDF/A, with the fonts and colour profile the app ships. */
export function createLetterRenderer(o: { resourcesDir: string }): LetterRenderer {
  return createLetterPdfRenderer({ fontDir: path.join(o.resourcesDir, 'fonts'), iccProfile: path.join(o.resourcesDir, 'icc', 'sRGB.icc') });
}

// ---- the reply side: correspondence, registers, print ----

interface Maskinporten {
  tokenUrl: string;
  audience: string;
  clientId: string;
  kid: string;
  scope: string;
  privateKey: SecretRef;
}

export interface ReplyIntegrationsConfig {
  altinn?: { enabled: boolean; platformUrl: string; maskinporten: Maskinporten; timeoutMs: number };
  correspondence?: {
    enabled: boolean;
    transport: 'altinn3' | 'altinn2';
    altinn3: { platformUrl?: string; maskinporten?: Maskinporten; timeoutMs: number; events?: boolean };
    resourceId: string;
    altinn2?: { url: string; systemUserName: string; systemPassword: SecretRef; systemUserCode: string; timeoutMs: number };
  };
  registers?: {
    enabled: boolean;
    folkeregisteret: { url: string; timeoutMs: number };
    krr: { url: string; timeoutMs: number };
    auth: { kind: 'maskinporten'; folkeregisteret: Maskinporten; krr: Maskinporten } | { kind: 'bearer'; token: SecretRef };
  };
  print?: {
    enabled: boolean;
    channel: 'hot-folder' | 'svarut';
    hotFolder?: { dir: string };
    svarut?: { url: string; kontoId: string; integrasjonId: string; integrasjonPassord: SecretRef; token: SecretRef; timeoutMs: number };
  };
}

export interface ReplyIntegrations {
  correspondence: CorrespondencePort | null;
  register: RegisterPort | null;
  print: PrintChannel | null;
  printRenderer: PrintRenderer;
  close(): Promise<void>;
}


export async function createReplyIntegrations(c: ReplyIntegrationsConfig, deps: { secrets: SecretStore; resourcesDir: string; now: () => number }): Promise<ReplyIntegrations> {
  let correspondence: CorrespondencePort | null = null;
  const corr = c.correspondence?.enabled ? c.correspondence : undefined;
  if (corr?.transport === 'altinn3') {
    const platformUrl = corr.altinn3.platformUrl ?? c.altinn?.platformUrl;
    const events = corr.altinn3.events === true;
    const mp = corr.altinn3.maskinporten ?? (c.altinn ? { ...c.altinn.maskinporten, scope: events ? ALTINN3_CORRESPONDENCE_EVENT_SCOPES : ALTINN3_CORRESPONDENCE_SCOPES } : undefined);
    if (!platformUrl || !mp) throw new Error('integrations.correspondence.altinn3 trenger platformUrl og maskinporten (eller integrations.altinn).');
    const tokens = createAltinnTokenProvider(
      { ...mp, privateKeyPem: await secret(deps.secrets, mp.privateKey, 'Maskinporten'), timeoutMs: corr.altinn3.timeoutMs },
      `${platformUrl.replace(/\/$/, '')}/authentication/api/v1/exchange/maskinporten`,
      deps.now,
    );
    correspondence = createAltinn3CorrespondenceAdapter(
      { platformUrl, timeoutMs: corr.altinn3.timeoutMs, ...(events ? { events: { resourceId: corr.resourceId } } : {}) },
      { tokens, now: deps.now },
    );
  } else if (corr?.transport === 'altinn2') {
    const a2 = corr.altinn2!;
    correspondence = createAltinn2CorrespondenceAdapter(
      { url: a2.url, systemUserName: a2.systemUserName, systemPassword: await secret(deps.secrets, a2.systemPassword, 'Altinn 2'), systemUserCode: a2.systemUserCode, timeoutMs: a2.timeoutMs },
      { wsdlPath: path.join(deps.resourcesDir, 'wsdl', 'altinn2', 'CorrespondenceAgencyExternalBasic.wsdl'), clock: { now: deps.now } },
    );
  }

  let register: RegisterPort | null = null;
  const reg = c.registers?.enabled ? c.registers : undefined;
  if (reg) {
    let token: (scope: 'folkeregister' | 'krr') => Promise<string>;
    if (reg.auth.kind === 'bearer') {
      const t = await secret(deps.secrets, reg.auth.token, 'registrene');
      token = async () => t;
    } else {
      const auth = reg.auth;
      const provider = async (mp: Maskinporten, timeoutMs: number) =>
        createAltinnTokenProvider({ ...mp, privateKeyPem: await secret(deps.secrets, mp.privateKey, 'Maskinporten'), timeoutMs }, null, deps.now);
      const freg = await provider(auth.folkeregisteret, reg.folkeregisteret.timeoutMs);
      const krr = await provider(auth.krr, reg.krr.timeoutMs);
      token = (scope) => (scope === 'folkeregister' ? freg.token() : krr.token());
    }
    register = createRegisterAdapter({ folkeregisteret: reg.folkeregisteret, krr: reg.krr }, { token, now: deps.now });
  }

  let print: PrintChannel | null = null;
  const pr = c.print?.enabled ? c.print : undefined;
  if (pr?.channel === 'hot-folder' && pr.hotFolder) print = createPrintChannel({ channel: 'hot-folder', hotFolder: pr.hotFolder }, { now: deps.now });
  if (pr?.channel === 'svarut' && pr.svarut) {
    const s = pr.svarut;
    const token = await secret(deps.secrets, s.token, 'SvarUt');
    print = createPrintChannel(
      { channel: 'svarut', svarut: { url: s.url, kontoId: s.kontoId, integrasjonId: s.integrasjonId, integrasjonPassord: await secret(deps.secrets, s.integrasjonPassord, 'SvarUt'), timeoutMs: s.timeoutMs } },
      { now: deps.now, svarUtToken: async () => token },
    );
  }

  return {
    correspondence,
    register,
    print,
    printRenderer: createPrintPdfRenderer({ resourcesDir: deps.resourcesDir }),
    async close() {
      await correspondence?.close?.();
      await register?.close?.();
      await print?.close?.();
    },
  };
}

// ---- the demo's reply side (demo mode only) ----

export interface DemoReplies {
  config: {
    correspondence?: { enabled: true; transport: 'altinn3'; resourceId: string; altinn3: { events: boolean }; pollSchedule: string; sweepSchedule: string };
    registers: {
      enabled: true;
      folkeregisteret: { url: string; timeoutMs: number };
      krr: { url: string; timeoutMs: number };
      auth: { kind: 'bearer'; token: { secret: string } };
    };
    print: { enabled: true; channel: 'hot-folder'; hotFolder: { dir: string } };
  };
  secrets: Record<string, string>;
  registers: RegisterSimulator;
  vendor: PrintVendorSimulator;
  hotFolder: string;
  close(): Promise<void>;
}

/** The demo's people as the registers know them: every seventh applicant reserved against digital mail, so paper-at-once shows too. */
export function demoPersons(households: SeedHousehold[], now: number): SimPerson[] {
  const out = new Map<string, SimPerson>();
  // a made-up person living at the applicant's address
  const resident = (p: SeedHousehold['subjects'][number], home: SeedHousehold['applicant'], rest: Pick<SimPerson, 'children' | 'parents' | 'krr'>): SimPerson => ({
    personNumber: p.personNumber,
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate,
    sex: p.sex === 'female' ? 'kvinne' : 'mann',
    address: { street: home.street, postalCode: home.postalCode, postalPlace: home.postalPlace },
    protection: 'none',
    status: 'bosatt',
    ...rest,
  });
  households.forEach((h, i) => {
    const a = h.applicant;
    const krr = { reserved: i % 7 === 3, state: 'AKTIV' as const, email: a.email, mobile: a.mobile, updatedAt: now - 90 * 86_400_000 };
    out.set(a.personNumber, resident(a, a, { children: h.subjects.map((s) => s.personNumber), parents: [], krr }));
    for (const s of h.subjects) if (!out.has(s.personNumber)) out.set(s.personNumber, resident(s, a, { children: [], parents: [a.personNumber] }));
  });
  return [...out.values()];
}

export async function startDemoReplies(o: { workDir: string; altinn: DemoAltinn | null; now: () => number }): Promise<DemoReplies> {
  const { startRegisterSimulator } = await import('./registers/simulator/start-register-simulator');
  const { startPrintVendor } = await import('./print/simulator/print-vendor.simulator');
  const registers = await startRegisterSimulator({ synthesize: true, now: o.now, persons: demoPersons(o.altinn?.households() ?? [], o.now()) });
  // applications arriving later in the demo are made up by the simulator itself
  const hotFolder = path.join(o.workDir, 'hot-folder');
  const vendor = startPrintVendor({ dir: hotFolder, intervalMs: 3000, now: o.now });
  return {
    config: {
      ...(o.altinn ? { correspondence: { enabled: true as const, transport: 'altinn3' as const, resourceId: 'kommune-svar-til-innbygger', altinn3: { events: true }, pollSchedule: '* * * * *', sweepSchedule: '* * * * *' } } : {}),
      registers: {
        enabled: true,
        folkeregisteret: registers.config.folkeregisteret,
        krr: registers.config.krr,
        auth: { kind: 'bearer', token: { secret: 'demo.register-token' } },
      },
      print: { enabled: true, channel: 'hot-folder', hotFolder: { dir: hotFolder } },
    },
    secrets: { 'demo.register-token': registers.token },
    registers,
    vendor,
    hotFolder,
    async close() {
      await vendor.stop();
      await registers.close();
    },
  };
}
