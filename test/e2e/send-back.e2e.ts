import { expect, test, type Page } from '@playwright/test';
import { base, openCaseTab } from './case-steps.helper';
import { startHost, type RunningHost } from './host.helper';
import { expectAccessible, expectReflow, screenshots } from './page-checks.helper';
import { switchUser } from './shell.helper';

// #14, the leader's approval: a health case (its profile asks for a leader's approval) is decided and
// approved by Hanne; Leif sends it back with a comment; Hanne sees the comment and «Sendt tilbake» in
// Innboks, corrects the letter and approves again; Lise, another leader, approves it.

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const COMMENT = 'Skriv inn hvilke dager tjenesten gjelder før brevet sendes.';

const status = (page: Page) => page.getByTestId('case-status').first();

test('a leader sends a case back with a comment, the caseworker corrects the letter, and another leader approves it', async ({ page }) => {
  test.setTimeout(120_000);
  host = await startHost('cli');
  await page.goto(host.link);
  await switchUser(page, 'hanne');

  // Hanne takes a new health application, grants it and approves the letter: it awaits a leader
  await page.goto(`${base(host)}/#/innboks?service=helse-omsorg&status=new`);
  await expect.poll(async () => Number(/\d+/.exec((await page.getByTestId('inbox-total').textContent()) ?? '')?.[0] ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByTestId('case-grid').locator('[data-testid^="case-row-"]').first().getByRole('link').first().click();
  await page.getByRole('button', { name: 'Ta saken' }).click();
  await expect(status(page)).toHaveText('Under behandling');
  const caseUrl = page.url();
  await page.getByRole('radio', { name: 'Innvilget', exact: true }).check();
  await page.getByRole('textbox', { name: 'Begrunnelse', exact: true }).fill('Søkeren har behov for tjenesten etter helse- og omsorgstjenesteloven § 3-2.');
  await page.getByRole('button', { name: 'Lagre vedtak' }).click();
  await expect(page.getByLabel('Brevtekst')).toHaveValue(/§ 3-2/);
  await page.getByRole('button', { name: 'Godkjenn brevet' }).click();
  await page.getByTestId('approve-dialog').getByRole('button', { name: 'Godkjenn', exact: true }).click();
  await expect(status(page)).toHaveText('Venter på godkjenning');

  // Leif, a leader: approve, send back or reject; the approvals so far by name
  await switchUser(page, 'leif');
  const approval = page.getByTestId('case-approval');
  await expect(approval.getByTestId('approvals')).toContainText('Godkjent av Hanne Helse (saksbehandler)');
  await expect(approval.getByRole('button', { name: 'Send tilbake' })).toBeVisible();
  await expect(approval.getByRole('button', { name: 'Avvis brevet' })).toBeVisible();
  // the switch's toast goes by itself (6 s): the screenshots show the page as one works in it
  await expect(page.getByTestId('desk-user-switched')).toBeHidden({ timeout: 10_000 });
  await approval.scrollIntoViewIfNeeded();
  await screenshots(page, 'case-approval');
  await expectAccessible(page, 'Godkjenning (leder)');
  await expectReflow(page, 'Godkjenning', approval);

  // the comment is required: named at the field and in a summary
  await approval.getByRole('button', { name: 'Send tilbake' }).click();
  const dialog = page.getByTestId('send-back-dialog');
  await expect(dialog.getByLabel('Kommentar til saksbehandleren')).toBeFocused();
  await dialog.getByRole('button', { name: 'Send tilbake' }).click();
  await expect(dialog.getByTestId('send-back-dialog-summary')).toContainText('Skriv en kommentar til saksbehandleren.');
  await screenshots(page, 'case-approval-send-back');
  await expectAccessible(page, 'Send tilbake (feil)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'Send tilbake (feil, mørk)');
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByLabel('Kommentar til saksbehandleren').fill(COMMENT);
  await dialog.getByRole('button', { name: 'Send tilbake' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('approval-result')).toHaveText('Saken er sendt tilbake til Hanne Helse.');
  await expect(status(page)).toHaveText('Sendt tilbake');

  // Hanne sees the comment by the leader's name, on the case and in its history
  await switchUser(page, 'hanne');
  await expect(page.getByTestId('approval-review')).toContainText('Sendt tilbake av Leif Leder');
  await expect(page.getByTestId('approval-review-comment')).toHaveText(COMMENT);
  await openCaseTab(page, 'Historikk');
  await expect(page.getByTestId('case-timeline').getByTestId('timeline-sent-back')).toContainText(COMMENT);
  await expect(page.getByTestId('case-timeline').getByTestId('timeline-sent-back')).toContainText('Leif Leder');

  // … and in Innboks, with its own status, found by that status
  await page.goto(`${base(host)}/#/innboks?status=returned`);
  const rows = page.getByTestId('case-grid').locator('[data-testid^="case-row-"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('case-status')).toHaveText('Sendt tilbake');

  // she corrects the letter and approves again: the case awaits a leader again
  await page.goto(caseUrl);
  const body = page.getByLabel('Brevtekst');
  await expect(body).toBeEditable();
  await body.fill(`${await body.inputValue()}\n\nTjenesten gjelder mandag, onsdag og fredag.`);
  await page.getByRole('button', { name: 'Lagre brev' }).click();
  await expect(page.getByText('Brevet er lagret.')).toBeVisible();
  await page.getByRole('button', { name: 'Godkjenn brevet' }).click();
  await page.getByTestId('approve-dialog').getByRole('button', { name: 'Godkjenn', exact: true }).click();
  await expect(status(page)).toHaveText('Venter på godkjenning');

  // Lise, another leader, approves: the reply goes out
  await switchUser(page, 'lise');
  await page.getByTestId('case-approval').getByRole('button', { name: 'Godkjenn brevet' }).click();
  await page.getByTestId('approve-dialog').getByRole('button', { name: 'Godkjenn', exact: true }).click();
  await expect(status(page)).toHaveText('Godkjent');
  await expect(page.getByTestId('approvals')).toContainText('Godkjent av Lise Leder (leder)');
});
