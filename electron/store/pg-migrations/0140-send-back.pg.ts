import { CASE_EVENT_KINDS_0140, CASE_STATUS_CHECK_0140, statusRank } from '../migrations/0140-send-back';
import type { PgMigration } from './pg-migration';

/** Step 0140 on PostgreSQL, as on SQLite (migrations/0140-send-back.ts): the status `returned`, the kinds `sent-back` and `letter-rejected`, the status order. */
export const pg0140SendBack: PgMigration = {
  version: 140,
  name: 'send-back',
  up: async (client) =>
    void (await client.query(`
      ALTER TABLE cases DROP CONSTRAINT cases_status_check;
      ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN ${CASE_STATUS_CHECK_0140});
      ALTER TABLE case_events DROP CONSTRAINT case_events_kind_check;
      ALTER TABLE case_events ADD CONSTRAINT case_events_kind_check CHECK (kind IN ${CASE_EVENT_KINDS_0140});
      DROP INDEX cases_status_rank;
      CREATE INDEX cases_status_rank ON cases ((${statusRank()}), received_at);
    `)),
};
