import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NsisUpdater } from 'electron-updater';
import YAML from 'yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../../electron/core/ports/updater.port';
import { createDesktopUpdater, updateErrorMessage, withoutCredentials } from '../../electron/main/updater';

/*
 * The real electron-updater (NsisUpdater, the Windows class municipalities install) against a local
 * update server. electron-updater is CommonJS loaded by Node itself and requires 'electron' lazily,
 * so vi.mock cannot reach it: the fake is put in Node's module cache under electron's path instead.
 * Its net.request is Node's http.request (the same request/response events Electron's net emits).
 */
const root = mkdtempSync(join(tmpdir(), 'pm-updater-'));
const fakeApp = Object.assign(new EventEmitter(), {
  getVersion: () => '1.0.0',
  getName: () => 'Postmottak',
  isPackaged: true,
  getAppPath: () => root,
  getPath: () => join(root, 'user-data'),
  whenReady: async () => undefined,
  quit: vi.fn(),
  relaunch: vi.fn(),
});
const fakeElectron = {
  app: fakeApp,
  session: { fromPartition: () => ({}) },
  net: {
    request: ({ session: _s, redirect: _r, ...options }: http.RequestOptions & { session?: unknown; redirect?: unknown }) => http.request(options),
  },
  autoUpdater: new EventEmitter(),
  shell: { openPath: vi.fn() },
};
const req = createRequire(import.meta.url);
const electronPath = req.resolve('electron');
const cached = req.cache[electronPath];

/** One release folder on the update server. */
interface Release {
  version: string;
  file: string;
  bytes: Buffer;
  /** The sha512 latest.yml declares (default: the file's). */
  declaredSha512?: string;
  /** Served in three parts with a pause, so the download reports progress before its end. */
  slow?: boolean;
}
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');
const installer = Buffer.alloc(96 * 1024, 7);
const releases: Record<string, Release> = {
  fast: { version: '1.1.0', file: 'Postmottak-Setup-1.1.0.exe', bytes: installer },
  slow: { version: '1.1.0', file: 'Postmottak-Setup-1.1.0.exe', bytes: installer, slow: true },
  bad: { version: '1.2.0', file: 'Postmottak-Setup-1.2.0.exe', bytes: installer, declaredSha512: sha512(Buffer.from('et annet bygg')) },
  same: { version: '1.0.0', file: 'Postmottak-Setup-1.0.0.exe', bytes: installer },
};
const requests: { url: string; authorization: string | undefined }[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  req.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fakeElectron } as unknown as NodeJS.Module;
  server = http.createServer((rq, rs) => {
    requests.push({ url: rq.url ?? '', authorization: rq.headers.authorization });
    const m = /^\/([a-z]+)\/([^/?]+)/.exec(rq.url ?? '');
    const rel = m ? releases[m[1]!] : undefined;
    if (!m || !rel) return void rs.writeHead(404).end();
    // latest.yml on Windows, latest-linux.yml and latest-mac.yml elsewhere (electron-updater's Provider)
    if (/^(latest|beta)[-a-z0-9]*\.yml$/.test(m[2]!)) {
      const yml = [
        `version: ${rel.version}`,
        'files:',
        `  - url: ${rel.file}`,
        `    sha512: ${rel.declaredSha512 ?? sha512(rel.bytes)}`,
        `    size: ${rel.bytes.length}`,
        `path: ${rel.file}`,
        `sha512: ${rel.declaredSha512 ?? sha512(rel.bytes)}`,
        "releaseDate: '2026-12-01T10:00:00.000Z'",
      ].join('\n');
      return void rs.writeHead(200, { 'content-type': 'text/yaml' }).end(yml);
    }
    if (m[2] !== rel.file) return void rs.writeHead(404).end(); // the blockmaps: full download instead
    rs.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(rel.bytes.length) });
    if (!rel.slow) return void rs.end(rel.bytes);
    const third = Math.floor(rel.bytes.length / 3);
    rs.write(rel.bytes.subarray(0, third));
    // electron-updater reports progress at most once a second, and the end always
    setTimeout(() => {
      rs.write(rel.bytes.subarray(third, 2 * third));
      setTimeout(() => rs.end(rel.bytes.subarray(2 * third)), 50);
    }, 1100);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (cached) req.cache[electronPath] = cached;
  else delete req.cache[electronPath];
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

let cacheHome: string;
const savedCache = process.env.XDG_CACHE_HOME;
const savedLocal = process.env.LOCALAPPDATA;
beforeEach(() => {
  // electron-updater keeps downloads under the OS cache folder: a fresh one per test
  cacheHome = mkdtempSync(join(root, 'cache-'));
  process.env.XDG_CACHE_HOME = cacheHome;
  process.env.LOCALAPPDATA = cacheHome;
  requests.length = 0;
});
afterEach(() => {
  process.env.XDG_CACHE_HOME = savedCache;
  process.env.LOCALAPPDATA = savedLocal;
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  if (savedLocal === undefined) delete process.env.LOCALAPPDATA;
});

function setup(folder: string, over: { url?: string; channel?: 'latest' | 'beta'; publisherName?: string[]; autoDownload?: boolean; shippedConfigPath?: string } = {}) {
  const logger = { log: vi.fn() };
  const lib = new NsisUpdater();
  const dataDir = mkdtempSync(join(root, 'data-'));
  const port = createDesktopUpdater({
    config: { url: over.url ?? `${base}/${folder}/`, channel: over.channel ?? 'latest', checkOnStart: false, autoDownload: over.autoDownload ?? false, publisherName: over.publisherName },
    dataDir,
    logger,
    updater: lib,
    shippedConfigPath: over.shippedConfigPath ?? null,
    now: () => 1_800_000_000_000,
  });
  const seen: UpdateState[] = [];
  port.onChange((s) => seen.push(s));
  return { lib, port, seen, logger, dataDir };
}

const until = async (port: { state(): UpdateState }, states: UpdateState['state'][], ms = 10_000) => {
  const end = Date.now() + ms;
  while (!states.includes(port.state().state)) {
    if (Date.now() > end) throw new Error(`state stayed ${JSON.stringify(port.state())}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return port.state();
};

describe('desktop updater (electron-updater, generic provider, local update server)', () => {
  it('check finds the newer version in latest.yml, from the configured folder and channel', async () => {
    const { port, seen, dataDir } = setup('fast');
    const s = await port.check();
    expect(s).toEqual({ state: 'available', version: '1.1.0', releaseDate: '2026-12-01T10:00:00.000Z' });
    expect(seen.map((x) => x.state)).toEqual(['checking', 'available']);
    expect(requests[0]!.url).toMatch(/^\/fast\/latest[-a-z0-9]*\.yml/);
    // the feed electron-updater reads, written from the config
    expect(YAML.parse(readFileSync(join(dataDir, 'updates', 'app-update.yml'), 'utf8'))).toMatchObject({ provider: 'generic', url: `${base}/fast/`, channel: 'latest' });
  });

  it('says up to date when the server has this version', async () => {
    const { port } = setup('same');
    expect(await port.check()).toEqual({ state: 'up-to-date', checkedAt: 1_800_000_000_000 });
  });

  it('asks the beta channel for beta.yml', async () => {
    const { port } = setup('fast', { channel: 'beta' });
    await port.check();
    expect(requests[0]!.url).toMatch(/^\/fast\/beta[-a-z0-9]*\.yml/);
  });

  it('download reports progress and completes with the verified installer in the cache', async () => {
    const { port, seen } = setup('slow');
    await port.check();
    const done = await port.download();
    expect(done).toEqual({ state: 'downloaded', version: '1.1.0' });
    const progress = seen.filter((s): s is Extract<UpdateState, { state: 'downloading' }> => s.state === 'downloading');
    // the start, at least one report part-way (after the pause), and 100 %
    expect(progress.some((p) => p.percent > 0 && p.percent < 100 && p.bytesPerSecond > 0)).toBe(true);
    expect(progress.at(-1)!.percent).toBe(100);
    expect(progress.every((p) => p.version === '1.1.0')).toBe(true);
    const pending = join(cacheHome, 'postmottak-updater', 'pending');
    expect(readFileSync(join(pending, 'Postmottak-Setup-1.1.0.exe')).equals(installer)).toBe(true);
  });

  it('a file whose sha512 does not match latest.yml ends in the error state, with a clear message, and is not kept', async () => {
    const { port } = setup('bad');
    expect((await port.check()).state).toBe('available');
    const s = await port.download();
    expect(s.state).toBe('error');
    expect(s.state === 'error' && s.message).toMatch(/stemmer ikke med sha512.*forkastet og ikke installert/);
    const pending = join(cacheHome, 'postmottak-updater', 'pending');
    expect(existsSync(pending) ? readdirSync(pending).filter((f) => f.endsWith('.exe')) : []).toEqual([]);
  });

  it('with publisherName, the Windows signature check gets those names, and a wrong signer is refused', async () => {
    const { lib, port } = setup('fast', { publisherName: ['Bergen kommune'] });
    // Authenticode is checked with PowerShell on Windows; here the check itself is stubbed, the names come from app-update.yml
    const verify = vi.fn(async (names: string[]) => `publisherNames: ${names.join(', ')}, raw info: CN=Noen andre`);
    lib.verifyUpdateCodeSignature = verify;
    await port.check();
    const s = await port.download();
    expect(verify).toHaveBeenCalledWith(['Bergen kommune'], expect.stringContaining('Postmottak-Setup-1.1.0.exe'));
    expect(s.state === 'error' && s.message).toMatch(/ikke signert av den utgiveren som er satt i updates.publisherName/);
  });

  it('without publisherName in the config, the names the signed build shipped in its app-update.yml apply', async () => {
    const shipped = join(mkdtempSync(join(root, 'resources-')), 'app-update.yml');
    // as electron-builder writes it for a signed Windows build
    writeFileSync(shipped, 'owner: kommunen\npublisherName:\n  - Leverandør AS\nupdaterCacheDirName: postmottak-updater\n');
    const { lib, port } = setup('fast', { shippedConfigPath: shipped });
    const verify = vi.fn(async (): Promise<string | null> => null);
    lib.verifyUpdateCodeSignature = verify;
    await port.check();
    expect(await port.download()).toEqual({ state: 'downloaded', version: '1.1.0' });
    expect(verify).toHaveBeenCalledWith(['Leverandør AS'], expect.any(String));
  });

  it('install quits and installs the downloaded version (silently, starting again after)', async () => {
    const { lib, port } = setup('fast');
    const quitAndInstall = vi.spyOn(lib, 'quitAndInstall').mockImplementation(() => undefined);
    await port.check();
    await port.download();
    port.installOnRestart();
    expect(quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('autoDownload: the check downloads by itself', async () => {
    const { port } = setup('fast', { autoDownload: true });
    await port.check();
    expect(await until(port, ['downloaded', 'error'])).toEqual({ state: 'downloaded', version: '1.1.0' });
  });

  it('credentials in the URL go as a Basic header, never into the file, the state or the log', async () => {
    const { port, logger, dataDir } = setup('missing', { url: `http://it-drift:Hemmelig-42@127.0.0.1:${new URL(base).port}/missing/` });
    const s = await port.check();
    expect(s.state).toBe('error');
    expect(s.state === 'error' && s.message).toContain(`Fant ikke oppdateringsinformasjonen (latest.yml for kanalen) på ${base}/missing/`);
    expect(requests[0]!.authorization).toBe(`Basic ${Buffer.from('it-drift:Hemmelig-42').toString('base64')}`);
    const everything = JSON.stringify([s, logger.log.mock.calls, readFileSync(join(dataDir, 'updates', 'app-update.yml'), 'utf8')]);
    expect(everything).not.toContain('Hemmelig-42');
  });
});

describe('update error messages', () => {
  it('name what to do, without credentials', () => {
    const src = withoutCredentials('https://a:b@oppdatering.kommune.no/postmottak/');
    expect(src).toBe('https://oppdatering.kommune.no/postmottak/');
    expect(updateErrorMessage(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), src)).toMatch(/Fikk ikke kontakt med oppdateringsserveren https:\/\/oppdatering.kommune.no\/postmottak\/ .*Sjekk adressen/);
    expect(updateErrorMessage(new Error('failed at https://x:y@h/z'), src)).not.toContain('x:y');
    expect(updateErrorMessage(Object.assign(new Error('Forbidden'), { statusCode: 403 }), src)).toMatch(/HTTP 403/);
  });
});
