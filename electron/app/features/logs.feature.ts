import os from 'node:os';
import { redactText } from '../../core/redact';
import { latestVersion } from '../../store';
import type { Feature, FeatureDeps } from '../feature';
import { readLogs } from '../logs/log-reader';
import { buildSupportBundle } from '../logs/support-bundle';

type LogsChannel = 'logs.query' | 'logs.supportBundle';

export interface LogsDeps extends FeatureDeps {
  /** The hub's log file (the active one; rotated files lie beside it). */
  logFile: string;
  dataDir: string;
  /** health.get's answer, for the support bundle (the health feature's, bound by the composition root). */
  health?: () => Promise<unknown>;
  /** system.status's answer, for the support bundle. */
  status?: () => Promise<unknown>;
}

/** Logs (#17 item 5): the log viewer for IT, and the support bundle. */
export function wireLogs(d: LogsDeps): Feature<LogsChannel> {
  const actor = () => d.users.current().account;

  /** The jobs' integrations and types, for the filters and a line's job type → its integration: as the runner defines them, not a scan of the jobs table per page. */
  const jobKinds = () => {
    const types = d.runner.types();
    const ofType = new Map(types.filter((t) => t.integration).map((t) => [t.type, t.integration!]));
    return { ofType, integrations: [...new Set(ofType.values())].sort(), jobTypes: types.map((t) => t.type).sort() };
  };

  const versions = async () => {
    const engine =
      d.store.kind === 'sqlite'
        ? { sqlite: (await d.store.sql.get<{ v: string }>('SELECT sqlite_version() AS v'))?.v ?? null }
        : { postgres: (await d.store.sql.get<{ v: string }>("SELECT current_setting('server_version') AS v"))?.v ?? null };
    return {
      app: d.host.version,
      host: d.host.host,
      demo: d.host.demo,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      platform: process.platform,
      arch: process.arch,
      osRelease: os.release(),
      store: d.store.kind,
      ...engine,
      schemaVersion: await d.store.schemaVersion(),
      // the SQLite schema this build brings (PostgreSQL has its own list of migrations)
      ...(d.store.kind === 'sqlite' ? { schemaVersionOfApp: latestVersion() } : {}),
    };
  };

  /** The job queue in figures, and the dead jobs with their (redacted) errors: what a supplier asks for first. */
  const jobs = async () => {
    const counts = await d.store.sql.all<{ type: string; integration: string | null; status: string; n: number | string }>(
      'SELECT type, integration, status, count(*) AS n FROM jobs GROUP BY type, integration, status ORDER BY type, status',
    );
    const dead = await d.store.sql.all<{ id: number; type: string; attempts: number; last_error: string | null; last_error_kind: string | null; updated_at: number }>(
      "SELECT id, type, attempts, last_error, last_error_kind, updated_at FROM jobs WHERE status = 'dead' ORDER BY updated_at DESC LIMIT 100",
    );
    const pauses = await d.store.sql.all<{ integration: string; until: number; reason: string }>('SELECT integration, until, reason FROM integration_pauses');
    return {
      counts: counts.map((c) => ({ ...c, n: Number(c.n) })),
      dead: dead.map((j) => ({ id: j.id, type: j.type, attempts: j.attempts, kind: j.last_error_kind, error: j.last_error === null ? null : redactText(j.last_error), updatedAt: new Date(Number(j.updated_at)).toISOString() })),
      pauses: pauses.map((p) => ({ integration: p.integration, until: new Date(Number(p.until)).toISOString(), reason: redactText(p.reason) })),
    };
  };

  const secretValues = async () => {
    const store = d.links.secrets;
    const values = await Promise.all((await store.names()).map((n) => store.get(n).catch(() => undefined)));
    return values.filter((v): v is string => typeof v === 'string');
  };

  return {
    jobs: [],
    schedules: [],
    handlers: {
      'logs.query': async (q) => {
        const kinds = jobKinds();
        const page = await readLogs(d.logFile, q, { integrationOf: (t) => kinds.ofType.get(t) });
        return { ...page, integrations: kinds.integrations, jobTypes: kinds.jobTypes };
      },
      'logs.supportBundle': async () => {
        const now = d.clock.now();
        const bundle = await buildSupportBundle({
          logFile: d.logFile,
          config: d.config,
          parts: {
            versions,
            status: d.status ?? (async () => ({ note: 'system.status er ikke koblet til støttepakken' })),
            health: d.health ?? (async () => ({ note: 'health.get er ikke koblet til støttepakken' })),
            jobs,
          },
          secretValues,
          now,
        });
        // who took the hub's log and configuration out, and how much: the details hold counts, never what was masked
        await d.repos.audit.append(
          { actor: actor(), action: 'logs.supportBundle', details: { filename: bundle.filename, bytes: bundle.bytes.length, files: bundle.manifest.files.length, scrubbed: bundle.manifest.scrubbed } },
          now,
        );
        d.logger.log('info', 'support bundle exported', { filename: bundle.filename, bytes: bundle.bytes.length });
        return { filename: bundle.filename, contentType: 'application/gzip', base64: bundle.bytes.toString('base64') };
      },
    },
  };
}
