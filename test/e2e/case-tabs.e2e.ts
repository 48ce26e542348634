import path from 'node:path';
import { expect, test } from '@playwright/test';
import { firstNewCaseLink } from './case-steps.helper';
import { startHost, type RunningHost } from './host.helper';
import { expectAccessible, expectReflow, SHOTS } from './page-checks.helper';
import { switchUser } from './shell.helper';

// #14: the application pane and the case's tabs in the running demo: the form in the locale's
// format, the tabs by keyboard, timeline icons, «Tekniske detaljer» only for IT and the archive,
// reflow at 320 px and axe in light and dark mode.
let host: RunningHost;
test.afterAll(async () => {
  await host?.stop();
});

test('the case’s application pane and detail tabs: formats, keyboard, icons, technical details by role, reflow, axe light and dark', async ({ page }) => {
  test.setTimeout(150_000);
  host = await startHost('cli');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.link);
  await (await firstNewCaseLink(page, host)).click();
  await expect(page).toHaveURL(/#\/innboks\/[0-9a-f-]{36}/);
  const caseUrl = page.url();

  // the form in the reader's format: no ISO date, yes/no in words
  const pane = page.getByTestId('case-application');
  const form = pane.getByTestId('submission-form');
  await expect(form.locator('dt').first()).toBeVisible();
  expect(await form.textContent()).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b|\btrue\b|\bfalse\b/);
  await expect(pane.getByTestId('submission-parts')).not.toContainText('application/');

  // the receipt in the pdf.js viewer, its page fitted to the pane's width
  await pane.getByRole('button', { name: /^Vis / }).first().click();
  const sheet = pane.getByTestId('pdf-page-1').locator('.pm-pdf-sheet');
  await expect(sheet).toBeVisible({ timeout: 15_000 });
  const [paneBox, sheetBox] = [(await pane.boundingBox())!, (await sheet.boundingBox())!];
  expect(sheetBox.width, 'the receipt’s page fits the pane').toBeLessThanOrEqual(paneBox.width);
  await sheet.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: 'test-results/case-receipt.png' });
  await pane.getByRole('button', { name: 'Lukk visningen' }).click();

  // the tabs: Opplysninger first; arrows move along, Enter opens
  const tabs = page.getByTestId('case-detail-tabs');
  const tab = (name: string) => tabs.getByRole('tab', { name, exact: true });
  await expect(tab('Opplysninger')).toHaveAttribute('aria-selected', 'true');
  await tab('Opplysninger').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Sak/arkiv')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tab('Sak/arkiv')).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByTestId('archive-case-number')).toBeVisible();

  // Historikk: an icon beside every event, drawn (an SVG with a size), never an empty box
  await tab('Historikk').click();
  const events = tabs.getByTestId('case-timeline').getByRole('listitem');
  await expect(events.first()).toBeVisible();
  for (const event of await events.all()) {
    const icon = event.locator('svg').first();
    await expect(icon).toBeVisible();
    expect((await icon.boundingBox())!.width).toBeGreaterThan(10);
  }

  // a caseworker (the demo's Kari) sees no codes
  await expect(page.getByTestId('case-technical')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(/application\/xml|formset-pdf|ref-data-as-pdf/);

  await tabs.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expectAccessible(page, 'case tabs, Historikk (light)');
  await tab('Opplysninger').click();
  await expectAccessible(page, 'case tabs, Opplysninger (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'case tabs, Opplysninger (dark)');
  await tab('Historikk').click();
  await expectAccessible(page, 'case tabs, Historikk (dark)');
  await page.screenshot({ path: 'test-results/case-tabs-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // reflow: the pane and the tabs fit 320 CSS px
  await expectReflow(page, 'the application pane', pane);
  await expectReflow(page, 'the case tabs', tabs);
  await page.setViewportSize({ width: 320, height: 640 });
  await tabs.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/case-tabs-320.png' });

  // the screenshots: the case as it opens, with the tabs (Historikk) under the work
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      for (const el of document.querySelectorAll('.pm-case-pane')) el.scrollTop = 0;
    });
    await expect(tab('Historikk')).toBeInViewport();
    await page.screenshot({ path: path.join(SHOTS, `case-tabs-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // the archivist finds the codes under «Tekniske detaljer»
  await switchUser(page, 'arne');
  await page.goto(caseUrl);
  const technical = page.getByTestId('case-technical');
  await technical.getByText('Tekniske detaljer').click();
  await expect(technical.getByTestId('tech-service-code')).not.toBeEmpty();
  await expect(technical.getByTestId('tech-parts')).toContainText('application/');
  await expect(technical.getByTestId('submission-sources')).toBeVisible();
  await expectAccessible(page, 'case, technical details (light)');
  await technical.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/case-technical.png' });
});
