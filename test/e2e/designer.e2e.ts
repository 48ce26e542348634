import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { AltinnSimulator } from '../../integrations/altinn/simulator/altinn-simulator';
import { startHostWithConfig, type RunningHost } from './host.helper';
import { expectAccessible, expectReflow, screenshots } from './page-checks.helper';

/*
 * #15 item 7 and item 4 end to end, on the real hub (headless host, built UI) with a written
 * configuration: Altinn and the archive are simulators in this process, IST barnehage is a file
 * drop into a temp folder (with its XSD), Gerica is configured as manual. One desk user with the
 * roles it-admin and saksbehandler (outside the demo the user cannot be switched; the role
 * gating itself is covered by test/renderer/designer.test.tsx).
 */


let host: RunningHost | undefined;
const closers: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  await host?.stop();
  for (const close of closers.reverse()) await close();
  closers.length = 0;
});

/** Submissions for the named sample services, made up by the seed generator. */
async function submissions(profileIds: string[], count: number, seed: number) {
  const { generateSubmissions } = await import('../../integrations/altinn/simulator/seed-generator');
  const { shippedProfiles } = await import('../helpers/ingest-env');
  const { ORG } = await import('../helpers/altinn-fixture');
  return generateSubmissions({ seed, count, org: ORG, profiles: shippedProfiles().all().filter((p) => profileIds.includes(p.id)), a2Share: 0, attachmentBytes: 2_000 });
}

async function startEnvironment(dir: string): Promise<{ sim: AltinnSimulator; istDir: string }> {
  const { seededSim, writeIngestConfig, RESOURCES } = await import('../helpers/ingest-env');
  const { startArchiveSimulator } = await import('../../integrations/noark/simulator/start-archive-simulator');
  // the health applications only: the first kindergarten application comes after the mapping changed
  const { sim } = await seededSim(0);
  closers.push(() => sim.close());
  sim.state.addSubmissions(await submissions(['helse-omsorg'], 2, 41));
  const archive = await startArchiveSimulator({ transport: 'noark5-rest', resourcesDir: RESOURCES, workDir: path.join(dir, 'archive'), credentials: { username: 'postmottak', password: 'arkiv-passord' } });
  closers.push(() => archive.sim.close());
  const istDir = path.join(dir, 'ist-inn');
  fs.mkdirSync(istDir);
  const { file, env } = writeIngestConfig(dir, sim, {
    jobs: { concurrency: 2, pollIntervalMs: 100, backoff: { baseMs: 200, maxMs: 1500, factor: 2, jitter: 0.2 } },
    access: { users: { [os.userInfo().username]: { name: 'Ida Kari', roles: ['it-admin', 'saksbehandler'], groups: ['helse-tildeling'] } } },
  });
  const cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as { integrations: Record<string, unknown> };
  cfg.integrations.archive = archive.config;
  cfg.integrations.internal = {
    targets: {
      'ist-barnehage': { name: 'IST barnehage', transport: 'file', schema: 'internal/ist-barnehage.xsd', file: { dir: istDir, format: 'xml' } },
      gerica: { name: 'Gerica', transport: 'manual' },
    },
  };
  fs.writeFileSync(file, JSON.stringify(cfg));
  host = await startHostWithConfig(file, { ...env, POSTMOTTAK_SECRET_ARCHIVE_PASSWORD: 'arkiv-passord' });
  return { sim, istDir };
}

const base = (h: RunningHost) => h.link.replace(/\/[?#]launch=.*$/, '');

test('IT changes a mapping with a live preview and schema errors, activates it, the next hand-over uses it; a caseworker completes a manual hand-over', async ({ page, context }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-designer-'));
  closers.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const { sim, istDir } = await startEnvironment(dir);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host!.link).origin });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host!.link);

  // ---- the designer: the mapping list, then IST barnehage's mapping ----
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Designer' }).click();
  const mappings = page.getByRole('table', { name: 'Mappinger til fagsystemer' });
  await expect(mappings.getByTestId('mapping-row-barnehageplass-ist-barnehage')).toContainText('Filmappe');
  await expect(mappings.getByTestId('mapping-row-helse-omsorg-gerica')).toContainText('Manuell');
  await expectAccessible(page, 'Designer');
  await screenshots(page, 'designer');
  await expectReflow(page, 'Designer');
  await mappings.getByRole('link', { name: 'Rediger mappingen Søknad om barnehageplass til IST barnehage' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/IST barnehage/);

  const editor = page.getByLabel('Mapping (JSONata)');
  const payload = page.getByTestId('preview-payload');
  await expect(payload).toContainText('<Barnehagesoknad');
  await expect(page.getByTestId('preview-summary')).toHaveText('Ingen problemer: utdataene er gyldige.');
  const original = await editor.inputValue();
  const applicantName = /<Foresatt>[\s\S]*?<Navn>([^<]+)<\/Navn>/.exec((await payload.textContent())!)![1]!;
  expect(applicantName).not.toBe(applicantName.toUpperCase());

  // one field changed: the applicant's name in capitals, as this municipality's IST wants it
  const changed = original.replace('"Navn": applicant.name', '"Navn": $uppercase(applicant.name)');
  expect(changed).not.toBe(original);
  await editor.fill(changed);
  await expect(payload).toContainText(`<Navn>${applicantName.toUpperCase()}</Navn>`);

  // an element the target's XSD does not know: a schema error appears, and goes when it is removed
  await editor.fill(changed.replace('"EksternId": handover.key,', '"EksternId": handover.key, "Ukjent": "x",'));
  const problems = page.getByTestId('preview-problems');
  await expect(problems).toBeVisible();
  await expect(problems.locator('li[data-stage="schema"]').first()).toContainText('Skjema');
  await expect(page.getByTestId('preview-summary')).toHaveText(/^\d+ problem(er)? i mappingen$/);
  await expectAccessible(page, 'Mapping med skjemafeil');
  await page.getByTestId('design-editing').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshots(page, 'designer-mapping');
  await expectReflow(page, 'Mapping med skjemafeil');
  await editor.fill(changed);
  await expect(problems).toHaveCount(0);
  await expect(page.getByTestId('preview-summary')).toHaveText('Ingen problemer: utdataene er gyldige.');
  await expect(payload).toContainText(`<Navn>${applicantName.toUpperCase()}</Navn>`);

  // activate, through the confirm dialog
  await page.getByLabel('Merknad til endringen (valgfri)').fill('Navn med store bokstaver');
  await page.getByRole('button', { name: 'Aktiver' }).click();
  const dialog = page.getByTestId('design-activate-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Aktiver' }).click();
  await expect(page.getByTestId('design-result')).toHaveText('Versjon 2 er aktiv.');
  const history = page.getByTestId('design-versions');
  await expect(history.getByTestId('design-version-2')).toContainText('Aktiv');
  await expect(history.getByTestId('design-version-2')).toContainText('Navn med store bokstaver');
  await expect(history.getByTestId('design-version-1')).toContainText('Tidligere');
  await page.getByTestId('design-diff-show').click();
  await expect(page.getByTestId('design-diff').locator('li[data-kind="added"]')).toContainText('$uppercase(applicant.name)');
  await expectAccessible(page, 'Mapping aktivert, med historikk og forskjeller');
  await page.getByRole('heading', { level: 2, name: 'Versjoner' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshots(page, 'designer-history');

  // ---- the rule editor: validation as you type, a test run, axe, reflow ----
  await page.getByRole('link', { name: 'Tilbake til designer' }).click();
  await page.getByRole('link', { name: 'Rediger reglene for Søknad om permisjon fra undervisning' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regler: Søknad om permisjon fra undervisning');
  const rules = page.getByLabel('Regler (JSON)');
  await expect(rules).not.toHaveValue('');
  const rulesText = await rules.inputValue();
  await expect(page.getByTestId('rules-body-error')).toHaveCount(0);
  await rules.fill(`${rulesText},`);
  await expect(page.getByTestId('rules-body-error')).toContainText('Ikke gyldig JSON');
  await rules.fill(rulesText);
  await expect(page.getByTestId('rules-body-error')).toHaveCount(0);
  await page.getByTestId('rules-test-run').click();
  // no permisjon-skole application is decided in this installation
  await expect(page.getByTestId('rules-test-summary')).toHaveText('Fant ingen avgjorte søknader å teste på.');
  await expectAccessible(page, 'Regler');
  await expectReflow(page, 'Regler');

  // ---- the next kindergarten application is handed over with version 2 ----
  sim.state.addSubmissions(await submissions(['barnehageplass'], 1, 97));
  await page.goto(`${base(host!)}/#/innboks?service=barnehageplass`);
  await page.getByRole('button', { name: 'Hent nå' }).click();
  const row = page.getByTestId('case-grid').locator('[data-testid^="case-row-"]').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => fs.readdirSync(istDir).filter((f) => f.endsWith('.xml')).length, { timeout: 60_000 }).toBe(1);
  const handedOver = fs.readFileSync(path.join(istDir, fs.readdirSync(istDir).find((f) => f.endsWith('.xml'))!), 'utf8');
  const name = /<Foresatt>[\s\S]*?<Navn>([^<]+)<\/Navn>/.exec(handedOver)![1]!;
  expect(name).toBe(name.toUpperCase());
  await row.getByRole('link').first().click();
  const ist = page.getByTestId('handover-ist-barnehage');
  await expect(ist.getByTestId('handover-ist-barnehage-status')).toHaveText('Overført', { timeout: 30_000 });
  await expect(ist.getByTestId('handover-ist-barnehage-mapping')).toHaveText('versjon 2');

  // ---- a caseworker completes the manual hand-over of a health application to Gerica ----
  await page.goto(`${base(host!)}/#/innboks?service=helse-omsorg`);
  await page.getByTestId('case-grid').locator('[data-testid^="case-row-"]').first().getByRole('link').first().click();
  const gerica = page.getByTestId('handover-gerica');
  await expect(gerica.getByTestId('handover-gerica-status')).toHaveText('Manuell oppgave', { timeout: 30_000 });
  await page.getByTestId('case-detail-tabs').getByRole('tab', { name: 'Fagsystem', exact: true }).click(); // #14: hand-overs have their own tab
  await page.getByRole('heading', { level: 2, name: 'Overføring til fagsystem' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expectAccessible(page, 'Saksvisning med overføringer');
  await screenshots(page, 'case-handovers');
  // the case page's own h1 (a long service name) is the page's business; the hand-over panel must reflow
  await expectReflow(page, 'Overføringer på saken', page.getByRole('region', { name: 'Overføring til fagsystem' }));
  await gerica.getByRole('button', { name: 'Utfør overføring til Gerica' }).click();
  const task = page.getByTestId('manual-task-dialog');
  await expect(task.getByTestId('manual-task-instructions')).toContainText('Gerica');
  // a field copied to the clipboard; a sensitive one (all of them, for a health application) shown only on «Vis»
  const field = task.locator('[data-testid^="manual-task-field-"]').first();
  const label = (await field.locator('.pm-task-label').textContent())!;
  const hidden = (await field.getByTestId('manual-task-value').textContent())!.includes('••••••');
  if (hidden) await field.getByRole('button', { name: `Vis ${label}` }).click();
  await expect(field.getByTestId('manual-task-value')).not.toContainText('••••••');
  const value = (await field.getByTestId('manual-task-value').textContent())!;
  await field.getByRole('button', { name: `Kopier ${label}` }).click();
  await expect(task.getByTestId('manual-task-copied')).toHaveText(`«${label}» er kopiert.`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  await task.evaluate((el) => el.scrollTo({ top: 0 }));
  await screenshots(page, 'manual-task');
  await expectReflow(page, 'Manuell overføring', task);
  await task.getByRole('button', { name: 'Åpne sammendraget (PDF)' }).click();
  await expect(task.getByTestId('pdf-page-1')).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'Manuell overføring');
  await task.getByLabel('Referanse fra Gerica (valgfri)').fill('GER-2026-0117');
  await task.getByRole('button', { name: 'Merk som overført' }).click();
  await expect(task).toHaveCount(0);
  await expect(page.getByTestId('handover-result')).toHaveText('Overført til Gerica (manuelt).');
  await expect(gerica.getByTestId('handover-gerica-status')).toHaveText('Overført manuelt');
  await expect(gerica.getByTestId('handover-gerica-reference')).toHaveText('GER-2026-0117');
  await expect(gerica.getByTestId('handover-gerica-done-by')).toHaveText('Ida Kari');

  // ---- IT watches the hand-overs per internal system on the status page ----
  // (the nav's Status: IT's start page is Integrasjoner since #17, and a bare '#/' entry counts as one)
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Status' }).click();
  const figures = page.getByRole('table', { name: 'Overføring til fagsystem' });
  await expect(figures.getByTestId('handovers-gerica')).toContainText('Manuelt');
  await expect(figures.getByTestId('handovers-ist-barnehage')).toContainText('IST barnehage');
  await expectAccessible(page, 'Status med overføringer');
  await expectReflow(page, 'Status med overføringer');
  // the figures IT reads, in view: the archive's, then the hand-overs per internal system
  await page.evaluate(() => document.getElementById('archive-counts-heading')?.scrollIntoView({ block: 'start' }));
  await screenshots(page, 'status-handovers');
});
