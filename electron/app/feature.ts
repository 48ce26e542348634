import type { CaseAccess } from '../core/desk/case-access';
import type { Clock } from '../core/ports/clock.port';
import type { Leadership } from '../core/ports/leadership.port';
import type { Logger } from '../core/ports/logger.port';
import type { Outbox } from '../core/ports/outbox.port';
import type { ChannelName } from '../ipc';
import type { JobDefinition, JobRunner, ScheduleDefinition } from '../jobs';
import type { Repos, Store } from '../store';
import type { AppConfig } from './config/config.schema';
import type { Links } from './connect-integrations';
import type { UserDirectory } from './desk-users';
import type { Emit } from './hub-events';
import type { HandlersFor } from './invoke';
import type { LabelsOf } from './views/profile-labels';

/**
 * One capability, wired: its contract handlers, its job definitions, its schedules, and what it
 * does when the hub starts and stops. Features never import each other: what one needs from
 * another comes through its deps as a core service or port.
 */
export interface Feature<C extends ChannelName = never> {
  handlers: HandlersFor<C>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions are heterogenous by payload type
  jobs: JobDefinition<any>[];
  schedules: ScheduleDefinition[];
  onStart?(): void | Promise<void>;
  onStop?(): void | Promise<void>;
}

/** What the composition root hands every feature. */
export interface FeatureDeps {
  host: { demo: boolean; host: 'electron' | 'headless' | 'test'; version: string; actor: string; node: string };
  config: AppConfig;
  store: Store;
  repos: Repos;
  runner: JobRunner;
  /** The job queue as core sees it: jobs written in the caller's transaction. */
  outbox: Outbox;
  /** Which node drives what, when several share the store (SQLite: this one, always). */
  leadership: Leadership;
  clock: Clock;
  logger: Logger;
  links: Links;
  users: UserDirectory;
  labels: LabelsOf;
  cases: CaseAccess;
  emit: Emit;
}

/** A submission just stored, as ingest reports it inside the storing transaction. */
export interface StoredSubmission {
  id: number;
  publicId: string;
  quarantined: boolean;
  profileId: string | null;
  receivedAt: number;
}

/** A job definition with its payload type inferred from its schema. */
export const job = <P>(def: JobDefinition<P>): JobDefinition<P> => def;
