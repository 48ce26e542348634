// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../electron/ipc/contract';
import type { HubResult } from '../../electron/ipc/result';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { LOGS_PAGE_SIZE } from '../../renderer/src/logs/logs.page';
import { deskUserFixture, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });
const T = Date.UTC(2026, 11, 7, 9, 30, 15);

type Entry = ChannelOutput<'logs.query'>['entries'][number];
const entry = (i: number, over: Partial<Entry> = {}): Entry => ({ t: new Date(T - i * 1000).toISOString(), level: 'info', msg: `line ${i}`, fields: { i }, ...over });

/** A hub with 150 lines: the first page holds 100, "Vis eldre" brings the last 50. */
function logsHub(over: { 'logs.supportBundle'?: () => HubResult<ChannelOutput<'logs.supportBundle'>> } = {}) {
  const all = Array.from({ length: 150 }, (_, i) =>
    i === 0 ? entry(0, { level: 'warn', msg: 'job failed', fields: { jobId: 12, type: 'noark.archive', kind: 'transient', detail: { code: 503 } } }) : entry(i),
  );
  return new FakeBridge({
    'session.get': () => ok(sessionFixture({ user: IDA })),
    'system.status': () => ok(statusFixture()),
    'logs.query': (input: ChannelInput<'logs.query'>) => {
      const start = input.before ? 100 : 0;
      const rows = all.slice(start, start + LOGS_PAGE_SIZE);
      return ok({ entries: rows, next: start + rows.length < all.length ? { t: rows.at(-1)!.t, skip: 1 } : null, files: 2, truncated: false, integrations: ['archive', 'registers'], jobTypes: ['noark.archive'] });
    },
    'logs.supportBundle': over['logs.supportBundle'] ?? (() => ok({ filename: 'postmottak-stottepakke-2026-12-07T09-30-00-000Z.tar.gz', contentType: 'application/gzip', base64: 'H4sIAAAAAAAAA2NgGAWjYBQMTAAAMwY8xgAEAAA=' })),
  });
}

describe('Logger page (#17 item 5)', () => {
  let clicked: { download: string }[];
  beforeEach(() => {
    clicked = [];
    URL.createObjectURL = vi.fn(() => 'blob:pakke');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the log newest first in a dense table, with the level in words, and pages to older lines', async () => {
    const bridge = logsHub();
    renderApp(bridge, { path: '/logger' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Logger' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Logglinjer' });
    const rows = within(table).getAllByTestId('logs-row');
    expect(rows).toHaveLength(100);
    const first = [...rows[0]!.querySelectorAll('th, td')].map((c) => c.textContent);
    expect(first[1]).toBe('Advarsel');
    expect(first[2]).toBe('job failed');
    expect(first[3]).toBe('jobId=12 type=noark.archive kind=transient detail={"code":503}');
    expect(rows[0]!.querySelector('time')!.getAttribute('dateTime')).toBe(new Date(T).toISOString());
    expect(screen.getByTestId('logs-count').textContent).toBe('Viser 100 linjer fra 2 loggfil(er).');

    fireEvent.click(screen.getByRole('button', { name: 'Vis eldre' }));
    await waitFor(() => expect(within(table).getAllByTestId('logs-row')).toHaveLength(150));
    expect(bridge.callsTo('logs.query').at(-1)).toEqual({ limit: LOGS_PAGE_SIZE, before: { t: new Date(T - 99_000).toISOString(), skip: 1 } });
    expect(screen.queryByRole('button', { name: 'Vis eldre' })).toBeNull();
  });

  it('asks the hub with the filter: level, text, time range and integration; refuses a range that ends before it starts', async () => {
    const bridge = logsHub();
    renderApp(bridge, { path: '/logger' });
    await screen.findByRole('table', { name: 'Logglinjer' });
    const form = screen.getByTestId('logs-filter');
    fireEvent.change(within(form).getByLabelText('Nivå'), { target: { value: 'warn' } });
    fireEvent.change(within(form).getByLabelText('Søk i meldinger'), { target: { value: ' arkivet ' } });
    // the integrations by name, not by their technical keys
    await waitFor(() => expect(within(form).getByRole('option', { name: 'Folkeregisteret og KRR' })).toBeTruthy());
    fireEvent.change(within(form).getByLabelText('Integrasjon'), { target: { value: 'archive' } });
    fireEvent.change(within(form).getByLabelText('Fra'), { target: { value: '2026-12-07T10:15' } });
    fireEvent.change(within(form).getByLabelText('Til'), { target: { value: '2026-12-07T10:00' } });
    const before = bridge.callsTo('logs.query').length;
    fireEvent.click(within(form).getByRole('button', { name: 'Vis' }));
    expect(await within(form).findByText('«Fra» må være før «Til».')).toBeTruthy();
    expect(bridge.callsTo('logs.query')).toHaveLength(before);

    fireEvent.change(within(form).getByLabelText('Til'), { target: { value: '2026-12-07T10:30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Vis' }));
    await waitFor(() => expect(bridge.callsTo('logs.query').length).toBe(before + 1));
    expect(bridge.callsTo('logs.query').at(-1)).toEqual({
      limit: LOGS_PAGE_SIZE,
      level: 'warn',
      text: 'arkivet',
      integration: 'archive',
      from: new Date('2026-12-07T10:15').getTime(),
      to: new Date('2026-12-07T10:30').getTime() + 59_999,
    });
  });

  it('downloads the support bundle as a .tar.gz and says so', async () => {
    renderApp(logsHub(), { path: '/logger' });
    fireEvent.click(await screen.findByRole('button', { name: 'Last ned støttepakke' }));
    expect((await screen.findByTestId('logs-bundle-done')).textContent).toBe('Støttepakken postmottak-stottepakke-2026-12-07T09-30-00-000Z.tar.gz er lastet ned.');
    expect(clicked).toEqual([{ download: 'postmottak-stottepakke-2026-12-07T09-30-00-000Z.tar.gz' }]);
  });

  it('shows the hub’s refusal of the bundle', async () => {
    renderApp(logsHub({ 'logs.supportBundle': () => fail('internal', 'Støttepakken ble stoppet: logs/postmottak.log inneholder fortsatt et fødselsnummer.') }), { path: '/logger' });
    fireEvent.click(await screen.findByRole('button', { name: 'Last ned støttepakke' }));
    expect(await screen.findByText(/Støttepakken ble stoppet/)).toBeTruthy();
    expect(clicked).toEqual([]);
  });

  it('is in the menu for IT only', async () => {
    renderApp(logsHub(), { path: '/' });
    const nav = await screen.findByRole('navigation', { name: 'Hovedmeny' });
    expect(within(nav).getByRole('link', { name: 'Logger' }).getAttribute('href')).toBe('/logger');
    const kari = new FakeBridge({ 'session.get': () => ok(sessionFixture()), 'system.status': () => ok(statusFixture()) });
    document.body.innerHTML = '';
    renderApp(kari, { path: '/' });
    const nav2 = await screen.findByRole('navigation', { name: 'Hovedmeny' });
    await waitFor(() => expect(within(nav2).getByRole('link', { name: 'Status' })).toBeTruthy());
    expect(within(nav2).queryByRole('link', { name: 'Logger' })).toBeNull();
  });
});
