import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRepos, latestVersion, openStore, STORE_FILE } from '../../electron/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleEntry } from '../helpers/bundled-entry';
import { nodeArgs } from '../helpers/child-worker';
import { freshSchema, pgServer } from '../helpers/test-store';
import { tempDir } from '../helpers/temp-dir';

const CLI = path.resolve(__dirname, '../../electron/headless/cli.ts');
const env = { ...process.env, XDG_CONFIG_HOME: '/nonexistent-pm-test', DISPLAY: '', WAYLAND_DISPLAY: '' };
/** How node runs the CLI: its source compiled once for the file (bundleEntry), not by tsx in each of the ~30 runs. */
let cliRun = nodeArgs(CLI);
beforeAll(async () => {
  cliRun = nodeArgs(await bundleEntry(CLI));
});

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [...cliRun, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('postmottak CLI', () => {
  it('migrates, reports status as JSON, backs up, verifies the audit log and restores', () => {
    const data = tempDir();
    expect(cli(['--data', data, 'migrate'])).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`oppgradert fra versjon 0 til ${latestVersion()}`)) });
    expect(cli(['--data', data, 'migrate']).out).toMatch(new RegExp(`allerede på versjon ${latestVersion()}`));
    const st = cli(['--data', data, 'status', '--json']);
    expect(st.code).toBe(0);
    // a named data folder without a config is not the demo (#12 item 6; it used to say demo: true)
    expect(JSON.parse(st.out)).toMatchObject({ demo: false, store: { schemaVersion: latestVersion() }, jobs: { queued: 0 } });
    const out = path.join(data, 'copy.db');
    expect(cli(['--data', data, 'backup', '--out', out])).toMatchObject({ code: 0 });
    expect(fs.existsSync(out)).toBe(true);
    expect(cli(['--data', data, 'audit', 'verify'])).toMatchObject({ code: 0, out: expect.stringMatching(/hel/) });
    expect(cli(['--data', data, 'restore', out])).toMatchObject({ code: 0, out: expect.stringMatching(/Gjenopprettet/) });
  });

  it('migrates, reports status and verifies the audit log on a PostgreSQL store named by the config; refuses backup there (#19)', () => {
    const data = tempDir();
    const { url, password } = pgServer();
    const file = path.join(data, 'pm.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, store: { kind: 'postgres', url: url.toString(), password: { secret: 'db.password' }, schema: freshSchema() } }));
    // headless secrets come from the environment: POSTMOTTAK_SECRET_<NAME>
    const run = (args: string[]) => {
      const r = spawnSync(process.execPath, [...cliRun, '--data', data, '--config', file, ...args], {
        encoding: 'utf8',
        env: { ...env, POSTMOTTAK_SECRET_DB_PASSWORD: password },
        timeout: 60_000,
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const m = run(['migrate']);
    expect(m).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`oppgradert fra versjon 0 til ${latestVersion()}`)) });
    // the address is shown without the password
    expect(m.out).toContain('postgres://postgres@127.0.0.1');
    expect(m.out).not.toContain(password);
    const st = run(['status', '--json']);
    expect(st.code).toBe(0);
    expect(JSON.parse(st.out)).toMatchObject({ store: { kind: 'postgres', schemaVersion: latestVersion() } });
    expect(run(['audit', 'verify'])).toMatchObject({ code: 0, out: expect.stringMatching(/hel/) });
    expect(run(['backup'])).toMatchObject({ code: 2, err: expect.stringMatching(/pg_dump/) });
  });

  it('answers status without connecting to Altinn; serve names the secret it cannot find', () => {
    const data = tempDir();
    const file = path.join(data, 'pm.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        integrations: {
          altinn: {
            platformUrl: 'https://platform.altinn.no',
            org: 'kommune',
            maskinporten: { tokenUrl: 'https://maskinporten.no/token', audience: 'https://maskinporten.no/', clientId: 'c', kid: 'k', privateKey: { secret: 'altinn.key' } },
          },
        },
      }),
    );
    const st = cli(['--data', data, '--config', file, 'status', '--json']);
    expect(st.code).toBe(0);
    expect(JSON.parse(st.out)).toMatchObject({ demo: false });
    const serve = cli(['--data', data, '--config', file, 'serve', '--no-open']);
    expect(serve.code).toBe(1);
    expect(serve.err).toMatch(/Hemmeligheten «altinn\.key»/);
  });

  it('names the bad key of a config file and exits 2', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pm.yaml');
    fs.writeFileSync(file, 'version: 1\njobs:\n  concurrency: 99\n');
    const r = cli(['config', 'check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/jobs\.concurrency/);
    fs.writeFileSync(file, 'version: 1\n');
    expect(cli(['config', 'check', file])).toMatchObject({ code: 0, out: expect.stringMatching(/gyldig/) });
  });

  it('exports the mapping IT activated in the designer, not the profile file it started from (#15)', async () => {
    const a = tempDir();
    expect(cli(['--data', a, 'migrate']).code).toBe(0);
    const store = openStore(path.join(a, STORE_FILE));
    const ref = { kind: 'mapping' as const, profileId: 'helse-omsorg', target: 'gerica' };
    const designs = createRepos(store).designs;
    await store.uow.run(async () => {
      await designs.seed(ref, '{ "fra": "fil" }', 'profil', 1);
      await designs.saveDraft(ref, '{ "fra": "designer" }', 'ida', null, 2);
      await designs.activate(ref, 2, 'ida', 3);
    });
    await store.close();
    const file = path.join(a, 'helse.json');
    expect(cli(['--data', a, 'profiles', 'export', 'helse-omsorg', '--out', file]).code).toBe(0);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { files: Record<string, { text: string }> };
    expect(exported.files['mappings/gerica.jsonata']?.text).toBe('{ "fra": "designer" }');
  });

  it('shares a service profile as one file: export in one municipality, import in another, copy with changes', () => {
    const a = tempDir();
    const b = tempDir();
    const file = path.join(a, 'helse.json');
    expect(cli(['--data', a, 'profiles', 'export', 'helse-omsorg', '--out', file]).code).toBe(0);
    // the receiving municipality renames it so it does not clash with its own shipped copy
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    exported.profile.id = 'helse-omsorg-nabo';
    exported.profile.sources = { altinn3: { app: 'helse-nabo' } };
    fs.writeFileSync(file, JSON.stringify(exported));
    expect(cli(['--data', b, 'profiles', 'import', file])).toMatchObject({ code: 0, out: expect.stringMatching(/helse-omsorg-nabo v1 er installert/) });
    expect(cli(['--data', b, 'profiles', 'list']).out).toMatch(/helse-omsorg-nabo\tv1\tkommunens/);
    // a tampered file is refused by its checksum
    exported.files['form.xsd'].text += '<!-- endret -->';
    fs.writeFileSync(file, JSON.stringify(exported));
    expect(cli(['--data', b, 'profiles', 'import', file])).toMatchObject({ code: 1, err: expect.stringMatching(/sjekksummen/) });
    const patch = path.join(a, 'patch.json');
    fs.writeFileSync(patch, JSON.stringify({ sources: { altinn3: { app: 'kort-permisjon' }, altinn2: null } }));
    expect(cli(['--data', a, 'profiles', 'copy', 'permisjon-skole', 'kort-permisjon', '--patch', patch])).toMatchObject({ code: 0, out: expect.stringMatching(/sources\.altinn3\.app/) });
    expect(cli(['--data', a, 'profiles', 'list']).out).toMatch(/kort-permisjon\tv1\tkommunens\t.*kopi av permisjon-skole v1/);
  });

  /** Runs `postmottak simulate …` until it prints the config file it wrote, and a hub configured by that file. */
  async function simulateCommand(data: string, args: string[]) {
    const child = spawn(process.execPath, [...cliRun, '--data', data, 'simulate', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const configFile = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Konfigurasjon som peker hit: (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(out)));
    });
    const hub = async (secretsFile: string) => {
      const { createHub } = await import('../../electron/app/create-hub');
      const { loadConfig } = await import('../../electron/app/config/load-config');
      const { createFileSecretStore } = await import('../../electron/app/secrets/file-secret-store');
      const { silentLogger } = await import('../../electron/core/ports/logger.port');
      return createHub({ dataDir: path.join(data, 'pm'), config: loadConfig(configFile).config, demo: false, host: 'test', version: 't', secrets: createFileSecretStore(secretsFile), actor: 't', logger: silentLogger });
    };
    return { child, out: () => out, hub };
  }

  it('simulate altinn runs the simulator on its own, with a config that points Postmottak at it', async () => {
    const data = tempDir();
    const sim = await simulateCommand(data, ['altinn', '--count', '6', '--seed', '3']);
    try {
      expect(sim.out()).toMatch(/Altinn-simulatoren kjører på http:\/\/127\.0\.0\.1:\d+/);
      const secrets = path.join(data, 'simulator', 'secrets.json');
      expect(fs.statSync(secrets).mode & 0o777).toBe(0o600);
      // the real hub, configured by that file, pulls the six submissions
      const hub = await sim.hub(secrets);
      try {
        await expect
          .poll(
            async () => {
              const c = await hub.submissions.counts();
              return c.received + c.quarantined;
            },
            { timeout: 20_000 },
          )
          .toBe(6);
      } finally {
        await hub.stop();
      }
    } finally {
      sim.child.kill('SIGTERM');
    }
  });

  it('simulate archive runs an archive simulator on its own, with a config the hub archives through', async () => {
    const data = tempDir();
    const sim = await simulateCommand(data, ['archive', '--transport', 'noark4-ws']);
    try {
      expect(sim.out()).toMatch(/Arkivsimulatoren \(noark4-ws\) kjører: http:\/\/127\.0\.0\.1:\d+/);
      const secrets = path.join(data, 'simulator', 'arkiv', 'secrets.json');
      expect(fs.statSync(secrets).mode & 0o777).toBe(0o600);
      const hub = await sim.hub(secrets);
      try {
        await hub.store.uow.run(async () => {
          const form = { applicant: { name: 'Kari Nordmann', personNumber: '01017012345' }, title: 'Søknad', titlePublic: 'Søknad', fields: {}, lists: {} };
          const { id } = await hub.submissions.insert(
            {
              status: 'received',
              serviceKey: 'kommune/sfo-plass',
              profileId: 'sfo-plass',
              profileVersion: 1,
              a2ArchiveRef: null,
              reportee: { partyId: null, personNumber: '01017012345', organisationNumber: null },
              applicantName: 'Kari Nordmann',
              title: 'Søknad om SFO-plass',
              titlePublic: 'Søknad om SFO-plass',
              form,
              quarantine: null,
              submittedAt: 1,
              receivedAt: 2,
              parts: [{ role: 'receipt-pdf', dataType: 'pdf', filename: 'k.pdf', contentType: 'application/pdf', size: 8, bytes: new TextEncoder().encode('%PDF-1.7') }],
            },
            { source: 'altinn3', sourceId: 'cli-1', serviceKey: 'kommune/sfo-plass', fetchedAt: 2 },
          );
          await hub.archive.service.registerIncoming(id);
        });
        await expect.poll(async () => (await hub.archive.store.counts()).archived, { timeout: 20_000 }).toBe(1);
      } finally {
        await hub.stop();
      }
    } finally {
      sim.child.kill('SIGTERM');
    }
  });

  it('refuses backup and restore, exit 2, when the configured store is PostgreSQL (they copy the SQLite file only)', () => {
    const data = tempDir();
    const file = path.join(data, 'pm.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, store: { kind: 'postgres', url: 'postgres://postmottak@127.0.0.1:5432/postmottak' } }));
    const backup = cli(['--data', data, '--config', file, 'backup', '--out', path.join(data, 'copy.db')]);
    expect(backup.code).toBe(2);
    expect(backup.err).toMatch(/bare den innebygde SQLite-databasen, ikke PostgreSQL/);
    expect(fs.existsSync(path.join(data, 'copy.db'))).toBe(false);
    fs.writeFileSync(path.join(data, 'old.db'), 'x');
    const restore = cli(['--data', data, '--config', file, 'restore', path.join(data, 'old.db')]);
    expect(restore.code).toBe(2);
    expect(restore.err).toMatch(/pg_dump/);
  });

  it('refuses to restore something that is not a backup, exit 2', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'junk'), 'junk'.repeat(500));
    const r = cli(['--data', dir, 'restore', path.join(dir, 'junk')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ikke en Postmottak-database|skadet|Kan ikke åpne/);
  });

  // #12 item 6: the demo is a choice; a real data folder never gets it
  it('serve on a named data folder without a config refuses instead of running the demo on it; --demo refuses a folder that held real data', () => {
    const data = tempDir();
    const plain = spawnSync(process.execPath, [...cliRun, '--data', data, 'serve', '--no-open'], { encoding: 'utf8', env, timeout: 30_000 });
    expect(plain.status, plain.stdout).toBe(2);
    expect(plain.stderr).toMatch(/Fant ingen konfigurasjonsfil for datamappen[\s\S]*--demo/);
    expect(cli(['--data', data, 'migrate']).code).toBe(0); // a database made outside the demo: real data
    const demo = spawnSync(process.execPath, [...cliRun, '--data', data, 'serve', '--demo', '--no-open'], { encoding: 'utf8', env, timeout: 30_000 });
    expect(demo.status, demo.stdout).toBe(2);
    expect(demo.stderr).toMatch(/Demoen startes ikke på datamappen .* fordi den har hatt ekte data/);
  });

  it('serve --demo on a fresh data folder: 401 without the token, 403 with a foreign Origin', async () => {
    const data = tempDir();
    const child = spawn(process.execPath, [...cliRun, '--data', data, 'serve', '--demo', '--no-open'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const link = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Åpne Postmottak: (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
      });
      expect(out).toMatch(/kjører på http:\/\/127\.0\.0\.1:\d+\/ \(demo\)/);
      const origin = new URL(link).origin;
      const noToken = await fetch(`${origin}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"channel":"system.status"}' });
      expect(noToken.status).toBe(401);
      expect((await fetch(`${origin}/api/session`)).status).toBe(401);
      expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'up' });
      const foreign = await fetch(`${origin}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
      expect(foreign.status).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
