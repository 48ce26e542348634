import type Database from 'better-sqlite3';

export interface Migration {
  /** Steps of 10: 10, 20, 30 … the version PRAGMA user_version holds after it ran. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}
