import fs from 'node:fs';
import path from 'node:path';

/**
 * The shipped resources/ folder (profiles, WSDLs, schemas): beside the project in
 * development and in the built app (out/main → ../../resources), or in Electron's
 * resources path when packaged.
 */
export function resourcesDir(start: string = __dirname): string {
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && fs.existsSync(path.join(packaged, 'resources', 'profiles'))) return path.join(packaged, 'resources');
  for (let d = start, i = 0; i < 6; i++, d = path.dirname(d)) {
    const candidate = path.join(d, 'resources');
    if (fs.existsSync(path.join(candidate, 'profiles'))) return candidate;
  }
  throw new Error(`Finner ikke resources-mappen (lette oppover fra ${start}).`);
}
