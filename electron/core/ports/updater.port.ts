/**
 * App updates (#17 item 7). The desktop host implements it with electron-updater's generic
 * provider against the municipality's own update server; the headless host has none.
 */
export type UpdateState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'up-to-date'; checkedAt: number }
  | { state: 'available'; version: string; releaseDate: string | null }
  | { state: 'downloading'; version: string; percent: number; bytesPerSecond: number }
  | { state: 'downloaded'; version: string }
  | { state: 'error'; message: string };

export interface UpdaterPort {
  state(): UpdateState;
  check(): Promise<UpdateState>;
  download(): Promise<UpdateState>;
  /** Quits and installs the downloaded update. */
  installOnRestart(): void;
  onChange(listener: (s: UpdateState) => void): () => void;
}
