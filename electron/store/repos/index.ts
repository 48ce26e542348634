import type Database from 'better-sqlite3';
import { createArchiveRepo } from './archive.repo';
import { createAuditRepo } from './audit.repo';
import { createDeskRepo } from './desk.repo';
import { createJobsRepo } from './jobs.repo';
import { createMetaRepo } from './meta.repo';
import { createQuarantineRepo } from './quarantine.repo';
import { createRegisterCacheRepo, createRepliesRepo } from './replies.repo';
import { createSchedulesRepo } from './schedules.repo';
import { createSubmissionsRepo } from './submissions.repo';

/** Every repository over one open database: what the composition root hands the features. */
export function createRepos(db: Database.Database) {
  return {
    jobs: createJobsRepo(db),
    audit: createAuditRepo(db),
    meta: createMetaRepo(db),
    schedules: createSchedulesRepo(db),
    submissions: createSubmissionsRepo(db),
    archive: createArchiveRepo(db),
    desk: createDeskRepo(db),
    replies: createRepliesRepo(db),
    registerCache: createRegisterCacheRepo(db),
    quarantine: createQuarantineRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;
