import fs from 'node:fs';
import path from 'node:path';

/** A WSDL the app ships under resources/wsdl/altinn2/, found upwards from here (source tree or bundle). */
export function altinn2WsdlPath(file: string): string {
  const rel = path.join('resources', 'wsdl', 'altinn2', file);
  for (let dir = __dirname, i = 0; i < 8; i++, dir = path.dirname(dir)) {
    const p = path.join(dir, rel);
    if (fs.existsSync(p)) return p;
  }
  return path.resolve(rel);
}
