import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { extract } from 'tar-stream';

/** The entries of a .tar.gz as name → bytes, with their modes. */
export async function untarGz(bytes: Buffer): Promise<Map<string, { bytes: Buffer; mode: number | undefined }>> {
  const out = new Map<string, { bytes: Buffer; mode: number | undefined }>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
      stream.on('end', () => {
        out.set(header.name, { bytes: Buffer.concat(chunks), mode: header.mode });
        next();
      });
      stream.on('error', reject);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  Readable.from([zlib.gunzipSync(bytes)]).pipe(ex);
  await done;
  return out;
}
