// @vitest-environment jsdom
// #17 item 1: the Integrasjoner screen: cards, the generated form with the hub's errors next to their fields, "Test tilkobling".
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IntegrationHealthDto } from '../../electron/ipc/health.contract';
import type { IntegrationCardDto, IntegrationSectionDto } from '../../electron/ipc/integrations-admin.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { cronWords } from '../../renderer/src/connections/cron-words';
import { deskUserFixture, NOW, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });

const ARCHIVE: IntegrationCardDto = {
  key: 'archive',
  section: 'integrations.archive',
  title: 'Sak/arkiv',
  enabled: true,
  kind: 'noark5-rest',
  endpoints: [{ field: 'noark5.url', value: 'http://127.0.0.1:8080/noark5' }],
  credentials: [{ field: 'noark5.auth.password', secret: 'ARKIV_PASSORD', exists: false }],
  schedules: [],
  limits: [{ field: 'noark5.timeoutMs', value: 30000 }],
  healthKey: 'archive',
};
// 2026-12-07 is a Monday; 13:55 UTC is 14:55 in Oslo
const ALTINN: IntegrationCardDto = {
  key: 'altinn',
  section: 'integrations.altinn',
  title: 'Altinn 3 (innsendinger)',
  enabled: false,
  kind: null,
  endpoints: [{ field: 'platformUrl', value: 'https://platform.tt02.altinn.no' }],
  credentials: [{ field: 'maskinporten.privateKey', secret: 'MP_KEY', exists: true }],
  schedules: [{ field: 'schedule', cron: '*/5 * * * *', nextRuns: [Date.UTC(2026, 11, 7, 13, 55), Date.UTC(2026, 11, 7, 14, 0), Date.UTC(2026, 11, 7, 14, 5)] }],
  limits: [{ field: 'pageSize', value: 100 }],
  healthKey: 'altinn',
};

const ARCHIVE_HEALTH: IntegrationHealthDto = {
  integration: 'archive',
  state: 'degradert',
  lastSuccessAt: NOW - 600_000,
  lastFailureAt: NOW - 60_000,
  lastError: 'connect ECONNREFUSED 127.0.0.1:8080',
  lastErrorKind: 'transient',
  failingSince: NOW - 300_000,
  pausedUntil: null,
  queueDepth: 3,
  oldestWaitingAt: NOW - 400_000,
  successes: 4,
  failures: 2,
};

const SECTION: IntegrationSectionDto = {
  key: 'archive',
  section: 'integrations.archive',
  title: 'Sak/arkiv',
  values: { transport: 'noark5-rest', noark5: { url: 'http://127.0.0.1:8080/noark5', auth: { kind: 'basic', username: 'pm', password: { secret: 'ARKIV_PASSORD' } } } },
  schema: {
    type: 'object',
    properties: {
      enabled: { type: 'boolean', default: true },
      transport: { type: 'string', enum: ['noark5-rest', 'geointegrasjon'] },
      noark5: {
        type: 'object',
        properties: {
          url: { type: 'string', format: 'uri', description: 'Rot-URL for Noark 5' },
          auth: {
            oneOf: [
              { type: 'object', properties: { kind: { type: 'string', const: 'none' } }, required: ['kind'] },
              {
                type: 'object',
                properties: { kind: { type: 'string', const: 'basic' }, username: { type: 'string' }, password: { type: 'object', properties: { secret: { type: 'string' } }, required: ['secret'] } },
                required: ['kind', 'username', 'password'],
              },
            ],
          },
          timeoutMs: { type: 'integer', default: 30000 },
        },
        required: ['url'],
      },
      pollSchedule: { type: 'string', default: '*/15 * * * *' },
    },
    required: ['transport'],
  },
  secretNames: ['ARKIV_PASSORD_NY'],
  hash: 'abc',
  editable: true,
  readOnlyReason: null,
};

function bridge() {
  return new FakeBridge({
    'session.get': () => ok(sessionFixture({ user: IDA })),
    'system.status': () => ok(statusFixture()),
    'health.get': () => ok({ state: 'degradert', checkedAt: NOW, integrations: [ARCHIVE_HEALTH] }),
    'integrationsAdmin.list': () => ok({ editable: true, readOnlyReason: null, file: '/etc/postmottak/postmottak.yaml', timezone: 'Europe/Oslo', cards: [ARCHIVE, ALTINN], available: [{ key: 'print', title: 'Utskrift' }] }),
    'integrationsAdmin.get': () => ok(SECTION),
    'integrationsAdmin.save': ({ values }) => {
      const url = (values.noark5 as { url?: string } | undefined)?.url ?? '';
      return ok(
        url.startsWith('http')
          ? { saved: true, message: 'Lagret og tatt i bruk.', problems: [], changes: [{ key: 'integrations.archive.noark5.url', before: 'a', after: url }], hash: 'def', applied: true }
          : {
              saved: false,
              message: 'Endringen er ikke lagret: rett feltene som er merket.',
              problems: [{ key: 'integrations.archive.noark5.url', field: 'noark5.url', message: 'Ugyldig URL' }],
              changes: [],
              hash: null,
              applied: false,
            },
      );
    },
    'integrationsAdmin.test': () =>
      ok({
        ok: false,
        problems: [],
        steps: [
          { step: 'Slå opp 127.0.0.1', ok: true, detail: 'Adressen er gyldig', ms: 1 },
          { step: 'Kall Noark 5-tjenesten', ok: false, detail: 'Ingen svar på 127.0.0.1:8080 (tilkoblingen ble avvist). Sjekk porten.', ms: 12 },
        ],
      }),
  });
}

describe('Integrasjoner page', () => {
  it('shows a card per integration: endpoint, secret by name and whether it exists, schedule in words with the next runs in Oslo time, limits, health', async () => {
    renderApp(bridge(), { path: '/integrasjoner' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Integrasjoner' })).toBeTruthy();
    const archive = await screen.findByTestId('integration-archive');
    expect(within(archive).getByRole('heading', { level: 3, name: 'Sak/arkiv' })).toBeTruthy();
    expect(within(archive).getByTestId('integration-archive-enabled').textContent).toBe('Slått på');
    expect(within(archive).getByTestId('integration-archive-endpoints').textContent).toContain('http://127.0.0.1:8080/noark5');
    expect(within(archive).getByTestId('integration-archive-credentials').textContent).toContain('ARKIV_PASSORD – mangler i hemmelighetslageret');
    // the limit in words with its unit, the config key beside it for the file
    expect(within(archive).getByTestId('integration-archive-limits').textContent).toBe('Tidsavbrudd: 30\u00a0s (noark5.timeoutMs)');
    // the health helper's summary, fed from health.get
    await waitFor(() => expect(within(archive).getByTestId('health-archive')).toBeTruthy());
    expect(within(archive).getByTestId('health-archive').textContent).toContain('ECONNREFUSED');

    const altinn = screen.getByTestId('integration-altinn');
    expect(within(altinn).getByTestId('integration-altinn-enabled').textContent).toBe('Slått av');
    expect(within(altinn).getByTestId('integration-altinn-schedule-words').textContent).toBe('hvert 5. minutt');
    const times = [...within(altinn).getByTestId('integration-altinn-schedules').querySelectorAll('time')].map((t) => t.textContent);
    expect(times).toHaveLength(3);
    expect(times[0]).toContain('14:55');
    expect(times[2]).toContain('15:05');
    expect(within(altinn).getByTestId('integration-altinn-credentials').textContent).toContain('MP_KEY – finnes i hemmelighetslageret');
  });

  it('opens the generated form; a bad field is shown next to the field and in the error summary', async () => {
    const b = bridge();
    renderApp(b, { path: '/integrasjoner' });
    const archive = await screen.findByTestId('integration-archive');
    fireEvent.click(within(archive).getByRole('button', { name: 'Endre' }));
    const editor = await screen.findByTestId('connection-editor');
    expect(within(editor).getByRole('heading', { level: 2, name: 'Endre Sak/arkiv' })).toBeTruthy();

    // the union's branch (basic) with the secret as a select of the store's names, the current one marked missing
    const password = within(editor).getByLabelText('password') as HTMLSelectElement;
    expect([...password.options].map((o) => o.textContent)).toEqual(['Velg …', 'ARKIV_PASSORD (mangler i lageret)', 'ARKIV_PASSORD_NY', 'Ny …']);
    // the cron field explains itself from its default
    expect(within(editor).getByTestId('cfg-pollSchedule-words').textContent).toBe('hvert 15. minutt');
    fireEvent.change(within(editor).getByLabelText('pollSchedule', { exact: false }), { target: { value: '0 2 * * 1-5' } });
    expect(within(editor).getByTestId('cfg-pollSchedule-words').textContent).toBe('mandag–fredag kl. 02:00');

    const url = within(editor).getByLabelText('url', { exact: false }) as HTMLInputElement;
    fireEvent.change(url, { target: { value: 'ikke en adresse' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Lagre' }));

    const summary = await within(editor).findByTestId('connection-error-summary');
    expect(summary.textContent).toContain('noark5.url: Ugyldig URL');
    expect(within(summary).getByRole('link', { name: /noark5.url/ }).getAttribute('href')).toBe('#cfg-noark5_url');
    // next to the field: the input is marked invalid and described by its message
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (url.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
    expect(describedBy.join(' ')).toContain('Ugyldig URL');
    expect(b.callsTo('integrationsAdmin.save')[0]).toMatchObject({ key: 'archive', hash: 'abc', values: { noark5: { url: 'ikke en adresse' }, pollSchedule: '0 2 * * 1-5' } });

    fireEvent.change(url, { target: { value: 'http://127.0.0.1:8081/noark5' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Lagre' }));
    const result = await within(editor).findByTestId('connection-save-result');
    expect(result.textContent).toContain('Lagret og tatt i bruk.');
    expect(result.textContent).toContain('integrations.archive.noark5.url: a → http://127.0.0.1:8081/noark5');
    expect(within(editor).queryByTestId('connection-error-summary')).toBeNull();
  });

  it('"Test tilkobling" lists each step with OK or Feil in words, what happened and how long', async () => {
    renderApp(bridge(), { path: '/integrasjoner' });
    const archive = await screen.findByTestId('integration-archive');
    fireEvent.click(within(archive).getByTestId('integration-archive-test'));
    const probe = await within(archive).findByTestId('integration-archive-probe');
    expect(within(probe).getByTestId('integration-archive-probe-outcome').textContent).toBe('Tilkoblingen feilet');
    const steps = within(probe).getAllByTestId('integration-archive-probe-step').map((s) => s.textContent);
    expect(steps).toEqual([
      'OK Slå opp 127.0.0.1 (1 ms)Adressen er gyldig',
      'Feil Kall Noark 5-tjenesten (12 ms)Ingen svar på 127.0.0.1:8080 (tilkoblingen ble avvist). Sjekk porten.',
    ]);
  });

  it('puts cron expressions in words', () => {
    expect(cronWords('*/5 * * * *')).toEqual({ key: 'everyNMinutes', n: 5 });
    expect(cronWords('0 2 * * *')).toEqual({ key: 'dailyAt', time: '02:00' });
    expect(cronWords('30 */2 * * *')).toEqual({ key: 'everyNHours', n: 2, minute: 30 });
    expect(cronWords('15 6 1 * *')).toEqual({ key: 'monthlyAt', day: 1, time: '06:15' });
    expect(cronWords('0 7 * * 0')).toEqual({ key: 'weekdaysAt', days: [0], time: '07:00' });
    expect(cronWords('0 0 1 1 *')).toEqual({ key: 'custom', expr: '0 0 1 1 *' });
    expect(cronWords('* *')).toEqual({ key: 'invalid', expr: '* *' });
  });
});
