/**
 * Postmottak runs on Node 24 (the project brings it: the exact devDependency `node`). An older Node
 * fails deep inside better-sqlite3 (Node 20 dies with a segmentation fault and prints nothing), so the
 * entries check first, before anything loads the native module, and say what to do in one sentence.
 * No imports: this runs before the rest of the host is loaded.
 */
export const REQUIRED_NODE_MAJOR = 24;

export type GuardedEntry = 'cli' | 'start';

const HOW: Record<GuardedEntry, string> = {
  cli: 'npx postmottak … eller npm run postmottak -- …',
  start: 'npm start',
};

/** The sentence to print when `version` (process.versions.node) is too old, or null when it will do. */
export function oldNodeMessage(version: string, entry: GuardedEntry): string | null {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (Number.isFinite(major) && major >= REQUIRED_NODE_MAJOR) return null;
  return `Postmottak trenger Node ${REQUIRED_NODE_MAJOR} eller nyere (du har Node ${version}), så kjør den fra prosjektmappa med Node ${REQUIRED_NODE_MAJOR} som prosjektet har med seg etter npm ci: ${HOW[entry]}`;
}

/** Prints the sentence and sets exit code 1 when this Node is too old; true when the caller may go on. */
export function checkNode(entry: GuardedEntry, version = process.versions.node, stderr: { write(s: string): unknown } = process.stderr): boolean {
  const problem = oldNodeMessage(version, entry);
  if (!problem) return true;
  stderr.write(`${problem}\n`);
  process.exitCode = 1;
  return false;
}
