import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import YAML from 'yaml';
import type { SmtpSimulator } from '../../integrations/mail/simulator/smtp.simulator';
import { startHostWithConfig, type RunningHost } from './host.helper';
import { freePort, stopProcess } from './process.helper';

/**
 * #17 item 1, end to end: an IT user points the archive at a wrong port from the Integrasjoner
 * screen, sees "Test tilkobling" fail and say where, saves (the headless host swaps in a hub on the
 * new config without a restart), sees health turn Degradert in the header and an alert mail
 * arrive at the local SMTP server; fixes the port, sees health recover, a recovery mail, and the
 * archive jobs that queued meanwhile delivered.
 */

const SIMS = path.resolve(__dirname, 'it-admin-sims.process.ts');
const SUBMISSIONS = 3;

interface Sims {
  child: ChildProcess;
  archive: { transport: string; noark5: { url: string } };
  altinnUrl: string;
  seed(n: number): Promise<void>;
}

function startSims(workDir: string): Promise<Sims> {
  const child = spawn(process.execPath, ['--import', 'tsx', SIMS, workDir], { env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const seeded: (() => void)[] = [];
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      while (/SEEDED \d+\n/.test(out) && seeded.length) {
        out = out.replace(/SEEDED \d+\n/, '');
        seeded.shift()!();
      }
      const m = /READY (\{.*\})\n/.exec(out);
      if (m) {
        out = out.replace(m[0], '');
        const cfg = JSON.parse(m[1]!) as Pick<Sims, 'archive' | 'altinnUrl'>;
        resolve({
          child,
          ...cfg,
          seed: (n) =>
            new Promise<void>((r) => {
              seeded.push(r);
              child.stdin!.write(`seed ${n}\n`);
            }),
        });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`simulators exited ${code}: ${out}`)));
  });
}
let host: RunningHost | undefined;
let sims: Sims | undefined;
let smtp: SmtpSimulator | undefined;
test.afterEach(async () => {
  await host?.stop();
  if (sims) await stopProcess(sims.child);
  await smtp?.close();
});

/** The main menu, as a user moves around (the hash router takes the click). */
async function nav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name === 'Status' ? /Status/ : name);
}

/** Opens the archive card's form, sets noark5.url, and returns the editor. */
async function editArchiveUrl(page: Page, url: string) {
  await nav(page, 'Integrasjoner');
  const card = page.getByTestId('integration-archive');
  await card.getByRole('button', { name: 'Endre' }).click();
  const editor = page.getByTestId('connection-editor');
  await editor.locator('#cfg-noark5_url').fill(url);
  return editor;
}

/** The status page's "Kjør nå" for a schedule, by its name on the page (the IT user's own button), so the test need not wait for the minute. */
async function runNow(page: Page, name: string) {
  await nav(page, 'Status');
  await page.getByRole('button', { name: `Kjør nå: ${name}` }).click();
}

test('IT points the archive at a wrong port, sees the test fail, health degrade and an alert mail; fixes it and everything recovers', async ({ page }) => {
  test.setTimeout(240_000);
  // one Maskinporten client key for the simulator process and the hub (the Altinn fixture reads it at import)
  process.env.PM_TEST_CLIENT_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const { clientPrivatePem } = await import('../helpers/altinn-fixture');
  // an earlier test in this worker may have loaded the fixture first (it reads the variable once, at its first import):
  // the simulator process must get the key the fixture actually holds (CI on 7907244: Altinn refused the hub's token)
  process.env.PM_TEST_CLIENT_KEY = clientPrivatePem;
  const { startSmtpSimulator } = await import('../../integrations/mail/simulator/smtp.simulator');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-it-'));
  sims = await startSims(dir);
  smtp = await startSmtpSimulator({ starttls: false });
  const goodUrl = sims.archive.noark5.url;
  const wrongPort = await freePort();
  const wrongUrl = goodUrl.replace(/:(\d+)\//, `:${wrongPort}/`);
  expect(wrongUrl).not.toBe(goodUrl);

  // a YAML config with a comment the screen must keep; the host's account is IT
  const file = path.join(dir, 'postmottak.yaml');
  const config = {
    version: 1,
    logging: { level: 'error' },
    jobs: { concurrency: 2, pollIntervalMs: 100, backoff: { baseMs: 300, maxMs: 1500, factor: 2, jitter: 0.2 } },
    access: { users: { [os.userInfo().username]: { name: 'Ida IT-drift', roles: ['it-admin'] } } },
    alerts: {
      failingAfterMinutes: 1,
      clearAfterMinutes: 0,
      recipients: ['it-drift@kommune.no'],
      mail: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'postmottak@kommune.no' },
    },
    integrations: {
      altinn: {
        platformUrl: sims.altinnUrl,
        org: 'kommune',
        maskinporten: { tokenUrl: `${sims.altinnUrl}/token`, audience: `${sims.altinnUrl}/`, clientId: 'postmottak', kid: 'kid-1', privateKey: { secret: 'mp-key' } },
        schedule: '*/30 * * * *',
      },
      archive: { ...sims.archive, noark5: { ...sims.archive.noark5, timeoutMs: 3_000 } },
    },
  };
  fs.writeFileSync(file, `# Postmottak – IT-testen\n${YAML.stringify(config)}`);
  host = await startHostWithConfig(file, { POSTMOTTAK_SECRET_MP_KEY: clientPrivatePem, POSTMOTTAK_SECRET_ARCHIVE_PASSWORD: 'arkiv-passord' });
  await page.goto(host.link);

  // the card shows what the file says
  await nav(page, 'Integrasjoner');
  const card = page.getByTestId('integration-archive');
  await expect(card.getByTestId('integration-archive-endpoints')).toContainText(goodUrl);
  await expect(card.getByTestId('integration-archive-credentials')).toContainText('archive-password – finnes i hemmelighetslageret');

  // 1. the wrong port: "Test tilkobling" on the unsaved form fails and names where it could not connect
  let editor = await editArchiveUrl(page, wrongUrl);
  await editor.getByTestId('connection-test-unsaved').click();
  const probe = editor.getByTestId('connection-probe');
  await expect(probe.getByTestId('connection-probe-outcome')).toHaveText('Tilkoblingen feilet', { timeout: 20_000 });
  await expect(probe.getByTestId('connection-probe-step').filter({ hasText: /^Feil/ }).first()).toContainText(String(wrongPort));

  // saved to the file (comment kept) and in force without a restart
  await editor.getByRole('button', { name: 'Lagre' }).click();
  await expect(editor.getByTestId('connection-save-result')).toContainText('Lagret og tatt i bruk.', { timeout: 30_000 });
  const written = fs.readFileSync(file, 'utf8');
  expect(written).toContain('# Postmottak – IT-testen');
  expect(written).toContain(wrongUrl);

  // new submissions: their archive jobs fail against the wrong port, health turns Degradert in the header
  await sims.seed(SUBMISSIONS);
  await runNow(page, 'Henting fra Altinn 3');
  await expect(page.getByTestId('health-badge')).toContainText('Degradert', { timeout: 60_000 });

  // after failingAfterMinutes (1) the alert opens and its mail arrives
  await page.waitForTimeout(61_000);
  await runNow(page, 'Sjekk av varsler');
  const alert = await smtp.waitFor((m) => m.subject.startsWith('[Postmottak] Varsel:') && /arkiv/i.test(m.subject + m.text), 60_000);
  expect(alert.to).toEqual(['it-drift@kommune.no']);

  // 2. the fix: the right port; the test passes, the save is in force, the queued jobs go through
  editor = await editArchiveUrl(page, goodUrl);
  await editor.getByTestId('connection-test-unsaved').click();
  await expect(editor.getByTestId('connection-probe').getByTestId('connection-probe-outcome')).toHaveText('Tilkoblingen virker', { timeout: 20_000 });
  await editor.getByRole('button', { name: 'Lagre' }).click();
  await expect(editor.getByTestId('connection-save-result')).toContainText('Lagret og tatt i bruk.', { timeout: 30_000 });

  await nav(page, 'Status');
  await expect(page.getByTestId('archive-archived')).toHaveText(String(SUBMISSIONS), { timeout: 60_000 });
  await expect(page.getByTestId('health-badge')).toContainText('OK', { timeout: 30_000 });
  await runNow(page, 'Sjekk av varsler');
  await smtp.waitFor((m) => m.subject.startsWith('[Postmottak] Løst:') && m.subject === alert.subject.replace('Varsel:', 'Løst:'), 60_000);
});
