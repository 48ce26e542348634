import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { autoUpdater, type AppUpdater, type ProgressInfo, type UpdateInfo } from 'electron-updater';
import type { UpdatesConfig } from '../app/config/updates.config';
import type { HubOptions } from '../app/hub-options';
import type { Logger } from '../app/host-types';

type UpdaterPort = NonNullable<HubOptions['updater']>;
type UpdateState = ReturnType<UpdaterPort['state']>;

export interface DesktopUpdaterOptions {
  config: UpdatesConfig & { url: string };
  /** Where the updater's own app-update.yml is written (the data folder). */
  dataDir: string;
  logger: Logger;
  /** electron-updater's instance; default the library's autoUpdater (NSIS, AppImage/deb/rpm or Mac, by platform). */
  updater?: AppUpdater;
  /**
   * The app-update.yml the installer ships (electron-builder puts the signing certificate's
   * publisherName there when it signs a Windows build): its names apply when the config names none.
   */
  shippedConfigPath?: string | null;
  now?: () => number;
}

/** The publisher names in the installer's own app-update.yml, if it has any. */
function shippedPublisherNames(file: string | null | undefined): string[] | undefined {
  if (!file || !existsSync(file)) return undefined;
  const names = (YAML.parse(readFileSync(file, 'utf8')) as { publisherName?: unknown } | null)?.publisherName;
  const list = (Array.isArray(names) ? names : [names]).filter((n): n is string => typeof n === 'string' && n.length > 0);
  return list.length ? list : undefined;
}

/** The address as shown and logged: no user name or password. */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Any URL credentials in a library message replaced, so none reaches the UI, the audit or the log. */
const scrub = (text: string) => text.replace(/(\w+:\/\/)[^/\s@]*@/g, '$1');

const NOT_INSTALLED = 'Appen kjører ikke fra en installert pakke (utviklingsmodus, eller Linux uten AppImage/deb/rpm), så den kan ikke oppdatere seg selv. Installer Postmottak med installasjonsfilen.';

/** What IT reads when an update step fails: what happened and what to do (electron-updater's codes). */
export function updateErrorMessage(e: unknown, source: string): string {
  const err = e as { code?: unknown; statusCode?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : '';
  const detail = scrub(String(err?.message ?? e)).split('\n')[0]!.slice(0, 300);
  switch (code) {
    case 'ERR_CHECKSUM_MISMATCH':
      return `Den nedlastede filen stemmer ikke med sha512 i oppdateringsinformasjonen (latest.yml) på ${source}, så den er forkastet og ikke installert. Be den som drifter oppdateringsserveren legge ut filen og latest.yml på nytt fra samme bygg.`;
    case 'ERR_UPDATER_INVALID_SIGNATURE':
      return `Den nye versjonen er ikke signert av den utgiveren som er satt i updates.publisherName, så den er forkastet og ikke installert. Sjekk at installasjonsfilen på ${source} er kodesignert av kommunens leverandør. (${detail})`;
    case 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND':
      return `Fant ikke oppdateringsinformasjonen (latest.yml for kanalen) på ${source}. Sjekk updates.url og updates.channel, og at filen ligger på serveren.`;
    case 'ERR_UPDATER_INVALID_UPDATE_INFO':
    case 'ERR_UPDATER_INVALID_VERSION':
    case 'ERR_UPDATER_NO_FILES_PROVIDED':
    case 'ERR_UPDATER_NO_CHECKSUM':
      return `Oppdateringsinformasjonen på ${source} kan ikke brukes: ${detail}. Be den som drifter oppdateringsserveren legge ut latest.yml på nytt.`;
    case 'ERR_UPDATER_ASSET_NOT_FOUND':
      return `Oppdateringsinformasjonen på ${source} nevner ingen installasjonsfil for denne plattformen. Be den som drifter oppdateringsserveren legge den ut.`;
    case 'ERR_UPDATER_OLD_FILE_NOT_FOUND':
      return NOT_INSTALLED;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
    case 'EAI_AGAIN':
      return `Fikk ikke kontakt med oppdateringsserveren ${source} (${code}). Sjekk adressen i updates.url og nettverket, og prøv igjen.`;
  }
  if (typeof err?.statusCode === 'number') {
    return `Oppdateringsserveren ${source} svarte med HTTP ${err.statusCode}. Sjekk adressen i updates.url og tilgangen til serveren.`;
  }
  return `Oppdateringen mislyktes: ${detail}. Prøv igjen, eller se loggen.`;
}

/**
 * The desktop host's UpdaterPort (#17 item 7): electron-updater's generic provider against the
 * municipality's own update server. Every download is checked against the sha512 in latest.yml;
 * on Windows the installer's Authenticode signature must also name one of updates.publisherName
 * (electron-updater reads it from app-update.yml, so that file is written here from the config).
 */
export function createDesktopUpdater(o: DesktopUpdaterOptions): UpdaterPort {
  const u = o.updater ?? autoUpdater;
  const now = o.now ?? Date.now;
  const url = new URL(o.config.url);
  const source = withoutCredentials(o.config.url);
  // credentials never go into the file or the library's log lines: they travel as a header
  const auth = url.username ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : null;
  const dir = join(o.dataDir, 'updates');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const configPath = join(dir, 'app-update.yml');
  const publisherName = o.config.publisherName ?? shippedPublisherNames(o.shippedConfigPath === undefined ? (process.resourcesPath ? join(process.resourcesPath, 'app-update.yml') : null) : o.shippedConfigPath);
  // the file electron-updater reads its provider, channel and publisher names from
  writeFileSync(
    configPath,
    YAML.stringify({ provider: 'generic', url: source, channel: o.config.channel, updaterCacheDirName: 'postmottak-updater', ...(publisherName ? { publisherName } : {}) }),
    { mode: 0o600 },
  );
  u.updateConfigPath = configPath;
  u.autoDownload = o.config.autoDownload;
  u.autoInstallOnAppQuit = o.config.autoDownload;
  // full installers only: electron-updater warns that web-installer packages may go without a signature check
  u.disableWebInstaller = true;
  if (auth) u.requestHeaders = { authorization: auth };
  u.logger = {
    info: (m: unknown) => o.logger.log('info', `updater: ${scrub(String(m))}`),
    warn: (m: unknown) => o.logger.log('warn', `updater: ${scrub(String(m))}`),
    error: (m: unknown) => o.logger.log('error', `updater: ${scrub(String(m))}`),
    debug: (m: string) => o.logger.log('debug', `updater: ${scrub(m)}`),
  };

  let state: UpdateState = { state: 'idle' };
  let version = '';
  const listeners = new Set<(s: UpdateState) => void>();
  const set = (s: UpdateState) => {
    // a failure arrives twice (the 'error' event and the rejected promise): told once
    if (JSON.stringify(s) === JSON.stringify(state)) return;
    state = s;
    for (const l of listeners) l(s);
  };
  const fail = (e: unknown) => set({ state: 'error', message: updateErrorMessage(e, source) });

  u.on('checking-for-update', () => set({ state: 'checking' }));
  u.on('update-available', (i: UpdateInfo) => {
    version = i.version;
    set({ state: 'available', version: i.version, releaseDate: i.releaseDate || null });
  });
  u.on('update-not-available', () => set({ state: 'up-to-date', checkedAt: now() }));
  u.on('download-progress', (p: ProgressInfo) => set({ state: 'downloading', version, percent: Math.round(p.percent * 10) / 10, bytesPerSecond: Math.round(p.bytesPerSecond) }));
  u.on('update-downloaded', (i: UpdateInfo) => set({ state: 'downloaded', version: i.version }));
  u.on('error', (e: Error) => fail(e));

  return {
    state: () => state,
    async check() {
      try {
        const r = await u.checkForUpdates();
        // electron-updater is inactive outside an installed package (development, or Linux outside AppImage/deb/rpm)
        if (!r) set({ state: 'error', message: NOT_INSTALLED });
        // with autoDownload the download runs on; its progress and end arrive as events
        else void r.downloadPromise?.catch(() => undefined);
      } catch (e) {
        fail(e);
      }
      return state;
    },
    async download() {
      set({ state: 'downloading', version, percent: 0, bytesPerSecond: 0 });
      try {
        await u.downloadUpdate();
      } catch (e) {
        fail(e);
      }
      return state;
    },
    installOnRestart() {
      // silent, and the app starts again on the new version; the host's before-quit stops the hub first
      u.quitAndInstall(true, true);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
