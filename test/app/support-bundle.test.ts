import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/app/logger';
import { buildSupportBundle, configWithoutSecrets } from '../../electron/app/logs/support-bundle';
import type { HubResult } from '../../electron/ipc';
import { testHub } from '../helpers/test-hub';
import { storeKinds } from '../helpers/test-store';
import { tempDir } from '../helpers/temp-dir';
import { untarGz } from '../helpers/untar';

const T0 = Date.UTC(2026, 11, 7, 9);
const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  '-----END PRIVATE KEY-----',
].join('\n');
const SECRETS = { 'maskinporten.key': PEM, 'smtp.password': 'Sm7p-passord-2026!', 'archive.token': 'tok_9f8e7d6c5b4a' };
/** A valid fødselsnummer (its check digits hold). */
const FNR = '01017000027';

/** Every byte of every entry as text, with the entry's name. */
const texts = (entries: Map<string, { bytes: Buffer }>) => [...entries].map(([name, e]) => ({ name, text: e.bytes.toString('latin1') }));
const leaks = (entries: Map<string, { bytes: Buffer }>, needles: string[]) =>
  texts(entries).flatMap(({ name, text }) => [
    ...(text.match(/(?<!\d)\d{11}(?!\d)/g) ?? []).map((n) => `${name}: eleven digits ${n.slice(0, 6)}*****`),
    ...needles.filter((s) => text.includes(s)).map((s) => `${name}: secret ${s.slice(0, 4)}…`),
  ]);
const secretLines = () => Object.values(SECRETS).flatMap((v) => v.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----')).concat(v.includes('\n') ? [] : [v]));

describe('support bundle', () => {
  it('keeps secret references as names, hides inline credentials and credentials in URLs', () => {
    const shown = configWithoutSecrets({
      integrations: {
        archive: { url: 'https://arkiv:hemmelig@arkiv.kommune.no/n5', clientSecret: { secret: 'archive.client' }, password: 'inline-passord', timeoutMs: 5000 },
        smtp: { auth: { user: 'postmottak', pass: 'x-y-z-w' }, apiKey: 12345 },
      },
      people: ['01017012345'],
    });
    expect(shown).toEqual({
      integrations: {
        archive: { url: 'https://arkiv.kommune.no/n5', clientSecret: { secret: 'archive.client' }, password: '[skjult]', timeoutMs: 5000 },
        smtp: { auth: { user: 'postmottak', pass: '[skjult]' }, apiKey: '[skjult]' },
      },
      people: ['010170*****'],
    });
  });

  it('packs logs (rotated too), config, parts and a manifest, with no fødselsnummer or secret value in any byte', async () => {
    const file = path.join(tempDir(), 'logs', 'postmottak.log');
    let now = T0;
    const log = createLogger({ level: 'info', file, stderr: false, now: () => now, maxSizeMB: 1 / 1024 });
    for (let i = 0; i < 40; i++) {
      now += 1000;
      log.log('info', `fetched ${i}`, { i, token: SECRETS['archive.token'] });
    }
    log.close();
    // what an older version or a careless adapter may have left: a number and secrets in clear, a PEM inside JSON
    fs.appendFileSync(file, `${JSON.stringify({ t: new Date(now).toISOString(), level: 'error', msg: `refused ${FNR}`, detail: `key was ${PEM} pw ${SECRETS['smtp.password']}` })}\nplain text line with 010170 12345 and tok_9f8e7d6c5b4a\n`);
    const bundle = await buildSupportBundle({
      logFile: file,
      config: { version: 1, integrations: { archive: { clientSecret: { secret: 'archive.client' }, password: SECRETS['smtp.password'] } } },
      parts: { status: async () => ({ queued: 3, note: `last error for ${FNR}` }), health: async () => ({ state: 'degradert' }), broken: async () => Promise.reject(new Error(`down for ${FNR}`)) },
      secretValues: async () => Object.values(SECRETS),
      now: T0,
    });
    expect(bundle.filename).toBe('postmottak-stottepakke-2026-12-07T09-00-00-000Z.tar.gz');
    expect(bundle.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const entries = await untarGz(bundle.bytes);
    const root = 'postmottak-stottepakke-2026-12-07T09-00-00-000Z';
    const names = [...entries.keys()].map((n) => n.slice(root.length + 1));
    expect(names.slice(0, 5)).toEqual(['manifest.json', 'config.json', 'status.json', 'health.json', 'broken.json']);
    expect(names.filter((n) => n.startsWith('logs/')).length).toBeGreaterThan(2); // the active file and rotated ones
    expect(names).toContain('logs/postmottak.log.1');
    for (const e of entries.values()) expect(e.mode).toBe(0o600);

    const read = (n: string) => entries.get(`${root}/${n}`)!.bytes.toString('utf8');
    const manifest = JSON.parse(read('manifest.json')) as { files: { name: string }[]; scrubbed: { fodselsnummer: number; secrets: number }; problems: string[] };
    expect(manifest.files.map((f) => f.name)).toEqual(names.slice(1));
    // status.json carried the number in clear (the log lines were masked already when read back)
    expect(manifest.scrubbed.fodselsnummer).toBe(1);
    // the PEM and the password in the planted line, the token in the plain line
    expect(manifest.scrubbed.secrets).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(read('status.json'))).toEqual({ queued: 3, note: 'last error for 010170*****' });
    expect(manifest.problems).toEqual(['broken: down for 010170*****']);
    expect(JSON.parse(read('config.json'))).toEqual({ version: 1, integrations: { archive: { clientSecret: { secret: 'archive.client' }, password: '[skjult]' } } });
    expect(JSON.parse(read('health.json'))).toEqual({ state: 'degradert' });
    // the logs are readable JSON lines, oldest first within a file
    const active = read('logs/postmottak.log').trim().split('\n');
    expect(active.at(-1)).toBe('plain text line with 010170***** and [skjult]');
    expect(JSON.parse(active.at(-2)!)).toMatchObject({ level: 'error', msg: 'refused 010170*****' });
    expect(leaks(entries, [...secretLines(), FNR])).toEqual([]);
  });

  it.each(storeKinds())('through the hub (%s): it-admin only, with versions, status, health and jobs, audited, and no SecretStore value inside', async (kind) => {
    const { hub, dataDir } = await testHub({ logger: undefined }, {}, { store: kind });
    try {
      for (const [k, v] of Object.entries(SECRETS)) await hub.secrets.set(k, v);
      // a leak planted in the log: the bundle must still not carry it
      fs.appendFileSync(path.join(dataDir, 'logs', 'postmottak.log'), `${JSON.stringify({ t: new Date().toISOString(), level: 'warn', msg: 'oops', detail: SECRETS['smtp.password'] })}\n`);
      await hub.invoke('session.switchUser', { account: 'kari' });
      const refused = (await hub.invoke('logs.supportBundle', {})) as HubResult<unknown>;
      expect(refused.ok ? 'ok' : refused.error.code).toBe('forbidden');
      await hub.invoke('session.switchUser', { account: 'ida' });
      const r = (await hub.invoke('logs.supportBundle', {})) as HubResult<{ filename: string; contentType: string; base64: string }>;
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.contentType).toBe('application/gzip');
      const entries = await untarGz(Buffer.from(r.value.base64, 'base64'));
      const byName = new Map([...entries].map(([n, e]) => [n.split('/').slice(1).join('/'), e.bytes.toString('utf8')]));
      expect([...byName.keys()]).toEqual(expect.arrayContaining(['manifest.json', 'config.json', 'versions.json', 'status.json', 'health.json', 'jobs.json', 'logs/postmottak.log']));
      const versions = JSON.parse(byName.get('versions.json')!) as Record<string, unknown>;
      expect(versions).toMatchObject({ app: '0.0.0-test', node: process.versions.node, store: kind, platform: process.platform });
      if (kind === 'sqlite') {
        expect(versions.sqlite).toMatch(/^3\.\d+/);
        expect(versions.schemaVersion).toBe(versions.schemaVersionOfApp);
      } else {
        expect(versions.postgres).toMatch(/^\d+\.\d+/);
        expect(versions.schemaVersion).toEqual(expect.any(Number));
      }
      expect(JSON.parse(byName.get('status.json')!)).toHaveProperty('jobs');
      expect(JSON.parse(byName.get('health.json')!)).toHaveProperty('state');
      expect(byName.get('logs/postmottak.log')).toContain('hub started');
      expect(leaks(entries, secretLines())).toEqual([]);
      const audit = await hub.audit.recent(5);
      expect(audit.find((a) => a.action === 'logs.supportBundle')).toMatchObject({ actor: 'ida', details: { filename: r.value.filename } });

      // the viewer: the same log, newest first, for it-admin only
      const page = (await hub.invoke('logs.query', { text: 'hub started' })) as HubResult<{ entries: { msg: string }[]; files: number }>;
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value.entries.map((e) => e.msg)).toEqual(['hub started']);
      await hub.invoke('session.switchUser', { account: 'arne' });
      const notArchivist = (await hub.invoke('logs.query', {})) as HubResult<unknown>;
      expect(notArchivist.ok ? 'ok' : notArchivist.error.code).toBe('forbidden');
    } finally {
      await hub.stop();
    }
  });
});
