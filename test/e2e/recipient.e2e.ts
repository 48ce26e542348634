import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { pdftotext } from '../helpers/pdf-tools';
import { claimGrantAndApprove, firstNewCaseLink, openCaseTab } from './case-steps.helper';
import { startHost, type RunningHost } from './host.helper';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

// #13 item 10: Folkeregisteret gives another person for the applicant's number (as a mistyped number would)
test('#13 item 10: a register name other than the form\'s shows a warning, stops the reply, and after confirming the address page and the letter carry the same name and address', async ({ page }) => {
  test.setTimeout(150_000);
  host = await startHost('cli');
  await page.goto(host.link);
  const out = host.output();
  const registers = /Demo: registersimulator (\S+)/.exec(out)![1]!;
  const hotFolder = /utskrifter havner i (\S+)/.exec(out)![1]!;

  const link = await firstNewCaseLink(page, host);
  const applicant = (await link.textContent())!.trim();

  // the demo's registers know the applicant; the test makes them answer with somebody else (reserved against digital mail: paper at once)
  const res = await fetch(`${registers}/_sim/persons/replace`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: applicant,
      person: { firstName: 'Knut', middleName: null, lastName: 'Nilsen', address: { street: 'Granittvegen 7', postalCode: '2270', postalPlace: 'FLISA' }, krr: { reserved: true, state: 'AKTIV', email: null, mobile: null, updatedAt: Date.now() } },
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);

  await link.click();
  await claimGrantAndApprove(page);

  // the send job asks Folkeregisteret afresh: the warning, and the reply waits at manual follow-up
  const warning = page.getByTestId('recipient-mismatch');
  await expect
    .poll(async () => {
      await page.reload();
      // count only once the reloaded case shows its reply (count() does not wait)
      await page.getByTestId('reply-state-fact').waitFor();
      return warning.getByRole('button', { name: 'Bekreft mottaker' }).count();
    }, { timeout: 45_000 })
    .toBeGreaterThan(0);
  await expect(warning).toContainText('Knut Nilsen');
  await expect(warning).toContainText(applicant);
  await expect(page.getByTestId('reply-state-fact')).toContainText(/manuell/i);
  await openCaseTab(page, 'Historikk');
  await expect(page.getByTestId('timeline-print-manual')).toBeVisible();
  expect(fs.existsSync(hotFolder) ? fs.readdirSync(hotFolder).filter((n) => n.endsWith('.pdf')) : []).toEqual([]);

  // the caseworker checks the number and confirms: it goes to paper, with one name and address throughout
  await warning.getByRole('checkbox').check();
  await warning.getByRole('button', { name: 'Bekreft mottaker' }).click();
  await expect(page.getByTestId('recipient-result')).toContainText('Mottakeren er bekreftet');
  const pdfs = () => [hotFolder, path.join(hotFolder, 'done')].flatMap((d) => (fs.existsSync(d) ? fs.readdirSync(d).filter((n) => n.endsWith('.pdf')).map((n) => path.join(d, n)) : []));
  // the print vendor takes files out of the hot folder as it prints them: keep a copy of the first one as soon as it is there
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-recipient-')), 'printed.pdf');
  const capture = (): boolean => {
    for (const f of pdfs()) {
      try {
        fs.copyFileSync(f, file);
        return true;
      } catch {
        // moved on between listing and copying: try the next or the next poll
      }
    }
    return false;
  };
  await expect.poll(capture, { timeout: 45_000 }).toBe(true);
  await page.reload();
  await openCaseTab(page, 'Historikk');
  await expect(page.getByTestId('case-timeline').getByTestId('timeline-print-resumed')).toContainText('Knut Nilsen');

  const [addressPage, letterPage] = await Promise.all([pdftotext(file, ['-f', '1', '-l', '1']), pdftotext(file, ['-f', '2', '-l', '2'])]);
  for (const [k, { tool, out: text }] of addressPage.entries()) {
    const letter = letterPage[k]!.out;
    for (const line of ['Knut Nilsen', 'Granittvegen 7', '2270 FLISA']) {
      expect(text, `${tool}: address page`).toContain(line);
      expect(letter, `${tool}: letter`).toContain(line);
    }
  }
});
