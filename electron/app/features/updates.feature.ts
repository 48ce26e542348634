import { DeskError } from '../../core/desk/case-access';
import type { UpdaterPort, UpdateState } from '../../core/ports/updater.port';
import type { updatesChannels, UpdatesStatusDto } from '../../ipc/updates.contract';
import type { Feature, FeatureDeps } from '../feature';

type UpdatesChannel = keyof typeof updatesChannels;

type UpdatesFeatureDeps = Pick<FeatureDeps, 'host' | 'config' | 'store' | 'repos' | 'clock' | 'emit' | 'users'> & {
  /** The desktop host's updater (electron-updater); null in the headless host and without an update server. */
  updater: UpdaterPort | null;
};

/** An address as shown to IT: no user name or password. */
function shownUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return null;
  }
}

/**
 * Updates (#17 item 7): the version, channel and source for IT; on the desktop, check, download
 * (progress pushed as `status.changed`) and install on restart through the host's updater. Each
 * action is audited. The headless host is updated by whoever runs it, and says so.
 */
export function wireUpdates(d: UpdatesFeatureDeps): Feature<UpdatesChannel> {
  const cfg = d.config.updates;
  const source = shownUrl(cfg.url);
  const updater = d.updater;
  const note = updater
    ? null
    : d.host.host === 'headless'
      ? `Oppdateringer styres av den som drifter serveren; versjon ${d.host.version}; kilde: ${source ?? 'ikke satt'}.`
      : `Ingen oppdateringsserver er satt opp for appen (versjon ${d.host.version}). Sett updates.url i konfigurasjonen til mappen med latest.yml på kommunens oppdateringsserver.`;

  const status = (): UpdatesStatusDto => {
    const s = updater?.state() ?? null;
    const busy = s?.state === 'checking' || s?.state === 'downloading';
    return {
      version: d.host.version,
      host: d.host.host,
      channel: cfg.channel,
      source,
      selfUpdating: !!updater,
      note,
      autoDownload: cfg.autoDownload,
      publisherName: cfg.publisherName ?? [],
      update: s,
      can: { check: !!updater && !busy, download: s?.state === 'available', install: s?.state === 'downloaded' },
    };
  };
  /** The updater, or the refusal that says who updates this host. */
  const need = (): UpdaterPort => {
    if (!updater) throw new DeskError('conflict', note ?? 'Ingen oppdaterer.');
    return updater;
  };
  const audit = (action: string, details: Record<string, unknown>) =>
    d.store.uow.run(() => d.repos.audit.append({ actor: d.users.current().account, action, subject: 'app:updates', details: { ...details, from: d.host.version, channel: cfg.channel, source } }, d.clock.now()));
  const versionOf = (s: UpdateState) => ('version' in s ? s.version : null);

  let unsubscribe: (() => void) | null = null;
  return {
    handlers: {
      'updates.status': () => status(),
      'updates.check': async () => {
        const s = await need().check();
        await audit('updates.check', { result: s.state, version: versionOf(s), ...(s.state === 'error' ? { error: s.message } : {}) });
        return status();
      },
      'updates.download': async () => {
        const u = need();
        const s = u.state();
        if (s.state !== 'available') throw new DeskError('conflict', 'Det er ingen ny versjon å laste ned. Trykk «Sjekk» først.');
        await audit('updates.download', { version: s.version });
        // the download runs on: progress and its end reach the UI as status.changed, its failure as the error state
        void u.download();
        return status();
      },
      'updates.install': async () => {
        const u = need();
        const s = u.state();
        if (s.state !== 'downloaded') throw new DeskError('conflict', 'Ingen ny versjon er lastet ned ennå. Last den ned først.');
        await audit('updates.install', { version: s.version });
        u.installOnRestart();
        return status();
      },
    },
    jobs: [],
    schedules: [],
    onStart() {
      if (!updater) return;
      unsubscribe = updater.onChange(() => d.emit('status.changed', { reason: 'updates' }));
      // once per app start: a hub swapped in on a reloaded config finds the updater past idle
      if (cfg.checkOnStart && updater.state().state === 'idle') void updater.check();
    },
    onStop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
