import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './test/helpers/chromium-path';

// Never a browser downloaded at run time: CHROMIUM_PATH, else `chromium` on PATH (Debian's), else the
// one inside the pinned @sparticuz/chromium package (test/helpers/chromium-path.ts). The flags keep it off the network.
const browser = resolveChromium();

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: browser.executablePath,
      ...(browser.env ? { env: browser.env } : {}),
      args: CHROMIUM_ARGS,
    },
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    screenshot: 'only-on-failure',
  },
});
