/** The data folder and the disk it is on (#17 item 6): what the Drift screen shows and the disk alert watches. */
export interface DiskInfo {
  dataDir: string;
  /** Everything under the data folder (database, files moved out, backups, logs, exports). */
  dataBytes: number;
  databaseBytes: number;
  freeBytes: number;
  totalBytes: number;
}

export interface DiskWatch {
  disk(): Promise<DiskInfo>;
}
