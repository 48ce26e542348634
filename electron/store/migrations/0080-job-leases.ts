import type { Migration } from './migration';

/**
 * Job leases, for several hub nodes sharing one store: a claimed job records which node runs it
 * (`lease_owner`) and until when that node has promised to renew its claim (`lease_until`). A node
 * that dies stops renewing, and the others return its jobs to the queue once the lease has run
 * out, instead of every running job going back at start. Jobs claimed before this migration have
 * no lease (NULL), and are recovered the same way.
 */
export const m0080JobLeases: Migration = {
  version: 80,
  name: 'job-leases',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
      ALTER TABLE jobs ADD COLUMN lease_until INTEGER;
    `);
  },
};
