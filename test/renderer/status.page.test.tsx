// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok, fail } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, NOW, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const statusCalls = (bridge: FakeBridge) => bridge.callsTo('system.status').length;
const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });
const KARI = deskUserFixture();
const ASTRID = deskUserFixture({ account: 'astrid', name: 'Astrid Arkivar', roles: ['arkivar'], groups: [] });

/** The Status page as this user sees it: opened from the main menu, as a user whose landing page is elsewhere does. */
async function statusAs(user: typeof IDA) {
  const bridge = new FakeBridge({ 'session.get': () => ok(sessionFixture({ user })), 'system.status': () => ok(statusFixture()) });
  renderApp(bridge, { path: '/finnes-ikke' });
  fireEvent.click(await within(await screen.findByRole('navigation', { name: 'Hovedmeny' })).findByRole('link', { name: 'Status' }));
  await screen.findByTestId('jobs-done');
  return bridge;
}

describe('Status page', () => {
  it('renders the figures and facts the hub reports', async () => {
    const bridge = new FakeBridge({
      'system.status': () =>
        ok(
          statusFixture({
            lastBackup: { at: NOW - 5 * 60_000, file: 'backup-2025-03-12.sqlite', bytes: 2_500_000 },
            pausedIntegrations: [{ integration: 'altinn', until: NOW + 600_000, reason: 'rate-limited' }],
          }),
        ),
    });
    renderApp(bridge);

    expect(await screen.findByTestId('jobs-done')).toHaveProperty('textContent', '7');
    expect(screen.getByTestId('jobs-queued').textContent).toBe('3');
    expect(screen.getByTestId('jobs-running').textContent).toBe('1');
    // #14: «Døde» are the dead jobs waiting for someone (1 of the 2), «Gitt opp» the abandoned one: two meanings, two words
    expect(screen.getByTestId('jobs-dead').textContent).toBe('1');
    expect(screen.getByTestId('jobs-abandoned').textContent).toBe('1');
    expect(screen.getByTestId('jobs-definitions').textContent).toContain('Døde: har brukt opp forsøkene');
    expect(screen.getByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
    expect(screen.getByTestId('status-store-size').textContent).toBe('1,2 MB');
    expect(screen.getByTestId('status-store-kind').textContent).toBe('PostgreSQL, delt med andre noder (denne: hub-2:4711)');
    expect(screen.getByTestId('status-version').textContent).toBe('0.1.0');
    expect(screen.getByTestId('status-schema-version').textContent).toBe('30');
    expect(screen.getByTestId('status-started').textContent).toContain('for 3 minutter siden');
    expect(screen.getByTestId('status-last-backup').textContent).toContain('backup-2025-03-12.sqlite');
    expect(screen.getByTestId('status-last-backup').textContent).toContain('2,5 MB');
    expect(screen.getByRole('cell', { name: 'altinn' })).toBeTruthy();
    // Known schedules get their Norwegian label, unknown keep the raw name.
    const schedules = screen.getByRole('table', { name: 'Planlagte oppgaver' });
    expect(within(schedules).getByText('Sikkerhetskopi')).toBeTruthy();
    expect(within(schedules).getByText('custom.sync')).toBeTruthy();
    expect(within(schedules).getByText('Aldri')).toBeTruthy();
    // the technical name and cron are under «Tekniske detaljer», not in the table
    expect(within(schedules).queryByText('0 2 * * *')).toBeNull();
    expect(within(schedules).queryByText('store.backup')).toBeNull();
    expect(within(screen.getByTestId('schedules-technical')).getByText('0 2 * * *')).toBeTruthy();
    // #14: the figures are links to the filtered views
    expect(screen.getByRole('link', { name: 'Vis jobbene: Døde' }).getAttribute('href')).toBe('/jobber?status=dead');
    expect(screen.getByRole('link', { name: 'Vis jobbene: Gitt opp' }).getAttribute('href')).toBe('/jobber?status=abandoned');
    expect(screen.getByRole('link', { name: 'Vis jobbene: I kø' }).getAttribute('href')).toBe('/jobber?status=queued');
    // the archive: entries by state, and the transport in words
    expect(screen.getByTestId('archive-archived').textContent).toBe('40');
    expect(screen.getByTestId('archive-pending').textContent).toBe('2');
    expect(screen.getByTestId('archive-failed').textContent).toBe('1');
    expect(screen.getByTestId('archive-transport-status').textContent).toBe('Levert via: Noark 5 tjenestegrensesnitt');
    // #15: hand-overs per internal system, a refusal said in words
    const handovers = screen.getByRole('table', { name: 'Overføring til fagsystem' });
    const ist = within(handovers).getByTestId('handovers-ist-barnehage');
    expect([...ist.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual(['IST barnehageist-barnehage', 'Mappe', '0', '1', '2', '1 avvist', '0', '30', '0']);
    expect(within(handovers).getByTestId('handovers-gerica').textContent).toContain('Manuelt');
    // the wide tables scroll in DataTable's own named region, reachable by keyboard (one box, not a wrapper of the page's own)
    for (const table of [handovers, schedules]) {
      const region = table.parentElement!;
      expect([region.getAttribute('role'), region.getAttribute('tabindex'), region.className]).toEqual(['region', '0', 'pm-table-scroll']);
      expect(region.parentElement!.closest('.pm-table-scroll')).toBeNull();
    }
    expect(screen.getAllByRole('region', { name: 'Overføring til fagsystem' }).some((r) => r.className === 'pm-table-scroll' && r.contains(handovers))).toBe(true);
    expect([...handovers.querySelectorAll('thead th')].map((c) => c.textContent)).toEqual([
      'Fagsystem',
      'Overføring',
      'Venter på oppsett',
      'Sendes',
      'Venter på kvittering',
      'Avvist',
      'Manuell oppgave',
      'Overført',
      'Overført manuelt',
    ]);
  });

  it('says when no archive is set up', async () => {
    const bridge = new FakeBridge({ 'system.status': () => ok(statusFixture({ archive: { transport: null, entries: { pending: 5, 'awaiting-receipt': 0, archived: 0, failed: 0 } } })) });
    renderApp(bridge);
    expect((await screen.findByTestId('archive-transport-status')).textContent).toBe('Ingen sak/arkiv er satt opp – venter');
    expect(screen.getByTestId('archive-pending').textContent).toBe('5');
  });

  it('refetches when job.updated arrives, coalescing a burst into one call per query', async () => {
    let done = 7;
    const bridge = new FakeBridge({
      'system.status': () => ok(statusFixture({ jobs: { queued: 0, running: 0, done, dead: 0, deadUnresolved: 0 } })),
    });
    renderApp(bridge);
    await waitFor(() => expect(screen.getByTestId('jobs-done').textContent).toBe('7'));
    const before = statusCalls(bridge);

    done = 8;
    for (let i = 0; i < 5; i++) bridge.emit('job.updated', { id: i, type: 'store.backup', status: 'done' });

    await waitFor(() => expect(screen.getByTestId('jobs-done').textContent).toBe('8'));
    // One refetch each for the status page and the layout (its waiting banner follows job.updated too), not one per event.
    await new Promise((r) => setTimeout(r, 300));
    expect(statusCalls(bridge) - before).toBe(2);
  });

  it('"Kjør nå" invokes schedules.runNow with the schedule name and confirms politely', async () => {
    const bridge = new FakeBridge({
      'system.status': () => ok(statusFixture()),
      'schedules.runNow': () => ok({ jobId: 99, created: true }),
    });
    renderApp(bridge);
    const button = await screen.findByRole('button', { name: 'Kjør nå: Sikkerhetskopi' });
    expect(button.textContent).toBe('Kjør nå');
    fireEvent.click(button);

    const confirmation = await screen.findByTestId('run-now-result');
    expect(bridge.callsTo('schedules.runNow')).toEqual([{ name: 'store.backup' }]);
    expect(confirmation.textContent).toBe('«Sikkerhetskopi» er lagt i kø som jobb 99.');
    expect(confirmation.closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('shows a runNow failure as an error alert with the hub message', async () => {
    const bridge = new FakeBridge({
      'system.status': () => ok(statusFixture()),
      'schedules.runNow': () => fail('not-found', 'Fant ikke tidsplanen'),
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Kjør nå: custom.sync' }));
    expect(await screen.findByText('Fant ikke tidsplanen')).toBeTruthy();
    expect(screen.getByText('Handlingen mislyktes')).toBeTruthy();
    expect(bridge.callsTo('schedules.runNow')).toEqual([{ name: 'custom.sync' }]);
  });

  it('verifies the audit log and reports ok or the broken entry', async () => {
    let result = { ok: true, checked: 42, problem: null as null | { seq: number; reason: string } };
    const bridge = new FakeBridge({
      'system.status': () => ok(statusFixture()),
      'audit.verify': () => ok(result),
    });
    renderApp(bridge);
    const verify = await screen.findByRole('button', { name: 'Kontroller revisjonsloggen' });

    fireEvent.click(verify);
    let alert = await screen.findByTestId('audit-verify-result');
    expect(alert.textContent).toContain('Revisjonsloggen er i orden');
    expect(alert.textContent).toContain('42 oppføringer er kontrollert.');

    result = { ok: false, checked: 17, problem: { seq: 17, reason: 'hash mismatch' } };
    fireEvent.click(verify);
    await waitFor(() => expect(screen.getByTestId('audit-verify-result').textContent).toContain('ikke i orden'));
    alert = screen.getByTestId('audit-verify-result');
    expect(alert.textContent).toContain('Feil ved oppføring nr. 17: hash mismatch');
    expect(alert.getAttribute('data-color')).toBe('danger');
    expect(bridge.callsTo('audit.verify')).toHaveLength(2);
  });

  it('shows the hub error when system.status fails, and can retry', async () => {
    let healthy = false;
    const bridge = new FakeBridge({
      'system.status': () => (healthy ? ok(statusFixture()) : fail('internal', 'Databasen er låst')),
    });
    renderApp(bridge);
    expect(await screen.findByText('Databasen er låst')).toBeTruthy();
    expect(screen.getByText('Kunne ikke hente data')).toBeTruthy();
    expect(screen.getByText('Feilkode: internal')).toBeTruthy();
    expect(screen.queryByTestId('jobs-done')).toBeNull();

    healthy = true;
    fireEvent.click(screen.getByRole('button', { name: 'Prøv igjen' }));
    expect((await screen.findByTestId('jobs-done')).textContent).toBe('7');
    expect(screen.queryByText('Databasen er låst')).toBeNull();
  });

  it('a caseworker reads the figures without «Kjør nå», technical details or links to screens they cannot open (#14)', async () => {
    await statusAs(KARI);
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Kjør nå/ })).toBeNull());
    expect(screen.queryByTestId('schedules-technical')).toBeNull();
    expect(screen.queryByRole('link', { name: /^Vis jobbene/ })).toBeNull();
    expect(screen.queryByTestId('handover-jobs-link')).toBeNull();
    expect(within(screen.getByRole('table', { name: 'Planlagte oppgaver' })).getByText('Sikkerhetskopi')).toBeTruthy();
  });

  it('IT runs schedules, sees the technical details, and goes from the archive and hand-over figures to their jobs', async () => {
    await statusAs(IDA);
    expect(await screen.findByRole('button', { name: 'Kjør nå: Sikkerhetskopi' })).toBeTruthy();
    expect(screen.getByTestId('schedules-technical')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Vis jobbene: Avvist' }).getAttribute('href')).toBe('/jobber?integration=archive&status=dead');
    expect(screen.getByTestId('handover-jobs-link').getAttribute('href')).toBe('/jobber?integration=internal');
  });

  it('an archivist goes from «Avvist» to the refused deliveries', async () => {
    await statusAs(ASTRID);
    expect((await screen.findByRole('link', { name: 'Vis leveransene: Avvist' })).getAttribute('href')).toBe('/arkiv?fane=leveranser');
  });
});
