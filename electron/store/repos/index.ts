import type { Store } from '../open-store';
import { createArchiveExtractRepo } from './archive-extract.repo';
import { createArchiveRepo } from './archive.repo';
import { createArchivistRepo } from './archivist.repo';
import { createAlertsRepo } from './alerts.repo';
import { createAuditRepo } from './audit.repo';
import { createDeskRepo } from './desk.repo';
import { createDesignsRepo } from './designs.repo';
import { createHandoversRepo } from './handovers.repo';
import { createHealthRepo } from './health.repo';
import { createJobsRepo } from './jobs.repo';
import { createMetaRepo } from './meta.repo';
import { createQuarantineRepo } from './quarantine.repo';
import { createRegisterCacheRepo, createRepliesRepo } from './replies.repo';
import { createRetentionRepo } from './retention.repo';
import { createSchedulesRepo } from './schedules.repo';
import { createSubmissionsRepo } from './submissions.repo';

/** Every repository over one open store, SQLite or PostgreSQL: what the composition root hands the features. */
export function createRepos(store: Pick<Store, 'sql' | 'uow'>) {
  const { sql, uow } = store;
  return {
    jobs: createJobsRepo(sql),
    audit: createAuditRepo(sql, uow),
    meta: createMetaRepo(sql),
    schedules: createSchedulesRepo(sql),
    submissions: createSubmissionsRepo(sql, uow),
    archive: createArchiveRepo(sql, uow),
    desk: createDeskRepo(sql, uow),
    replies: createRepliesRepo(sql, uow),
    registerCache: createRegisterCacheRepo(sql),
    quarantine: createQuarantineRepo(sql, uow),
    handovers: createHandoversRepo(sql),
    designs: createDesignsRepo(sql, uow),
    archiveExtract: createArchiveExtractRepo(sql),
    archivist: createArchivistRepo(sql, uow),
    // #17 IT administration
    health: createHealthRepo(sql, uow),
    alerts: createAlertsRepo(sql, uow),
    retention: createRetentionRepo(sql, uow),
  };
}

export type Repos = ReturnType<typeof createRepos>;
