import { m0010Initial } from './0010-initial';
import { m0020Submissions } from './0020-submissions';
import { m0030Archive } from './0030-archive';
import { m0040Desk } from './0040-desk';
import { m0050Replies } from './0050-replies';
import { m0060JobsWithoutPersonNumbers } from './0060-jobs-without-person-numbers';
import { m0070Quarantine } from './0070-quarantine';
import { m0080JobLeases } from './0080-job-leases';
import { m0090Routing } from './0090-routing';
import { m0100Archivist } from './0100-archivist';
import { m0110Health } from './0110-health';
import { m0120Alerts } from './0120-alerts';
import { m0130Retention } from './0130-retention';
import { m0140SendBack } from './0140-send-back';
import type { Migration } from './migration';

/** The explicit, ordered list. A new migration is appended here, never inserted. */
export const migrations: readonly Migration[] = [m0010Initial, m0020Submissions, m0030Archive, m0040Desk, m0050Replies, m0060JobsWithoutPersonNumbers, m0070Quarantine, m0080JobLeases, m0090Routing, m0100Archivist, m0110Health, m0120Alerts, m0130Retention, m0140SendBack];

export type { Migration };
