import fs from 'node:fs';
import path from 'node:path';
import { ArchivistError } from '../../core/archivist/archivist.errors';
import { EXPORT_JOB, exportPayload } from '../../core/archivist/archivist.jobs';
import { createArchivistService, type ArchivistService, type AuditSearch } from '../../core/archivist/archivist.service';
import { DeskError } from '../../core/desk/case-access';
import type { ArchiveExtractReader } from '../../core/ports/archive-extract.port';
import type { ArchivistWriters, ExtractionMeta } from '../../core/ports/archive-extraction.port';
import type { AuditEntry } from '../../core/ports/audit-log.port';
import type { archivistChannels } from '../../ipc/archivist.contract';
import { createArchivistWriters } from '../../../integrations';
import { job, type Feature, type FeatureDeps } from '../feature';
import { toAuditRow, toDeliveries, toDeliveryRow, toExport, toJournalRow, toPublicJournalRow } from '../views/archivist.view';

type ArchivistChannel = keyof typeof archivistChannels;

/** The system as it names itself in the packages (ADDML, METS agent, arkivstruktur's system). */
const SYSTEM_NAME = 'Postmottak';

type ArchivistFeatureDeps = Pick<FeatureDeps, 'host' | 'config' | 'store' | 'repos' | 'outbox' | 'clock' | 'logger' | 'links' | 'users'> & {
  /** The folder exports are written under (config archive.exportDir, else <data>/exports). */
  exportDir: string;
  /** The writers (tests may hand in their own); default: the shipped ones over the resources folder. */
  writers?: ArchivistWriters;
};

export interface ArchivistFeature extends Feature<ArchivistChannel> {
  service: ArchivistService;
  /** The local archive record read back (the CLI's løpende journal streams from it). */
  reader: ArchiveExtractReader;
  /** The same service writing under another folder: the CLI's --out. */
  serviceAt(exportDir: string): ArchivistService;
  /** A person's display name by account (the account when unknown). */
  personName(account: string): string;
}

/** The arkivskaper and the archive's title: the config's, else the municipality's (#16). */
export function archiveMeta(config: FeatureDeps['config'], host: Pick<FeatureDeps['host'], 'demo' | 'version'>): Omit<ExtractionMeta, 'scope' | 'producedAt' | 'producedBy'> {
  const municipality = config.municipality?.name ?? (host.demo ? 'Demo kommune' : 'Kommunen');
  const a = config.archive;
  return {
    arkivskaper: { id: a.arkivskaper.id ?? config.municipality?.orgNumber ?? (host.demo ? '999999999' : 'ukjent'), name: a.arkivskaper.name ?? municipality },
    archiveTitle: a.title ?? `${SYSTEM_NAME} – ${municipality}`,
    systemName: SYSTEM_NAME,
    systemVersion: host.version,
    timezone: config.timezone,
  };
}

/** The core's refusals as the hosts show them (not found / conflict), with the message as written. */
async function shown<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ArchivistError) throw new DeskError(e.code, e.message);
    throw e;
  }
}

/**
 * The archivist's desk (#16): deliveries and their refusals with retry, recreate and mark handled;
 * the løpende journal; exports (Noark 5 arkivuttrekk with the pre-check, Noark 4 deposit, the public
 * journal) as a job each; the audit trail with its chain check. Acts as the directory's current user.
 */
export function wireArchivist(d: ArchivistFeatureDeps): ArchivistFeature {
  const reader = d.repos.archiveExtract;
  const writers = d.writers ?? createArchivistWriters({ resourcesDir: d.links.resourcesDir, now: () => d.clock.now() });
  const personName = (account: string) => d.users.byAccount(account)?.name ?? account;
  const meta = archiveMeta(d.config, d.host);
  /**
   * The audit view's rows, newest first: streamed oldest first over the period and only the last
   * `limit` matches kept, so memory stays at one page whatever the trail's length.
   */
  const auditSearch = async (q: AuditSearch): Promise<AuditEntry[]> => {
    const kept: AuditEntry[] = [];
    for await (const e of reader.auditEntries(q.fromMs ?? 0, q.toMs ?? Number.MAX_SAFE_INTEGER)) {
      if (q.subject !== undefined && e.subject !== q.subject) continue;
      if (q.publicId !== undefined && !e.subject?.includes(q.publicId) && !JSON.stringify(e.details).includes(q.publicId)) continue;
      kept.push(e);
      if (kept.length > q.limit) kept.shift();
    }
    return kept.reverse();
  };
  const build = (exportRoot: string) => {
    // packages hold personal data (names, and fødselsnummer as a PNR class): a folder made here is the user's alone
    fs.mkdirSync(exportRoot, { recursive: true, mode: 0o700 });
    return createArchivistService({
      reader,
      store: d.repos.archivist,
      writers,
      outbox: d.outbox,
      uow: d.store.uow,
      audit: d.repos.audit,
      auditSearch,
      clock: d.clock,
      timezone: d.config.timezone,
      meta: () => meta,
      exportRoot,
      readFile: async (p) => new Uint8Array(await fs.promises.readFile(p)),
      personName,
      logger: d.logger,
    });
  };
  const service = build(path.resolve(d.exportDir));
  const me = () => ({ account: d.users.current().account });

  return {
    service,
    reader,
    serviceAt: (dir) => build(path.resolve(dir)),
    personName,
    handlers: {
      'archivist.deliveries': async (q) => toDeliveries(await service.deliveries(q), personName),
      'archivist.retry': ({ entryKey }) => shown(async () => toDeliveryRow(await service.retry(entryKey, me()), personName)),
      'archivist.recreateCaseFile': ({ entryKey, reason }) => shown(async () => toDeliveryRow(await service.recreateCaseFile(entryKey, reason, me()), personName)),
      'archivist.markHandled': ({ entryKey, note }) => shown(async () => toDeliveryRow(await service.markHandled(entryKey, note, me()), personName)),
      'archivist.journal': async (q) => {
        const r = await service.journal(q);
        const rows = [];
        for (const v of r.rows) rows.push(toJournalRow(v, v.row.publicId));
        return { rows, total: r.total, missing: r.missing };
      },
      'archivist.arkivdeler': () => service.arkivdeler(),
      'archivist.exportStart': (req) => shown(async () => toExport(await service.startExport(req, me()), personName)),
      'archivist.exportGet': ({ id }) => shown(async () => toExport(await service.exportGet(id), personName)),
      'archivist.exports': async ({ limit }) => (await service.exports(limit)).map((r) => toExport(r, personName)),
      'archivist.exportFile': ({ id, file }) =>
        shown(async () => {
          const f = await service.exportFile(id, file);
          return { filename: f.filename, contentType: f.contentType, base64: Buffer.from(f.bytes).toString('base64') };
        }),
      'archivist.publicJournalPreview': async ({ limit, ...range }) => {
        const r = await service.publicJournalPreview(range, limit);
        return { rows: r.rows.map(toPublicJournalRow), total: r.total };
      },
      'archivist.audit': async (q) => {
        const r = await service.audit(q);
        return { rows: r.rows.map((e) => toAuditRow(e, personName)), chain: r.chain };
      },
    },
    // one run per export; a run cut short by a restart starts over from the beginning (its folder is rewritten)
    jobs: [job({ type: EXPORT_JOB, schema: exportPayload, maxAttempts: 1, handle: ({ exportId }) => service.runExport(exportId) })],
    schedules: [],
  };
}
