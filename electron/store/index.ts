export { openStore, STORE_FILE, type Store, type OpenStoreOptions } from './open-store';
export { migrate, latestVersion, schemaVersion, StoreTooNewError } from './migrate';
export { migrations } from './migrations';
export { backupStore, restoreStore, BackupInvalidError } from './backup';
export { createJobsRepo } from './repos/jobs.repo';
export { createAuditRepo } from './repos/audit.repo';
export { createSchedulesRepo } from './repos/schedules.repo';
export { createMetaRepo, type MetaRepo } from './repos/meta.repo';
export { createSubmissionsRepo } from './repos/submissions.repo';
