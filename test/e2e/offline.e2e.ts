import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openCaseTab } from './case-steps.helper';
import { startHostWithConfig, type RunningHost } from './host.helper';
import { freePort, stopProcess } from './process.helper';

const SIMS = path.resolve(__dirname, 'sims.process.ts');

/** A simulator process; resolves with its config line once it listens. */
function startSims(args: string[]): Promise<{ child: ChildProcess; config: Record<string, unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SIMS, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\{.*\})/.exec(out);
      if (m) resolve({ child, config: JSON.parse(m[1]!) as Record<string, unknown> });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`simulator exited ${code}: ${out}`)));
  });
}
let host: RunningHost | undefined;
const running: ChildProcess[] = [];
test.afterEach(async () => {
  await host?.stop();
  for (const c of running) await stopProcess(c);
});

test('with the simulators stopped the desk still works and shows what waits; after restarting them it is delivered', async ({ page }) => {
  test.setTimeout(150_000);
  // one Maskinporten client key for the simulator processes and the hub: the one the Altinn fixture holds, when an
  // earlier test in this worker loaded it already (it reads PM_TEST_CLIENT_KEY once, at its first import)
  process.env.PM_TEST_CLIENT_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const { writeIngestConfig } = await import('../helpers/ingest-env');
  process.env.PM_TEST_CLIENT_KEY = (await import('../helpers/altinn-fixture')).clientPrivatePem;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-offline-'));
  const [altinnPort, archivePort] = [await freePort(), await freePort()];

  const altinn = await startSims(['altinn', String(altinnPort), '4']);
  running.push(altinn.child);
  const { file, env } = writeIngestConfig(dir, { url: altinn.config.url } as never, {
    jobs: { concurrency: 2, pollIntervalMs: 100, backoff: { baseMs: 200, maxMs: 1500, factor: 2, jitter: 0.2 } },
  });
  // the archive is down from the start: its port is reserved, nothing listens
  const cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as { integrations: Record<string, unknown> };
  cfg.integrations.archive = {
    transport: 'noark5-rest',
    noark5: { url: `http://127.0.0.1:${archivePort}/api`, auth: { kind: 'basic', username: 'postmottak', password: { secret: 'archive-password' } }, timeoutMs: 3_000 },
  };
  fs.writeFileSync(file, JSON.stringify(cfg));
  host = await startHostWithConfig(file, { ...env, POSTMOTTAK_SECRET_ARCHIVE_PASSWORD: 'arkiv-passord' });
  const base = host.link.replace(/\/[?#]launch=.*$/, '');
  await page.goto(host.link);
  await page.goto(`${base}/#/innboks?status=new`);
  const total = async () => Number(/\d+/.exec((await page.getByTestId('inbox-total').textContent()) ?? '')?.[0] ?? 0);
  await expect.poll(total, { timeout: 30_000 }).toBeGreaterThan(0);

  // now Altinn goes away too
  await stopProcess(altinn.child);
  const banner = page.getByTestId('waiting-banner');
  await expect(banner).toContainText('sak/arkiv', { timeout: 30_000 });

  // the same flow completes while nothing can be sent
  await page.getByTestId('case-grid').locator('[data-testid^="case-row-"]').first().getByRole('link').first().click();
  await page.getByRole('button', { name: 'Ta saken' }).click();
  await page.getByRole('radio', { name: 'Innvilget', exact: true }).check();
  await page.getByRole('textbox', { name: 'Begrunnelse', exact: true }).fill('Vilkårene er oppfylt.');
  await page.getByRole('button', { name: 'Lagre vedtak' }).click();
  await expect(page.getByLabel('Brevtekst')).toHaveValue(/Vilkårene er oppfylt/);
  await page.getByRole('button', { name: 'Godkjenn brevet' }).click();
  await page.getByTestId('approve-dialog').getByRole('button', { name: 'Godkjenn', exact: true }).click();
  await expect(page.getByTestId('case-status').first()).toHaveText('Godkjent');
  // waiting: the application and the reply are registered, not yet archived (the record is in the «Sak/arkiv» tab)
  await openCaseTab(page, 'Sak/arkiv');
  const entries = page.getByTestId('archive-entries');
  await expect(entries.getByTestId('archive-status')).toHaveText(['Venter', 'Venter'], { timeout: 15_000 });
  await expect(banner).toBeVisible();

  // the link returns: everything goes out, in order (the application before the reply that closes it)
  const archive = await startSims(['archive', String(archivePort), path.join(dir, 'arkiv')]);
  running.push(archive.child);
  const again = await startSims(['altinn', String(altinnPort), '4']);
  running.push(again.child);
  await expect(entries.getByTestId('archive-status')).toHaveText(['Arkivert', 'Arkivert'], { timeout: 60_000 });
  await expect(page.getByTestId('archive-case-number')).toHaveText(/^\d{4}\/\d+$/);
  await expect(banner).toHaveCount(0, { timeout: 30_000 });
});
