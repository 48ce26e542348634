import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a system program is on PATH, or null. Looked up on PATH (never a fixed /usr/bin path),
 * so a PATH that hides a tool (test/helpers/without-system-tools.sh) hides it from the tests too.
 */
export function findOnPath(name: string, envPath = process.env['PATH'] ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
