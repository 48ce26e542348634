// @vitest-environment jsdom
// #17 item 3: the health badge in the header (every user), the integration health panel on the Status page (IT), the card summary.
import './helpers/setup-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { HealthDto, IntegrationHealthDto } from '../../electron/ipc/health.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { IntegrationHealthSummary } from '../../renderer/src/health/integration-health-summary';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { integrationHealth } from '../helpers/integration-health.fixture';
import { deskUserFixture, NOW, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });
const MIN = 60_000;

const integration = (over: Partial<IntegrationHealthDto> = {}): IntegrationHealthDto => ({
  ...integrationHealth({ state: 'ok', lastSuccessAt: NOW - 5 * MIN, successes: 4 }),
  nextRetryAt: null,
  deadJobs: 0,
  ...over,
});

const ARCHIVE_DOWN = integration({
  state: 'degradert',
  lastFailureAt: NOW - MIN,
  lastError: 'connect ECONNREFUSED 127.0.0.1:9',
  lastErrorKind: 'transient',
  failingSince: NOW - 3 * MIN,
  queueDepth: 3,
  oldestWaitingAt: NOW - 4 * MIN,
  nextRetryAt: NOW + 2 * MIN,
  deadJobs: 1,
  failures: 2,
});
const ALTINN_PAUSED = integration({ integration: 'altinn', state: 'nede', pausedUntil: NOW + 10 * MIN, lastErrorKind: 'rate-limited', lastError: 'For mange forespørsler', lastFailureAt: NOW - MIN, failingSince: NOW - MIN });

const health = (over: Partial<HealthDto> = {}): HealthDto => ({ state: 'ok', checkedAt: NOW, integrations: [], details: false, ...over });

describe('health badge', () => {
  it('shows every user the overall state in words, without details, and refreshes on job.updated', async () => {
    let state: HealthDto['state'] = 'degradert';
    const bridge = new FakeBridge({
      'session.get': () => ok(sessionFixture()),
      'system.status': () => ok(statusFixture()),
      'health.get': () => ok(health({ state })),
    });
    renderApp(bridge);
    const banner = await screen.findByRole('banner');
    const tag = await within(banner).findByTestId('health-badge-state');
    expect(tag.textContent).toBe('Driftsstatus: Degradert');
    expect(within(banner).queryByRole('link', { name: 'Detaljer om driftsstatus' })).toBeNull();

    state = 'nede';
    const before = bridge.callsTo('health.get').length;
    bridge.emit('job.updated', { id: 1, type: 'archive.deliver', status: 'queued' });
    await waitFor(() => expect(within(banner).getByTestId('health-badge-state').textContent).toBe('Driftsstatus: Nede'));
    expect(bridge.callsTo('health.get').length).toBeGreaterThan(before);
    // no panel for a caseworker on the Status page (a caseworker lands on Innboks, #14: the nav brings Status)
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Hovedmeny' })).getByRole('link', { name: 'Status' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Integrasjonenes helse' })).toBeNull();
  });

  it('says nothing when the hub cannot answer (no alert in the header)', async () => {
    const bridge = new FakeBridge({ 'session.get': () => ok(sessionFixture()), 'system.status': () => ok(statusFixture()) });
    renderApp(bridge, { path: '/svar' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Svar' })).toBeTruthy();
    await waitFor(() => expect(bridge.callsTo('health.get').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('health-badge')).toBeNull();
    expect(within(screen.getByRole('banner')).queryByRole('alert')).toBeNull();
  });

  it('speaks English when the UI does', async () => {
    const bridge = new FakeBridge({ 'session.get': () => ok(sessionFixture()), 'system.status': () => ok(statusFixture()), 'health.get': () => ok(health({ state: 'degradert' })) });
    renderApp(bridge, { language: 'en' });
    expect((await screen.findByTestId('health-badge-state')).textContent).toBe('Service health: Degraded');
  });
});

describe('integration health for IT', () => {
  it('links from the header to the panel on the Status page, which lists state, last success and failure, backoff or pause, queue and oldest waiting', async () => {
    const bridge = new FakeBridge({
      'session.get': () => ok(sessionFixture({ user: IDA })),
      'system.status': () => ok(statusFixture()),
      'health.get': () => ok(health({ state: 'nede', details: true, integrations: [ALTINN_PAUSED, ARCHIVE_DOWN, integration({ integration: 'registers' })] })),
    });
    // IT lands elsewhere; the header's link brings them to the panel
    renderApp(bridge, { path: '/jobber' });
    const link = await within(screen.getByRole('banner')).findByRole('link', { name: 'Detaljer om driftsstatus' });
    expect(screen.getByTestId('health-badge-state').textContent).toBe('Driftsstatus: Nede');
    fireEvent.click(link);
    expect(await screen.findByRole('heading', { level: 2, name: 'Integrasjonenes helse' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Helse per integrasjon' });
    expect([...table.querySelectorAll('thead th')].map((c) => c.textContent)).toEqual([
      'Integrasjon', 'Tilstand', 'Siste vellykkede', 'Siste feil', 'Pause eller nytt forsøk', 'I kø', 'Eldste ventende',
    ]);
    const archive = within(table).getByTestId('health-row-archive');
    const cells = [...archive.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
    expect(cells[0]).toBe('Sak/arkiv');
    expect(cells[1]).toBe('Degradert');
    expect(cells[2]).toContain('for 5 minutter siden');
    expect(cells[3]).toContain('Midlertidig feil');
    expect(cells[3]).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect(cells[3]).toContain('Feiler siden');
    expect(cells[4]).toMatch(/^Nytt forsøk .*om 2 minutter/);
    expect(cells[5]).toBe('3 jobber1 død jobb');
    expect(cells[6]).toContain('for 4 minutter siden');
    const altinn = [...within(table).getByTestId('health-row-altinn').querySelectorAll('th, td')].map((c) => c.textContent ?? '');
    expect(altinn.slice(0, 2)).toEqual(['Altinn', 'Nede']);
    expect(altinn[4]).toMatch(/^Pause til .*om 10 minutter/);
    const registers = [...within(table).getByTestId('health-row-registers').querySelectorAll('th, td')].map((c) => c.textContent ?? '');
    expect([registers[1], registers[3], registers[4], registers[5], registers[6]]).toEqual(['OK', 'Ingen feil', '–', '0 jobber', '–']);
    // the state is words on a coloured tag, never colour alone
    expect(within(archive).getByTestId('health-archive-state').getAttribute('data-color')).toBe('warning');
  });

  it('says so when no integration has been used', async () => {
    const bridge = new FakeBridge({
      'session.get': () => ok(sessionFixture({ user: IDA })),
      'system.status': () => ok(statusFixture()),
      'health.get': () => ok(health({ details: true })),
    });
    renderApp(bridge, { path: '/jobber' });
    fireEvent.click(await within(screen.getByRole('banner')).findByRole('link', { name: 'Detaljer om driftsstatus' }));
    expect(await screen.findByText('Ingen integrasjon er tatt i bruk ennå.')).toBeTruthy();
    expect(screen.getByTestId('health-badge-state').textContent).toBe('Driftsstatus: OK');
  });
});

describe('IntegrationHealthSummary (for the Integrasjoner cards)', () => {
  it('shows one integration: state, last success, the failure with what to do, the next attempt and the queue', () => {
    render(
      <I18nextProvider i18n={createI18n('nb')}>
        <IntegrationHealthSummary health={ARCHIVE_DOWN} now={NOW} />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('health-archive-state').textContent).toBe('Degradert');
    expect(screen.getByTestId('health-archive-last-success').textContent).toContain('for 5 minutter siden');
    expect(screen.getByTestId('health-archive-last-failure').textContent).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect(screen.getByTestId('health-archive-backoff').textContent).toMatch(/^Nytt forsøk/);
    expect(screen.getByTestId('health-archive-queue').textContent).toBe('3 jobber1 død jobb');
    expect(screen.getByText(/Sjekk at tjenesten svarer og at adressen er riktig under Integrasjoner/)).toBeTruthy();
  });

  it('gives no advice while the integration works', () => {
    render(
      <I18nextProvider i18n={createI18n('nn')}>
        <IntegrationHealthSummary health={integration({ lastFailureAt: NOW - 60 * MIN, lastErrorKind: 'auth', lastError: 'Ugyldig token' })} now={NOW} />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('health-archive-state').textContent).toBe('OK');
    expect(screen.getByTestId('health-archive-last-failure').textContent).toContain('Ugyldig token');
    expect(screen.queryByText(/Sjekk nøkkel/)).toBeNull();
    expect(screen.getByTestId('health-archive-backoff').textContent).toBe('–');
  });
});
