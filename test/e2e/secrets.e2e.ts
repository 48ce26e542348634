import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';
import { makePkcs12 } from '../helpers/pkcs12-fixture';
import { startHost, type RunningHost } from './host.helper';
import { switchUser } from './shell.helper';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/**
 * Every file under a folder with its bytes. The demo runs on while the test reads: its simulated internal
 * systems take hand-over files out of their drop folders, so a file listed may be gone when read (a local
 * run saw a Gerica hand-over go); such a file is skipped, every file still there is read.
 */
function filesUnder(dir: string): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    try {
      if (fs.statSync(path.join(dir, f)).isFile()) out.push([f, fs.readFileSync(path.join(dir, f))]);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return out;
}

/** Pieces of a base64 text that must not occur anywhere: 40 characters from several offsets (not aligned to PEM's 64-character lines). */
const base64Chunks = (b64: string): string[] => [0, 7, 133, 401, 777, b64.length - 60].filter((i) => i >= 0 && i + 40 <= b64.length).map((i) => b64.slice(i, i + 40));
/** Raw pieces of a binary value: 32 bytes from several offsets. */
const byteChunks = (bytes: Buffer): Buffer[] => [16, 200, 600, bytes.length - 48].filter((i) => i >= 0 && i + 32 <= bytes.length).map((i) => bytes.subarray(i, i + 32));

test('IT imports a PKCS#12 certificate through the UI, sees its expiry, and neither the key, the passphrase nor the file is in the database, the logs or the support bundle', async ({ page }) => {
  const passphrase = `E2E-passord-${randomBytes(6).toString('hex')}-Ø`;
  const p12 = makePkcs12({ daysValid: 20, passphrase });
  // the headless host encrypts its secrets file with a key from the environment (inherited by the host process)
  process.env.POSTMOTTAK_SECRETS_KEY = randomBytes(32).toString('base64');
  try {
    host = await startHost('cli');
  } finally {
    delete process.env.POSTMOTTAK_SECRETS_KEY;
  }
  await page.goto(host.link);
  await switchUser(page, { label: 'Ida IT-drift (IT-administrator)' });
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  await nav.getByRole('link', { name: 'Nøkler og sertifikater' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nøkler og sertifikater' })).toBeVisible();
  await expect(page.getByTestId('secrets-store-note')).toContainText('kryptert fil (AES-256-GCM)');

  // a wrong passphrase first: refused in words, nothing stored
  const form = page.getByTestId('secret-import-form');
  await form.getByLabel('Navn', { exact: true }).fill('virksomhetssertifikat');
  await form.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'virksomhet.p12', mimeType: 'application/x-pkcs12', buffer: p12.p12 });
  await form.getByLabel('Passord til filen').fill('feil-passord');
  await form.getByRole('button', { name: 'Importer' }).click();
  await expect(form.getByText('Passordet passer ikke til «virksomhet.p12».', { exact: false })).toBeVisible();

  await form.getByLabel('Passord til filen').fill(passphrase);
  await form.getByRole('button', { name: 'Importer' }).click();
  const result = page.getByTestId('secret-import-result');
  await expect(result).toContainText('«virksomhetssertifikat» er importert.');
  await expect(result).toContainText(/Utløper \d{2}\.\d{2}\.\d{4} \(om (19|20) dager\)/);
  await expect(form.getByLabel('Passord til filen')).toHaveValue('');

  const row = page.getByTestId('secret-virksomhetssertifikat');
  await expect(row).toContainText('Sertifikat med nøkkel (PKCS#12)');
  await expect(row).toContainText('CN=Demo kommune Postmottak');
  await expect(page.getByTestId('secret-expiry-virksomhetssertifikat')).toContainText(/\(om (19|20) dager\)\s*Utløper snart/);
  await expect(row).toContainText(p12.fingerprint);

  // the support bundle, asked for over the same bridge the Logger page uses (logs.supportBundle)
  const bundle = await page.evaluate(async () => {
    const token = sessionStorage.getItem('postmottak.session') ?? '';
    const r = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'x-postmottak-token': token, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ channel: 'logs.supportBundle', input: {} }),
    });
    return (await r.json()) as { ok: boolean; value?: { base64: string }; error?: { message: string } };
  });
  expect(bundle.ok, `logs.supportBundle answers (${bundle.error?.message ?? ''})`).toBe(true);
  const bundleBytes = zlib.gunzipSync(Buffer.from(bundle.value!.base64, 'base64'));
  expect(bundleBytes.length).toBeGreaterThan(512);

  // every file in the data folder (the database postmottak.db with its -wal, the logs, the encrypted secrets file, the demo's files) and the unpacked bundle
  const dataDir = host.dataDir;
  const files = filesUnder(dataDir);
  const names = files.map(([f]) => f);
  expect(names.some((f) => /\.(db|sqlite)$/.test(f)), `a database file in ${names.join(', ')}`).toBe(true);
  expect(names.some((f) => f.startsWith(`logs${path.sep}`)), 'a log file').toBe(true);
  expect(names).toContain('secrets.enc.json');
  const keyB64 = p12.keyDer.toString('base64');
  const pemLines = p12.keyPem.split('\n').filter((l) => l && !l.startsWith('-----'));
  const needles: [string, Buffer][] = [
    ['the passphrase', Buffer.from(passphrase)],
    ...pemLines.slice(1, 4).map((l, i): [string, Buffer] => [`PEM line ${i + 2} of the key`, Buffer.from(l)]),
    ...base64Chunks(keyB64).map((c, i): [string, Buffer] => [`base64 chunk ${i} of the key's DER`, Buffer.from(c)]),
    ...byteChunks(p12.keyDer).map((c, i): [string, Buffer] => [`raw chunk ${i} of the key's DER`, c]),
    ...base64Chunks(p12.p12.toString('base64')).map((c, i): [string, Buffer] => [`base64 chunk ${i} of the .p12`, Buffer.from(c)]),
    ...byteChunks(p12.p12).map((c, i): [string, Buffer] => [`raw chunk ${i} of the .p12`, c]),
  ];
  const haystacks: [string, Buffer][] = [...files, ['the support bundle', bundleBytes]];
  const found = haystacks.flatMap(([where, bytes]) => needles.filter(([, n]) => bytes.includes(n)).map(([what]) => `${what} in ${where}`));
  expect(found).toEqual([]);
});
