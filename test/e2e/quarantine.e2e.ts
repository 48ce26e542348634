// #13 item 13: quarantine is no longer a dead end. Each action in the running demo, ending in a case, a duplicate link or a rejection, on the timeline.
import { expect, test, type Page } from '@playwright/test';
import { generateFodselsnummer } from '../../electron/core/fodselsnummer';
import { startHost, type RunningHost } from './host.helper';
import { switchUser } from './shell.helper';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const total = async (page: Page) => Number(/\d+/.exec((await page.getByTestId('inbox-total').textContent()) ?? '')?.[0] ?? 0);

test('the demo’s quarantined submissions: explained in Norwegian, then re-validated and registered as a case, marked as a duplicate, and rejected', async ({ page }) => {
  test.setTimeout(180_000);
  host = await startHost('cli');
  await page.goto(host.link);
  const base = host.link.replace(/\/[?#]launch=.*$/, '');
  // the leader sees every service (the health group too) and may act on the quarantine
  await page.getByRole('link', { name: 'Innboks', exact: true }).click();
  await switchUser(page, 'leif');

  // the demo breaks three on purpose: a schema error, a DOCTYPE, and a resend cut off on the way
  await page.goto(`${base}/#/innboks?status=quarantined`);
  await expect.poll(() => total(page), { timeout: 60_000 }).toBe(3);
  const links = page.getByTestId('case-grid').locator('[data-testid^="case-row-"]').getByRole('link');
  await expect(links.first()).toBeVisible();
  const hrefs = [...new Set(await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!)))];
  expect(hrefs).toHaveLength(3);
  const open = async (pattern: RegExp): Promise<string> => {
    for (const href of hrefs) {
      await page.goto(`${base}/${href.startsWith('#') ? href : `#${href}`}`);
      // one that has left quarantine already shows no quarantine (the timeline is in the «Historikk» tab, #14)
      await expect(page.getByTestId('case-timeline')).toBeAttached();
      const alert = page.getByTestId('quarantine-alert');
      if ((await alert.count()) === 0) continue;
      await expect(alert.getByTestId('quarantine-explanation')).toBeVisible();
      if (pattern.test((await alert.textContent()) ?? '')) return page.url();
    }
    throw new Error(`no quarantined submission matches ${pattern}`);
  };
  const alert = page.getByTestId('quarantine-alert');
  const timeline = page.getByTestId('case-timeline');
  /** The case's tabs (#14): the timeline and the archive record are one click away. */
  const showTab = async (name: string) => {
    const tab = page.getByTestId('case-detail-tabs').getByRole('tab', { name, exact: true });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  };

  await test.step('schema error: Norwegian explanation naming the field, raw message behind "Tekniske detaljer"; re-validate, then register as a case from the PDF', async () => {
    await open(/«Navn» mangler/);
    await expect(alert).toContainText('følger ikke tjenestens skjema');
    await expect(alert).not.toContainText('må behandles manuelt');
    const details = alert.getByTestId('quarantine-technical');
    await expect(details.getByTestId('quarantine-raw')).toBeHidden();
    await details.getByText('Tekniske detaljer').click();
    await expect(details.getByTestId('quarantine-raw')).toContainText(/This element is not expected\. Expected is \( (\{[^}]*\})?Navn \)/);
    // no deadline while in quarantine
    await expect(page.getByTestId('work-deadline').locator('time')).toHaveCount(0);

    await alert.getByRole('button', { name: 'Valider på nytt' }).click();
    await expect(alert.getByTestId('quarantine-result')).toContainText('fortsatt feil');
    await showTab('Historikk');
    await expect(timeline.getByTestId('timeline-quarantine-revalidated')).toContainText('fortsatt i karantene');

    await alert.getByRole('button', { name: 'Registrer som sak' }).click();
    const form = alert.getByTestId('quarantine-register-form');
    await form.getByRole('button', { name: 'Registrer saken' }).click();
    await expect(form.getByText('Må fylles ut.').first()).toBeVisible();
    await form.getByLabel('Navn', { exact: true }).fill('Kari Karantene');
    await form.getByLabel('Fødselsnummer', { exact: true }).fill(generateFodselsnummer('1984-03-02', 'female', () => 0.3));
    await form.getByRole('button', { name: 'Registrer saken' }).click();
    // a case like any other: out of quarantine, on the timeline, archived with a case number
    await expect(page.getByTestId('quarantine-alert')).toHaveCount(0, { timeout: 15_000 });
    await showTab('Historikk');
    await expect(timeline.getByTestId('timeline-quarantine-registered')).toBeVisible();
    await showTab('Sak/arkiv');
    await expect(page.getByTestId('archive-case-number')).toHaveText(/^\d{4}\/\d+$/, { timeout: 30_000 });
  });

  await test.step('a resend cut off on the way: the truncation explained where it breaks off, marked as a duplicate of the first', async () => {
    await open(/slutter brått/);
    await alert.getByTestId('quarantine-technical').getByText('Tekniske detaljer').click();
    await expect(alert.getByTestId('quarantine-raw')).toContainText('Premature end of data');
    await expect(alert.getByTestId('quarantine-raw')).not.toContainText('Linje 1, kolonne 1');
    await alert.getByRole('button', { name: 'Merk som duplikat' }).click();
    const form = alert.getByTestId('quarantine-duplicate-form');
    await form.getByRole('radio').first().check();
    await form.getByRole('button', { name: 'Merk som duplikat' }).click();
    await expect(alert.getByTestId('quarantine-resolution')).toContainText('Merket som duplikat');
    await showTab('Historikk');
    await expect(timeline.getByTestId('timeline-quarantine-duplicate')).toBeVisible();
    await alert.getByTestId('quarantine-original').click();
    await showTab('Historikk');
    await expect(page.getByTestId('case-timeline').getByTestId('timeline-duplicate-linked')).toBeVisible();
  });

  await test.step('a DOCTYPE: rejected with a reason', async () => {
    await open(/dokumenttypedeklarasjon/);
    await alert.getByRole('button', { name: 'Avvis' }).click();
    const form = alert.getByTestId('quarantine-reject-form');
    await form.getByLabel('Begrunnelse for avvisningen').fill('Skjemaet prøver å lese filer på serveren; ikke en søknad.');
    await form.getByRole('button', { name: 'Avvis innsendingen' }).click();
    await expect(alert.getByTestId('quarantine-resolution')).toContainText('Avvist: Skjemaet prøver å lese filer');
    await showTab('Historikk');
    await expect(timeline.getByTestId('timeline-quarantine-rejected')).toContainText('ikke en søknad');
    await expect(alert.getByRole('button', { name: 'Valider på nytt' })).toHaveCount(0);
  });
});
