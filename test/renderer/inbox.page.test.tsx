// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../../electron/ipc/desk.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { caseListAnswer, caseRowFixture, caseWorkFixture, NOW, publicId, statusFixture, submissionDetailFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';
import { useGridLayout } from './helpers/virtual-dom';

useGridLayout();

const DAY = 24 * 3600_000;
const ROWS: CaseRow[] = [
  caseRowFixture({ publicId: publicId(1), deadlineAt: Date.now() + 20 * DAY }),
  caseRowFixture({
    publicId: publicId(2),
    applicantName: 'Per Hansen',
    personNumberMasked: '020280*****',
    profileId: 'skoleskyss',
    serviceName: 'Skoleskyss',
    status: 'in-progress',
    assignee: { account: 'kari', name: 'Kari Saksbehandler' },
    caseNumber: null,
    deadlineAt: Date.now() - DAY,
    preliminaryReplyAt: Date.now() - 2 * DAY,
  }),
  caseRowFixture({ publicId: publicId(3), applicantName: null, status: 'quarantined', profileId: null, serviceName: null, caseNumber: null, deadlineAt: null }),
];

function inboxBridge(rows: CaseRow[] = ROWS) {
  return new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'cases.list': (input) => ok(caseListAnswer(rows, input)),
    'cases.claim': () => ok(caseWorkFixture({ status: 'in-progress', assignee: { account: 'kari', name: 'Kari Saksbehandler' } })),
    'cases.work': () => ok(caseWorkFixture()),
    'submissions.get': (input) => ok(submissionDetailFixture({ publicId: input.publicId })),
    'ingest.pollNow': () => ok({ jobIds: [17] }),
  });
}

const row = (n: number) => screen.getByTestId(`case-row-${publicId(n)}`);
const lastList = (bridge: FakeBridge) => bridge.callsTo('cases.list').at(-1);
const base = { sort: 'received', dir: 'desc', limit: 100, offset: 0 };

describe('Inbox (cases.list)', () => {
  it('lists cases in an accessible grid: masked fnr, service, status in words, assignee, case number, deadline warnings', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    const grid = await screen.findByRole('grid', { name: 'Saker' });
    expect(grid.getAttribute('aria-rowcount')).toBe('4');
    expect(screen.getByTestId('inbox-total').textContent).toBe('3 saker');
    expect(screen.getByTestId('inbox-total').closest('[aria-live="polite"]')).not.toBeNull();
    // What a screen reader reads (aria-hidden left out), without the sort hint.
    const spoken = (el: Element) => {
      const copy = el.cloneNode(true) as Element;
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return copy.textContent?.replace(/,.*$/, '');
    };
    const headers = within(grid).getAllByRole('columnheader');
    expect(headers.map(spoken)).toEqual([
      'Søker',
      'Tjeneste',
      'Mottatt',
      'Status',
      'Saksbehandler',
      'Saksnummer',
      'Frist',
    ]);
    // The narrow case-number column shows an abbreviation, with the full name as tooltip.
    expect(headers[5]!.querySelector('[aria-hidden="true"]')?.textContent).toBe('Saksnr.');
    expect(headers[5]!.getAttribute('title')).toBe('Saksnummer');
    expect(within(grid).getAllByRole('columnheader')[2]!.getAttribute('aria-sort')).toBe('descending');

    const first = within(row(1));
    expect(first.getByRole('link', { name: 'Kari Nordmann' }).getAttribute('href')).toBe(`/innboks/${publicId(1)}`);
    expect(first.getByText('010170*****')).toBeTruthy();
    expect(first.getByTestId('case-status').textContent).toBe('Ny');
    expect(first.getByTestId('case-assignee').textContent).toBe('Ikke tildelt');
    expect(first.getByText('2026/118')).toBeTruthy();
    expect(first.queryByTestId('deadline-overdue')).toBeNull();
    expect(row(1).getAttribute('aria-rowindex')).toBe('2');

    const second = within(row(2));
    expect(second.getByTestId('case-status').textContent).toBe('Under behandling');
    expect(second.getByTestId('case-assignee').textContent).toBe('Kari Saksbehandler');
    expect(second.getByTestId('deadline-overdue').textContent).toBe('Fristen er passert');
    expect(second.getByTestId('deadline-preliminary').textContent).toContain('Foreløpig svar');
    expect(within(row(3)).getByTestId('case-status').textContent).toBe('Karantene');
    expect(within(row(3)).getByRole('link', { name: 'Søker uten navn' })).toBeTruthy();

    expect(bridge.callsTo('cases.list')).toEqual([base]);
    expect(screen.getByText(/Et helt fødselsnummer \(11 siffer\)/)).toBeTruthy();
  });

  it('filters by status, service, assignee and deadline, kept in the URL', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'quarantined' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, status: 'quarantined' }));
    await waitFor(() => expect(screen.queryByTestId(`case-row-${publicId(1)}`)).toBeNull());
    expect(row(3)).toBeTruthy();
    expect(screen.getByRole('grid', { name: 'Saker – filtrert' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'all' } });
    fireEvent.change(await screen.findByLabelText('Tjeneste'), { target: { value: 'skoleskyss' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, profileId: 'skoleskyss' }));
    fireEvent.change(screen.getByLabelText('Saksbehandler'), { target: { value: 'me' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, profileId: 'skoleskyss', assignee: 'me' }));
    fireEvent.change(screen.getByLabelText('Frist'), { target: { value: 'overdue' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, profileId: 'skoleskyss', assignee: 'me', deadline: 'overdue' }));

    fireEvent.click(screen.getByRole('button', { name: 'Nullstill filtre og søk' }));
    await waitFor(() => expect(lastList(bridge)).toEqual(base));
  });

  it('offers every service the user may see in the service filter, also those with no loaded rows', async () => {
    const bridge = new FakeBridge({
      'system.status': () => ok(statusFixture()),
      'cases.list': () => ok({ items: [caseRowFixture()], total: 1, counts: { new: 1 }, services: [{ id: 'startlan', name: 'Søknad om startlån' }] }),
    });
    renderApp(bridge, { path: '/innboks' });
    const select = (await screen.findByLabelText('Tjeneste')) as HTMLSelectElement;
    await waitFor(() => expect([...select.options].map((o) => o.textContent)).toContain('Søknad om startlån'));
  });

  it('starts from the filters in the URL, and offers the unassigned filter', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks?assignee=none&deadline=preliminary&sort=deadline&dir=asc' });
    await screen.findByTestId('inbox-total');
    expect(bridge.callsTo('cases.list')).toEqual([{ ...base, assignee: 'none', deadline: 'preliminary', sort: 'deadline', dir: 'asc' }]);
    expect((screen.getByLabelText('Saksbehandler') as HTMLSelectElement).value).toBe('none');
  });

  it('sorts by clicking column headers, toggling the direction, with aria-sort', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    fireEvent.click(screen.getByTestId('sort-applicant'));
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, sort: 'applicant', dir: 'asc' }));
    const header = () => screen.getByTestId('sort-applicant').closest('[role="columnheader"]')!;
    await waitFor(() => expect(header().getAttribute('aria-sort')).toBe('ascending'));
    fireEvent.click(screen.getByTestId('sort-applicant'));
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, sort: 'applicant', dir: 'desc' }));
    await waitFor(() => expect(header().getAttribute('aria-sort')).toBe('descending'));
    fireEvent.click(screen.getByTestId('sort-deadline'));
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, sort: 'deadline', dir: 'asc' }));
  });

  it('searches after a pause in typing (debounced), and at once on Enter; "/" focuses the field', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    const field = screen.getByLabelText('Søk i saker');

    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(field);

    fireEvent.change(field, { target: { value: 'Nor' } });
    fireEvent.change(field, { target: { value: 'Nordmann' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, q: 'Nordmann' }));
    expect(bridge.callsTo('cases.list').filter((c) => c.q === 'Nor')).toEqual([]);
    await waitFor(() => expect(screen.getByTestId('inbox-total').textContent).toBe('3 saker passer med søket «Nordmann»'));

    fireEvent.change(field, { target: { value: '01017012345' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, q: '01017012345' }));
  });

  it('keyboard: ↓/j and ↑/k move the active row, Enter opens, c claims', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    const grid = screen.getByRole('grid');
    grid.focus();
    const active = () => document.getElementById(grid.getAttribute('aria-activedescendant')!)!.closest('[role="row"]')!;
    expect(active()).toBe(row(1));
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await waitFor(() => expect(active()).toBe(row(2)));
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 'j' });
    await waitFor(() => expect(active()).toBe(row(3)));
    fireEvent.keyDown(grid, { key: 'j' }); // stays on the last row
    fireEvent.keyDown(grid, { key: 'k' });
    await waitFor(() => expect(active()).toBe(row(2)));

    fireEvent.keyDown(grid, { key: 'c' });
    expect((await screen.findByTestId('inbox-claimed')).textContent).toBe('Du har tatt saken til Per Hansen.');
    expect(bridge.callsTo('cases.claim')).toEqual([{ publicId: publicId(2) }]);
    expect(screen.getByTestId('inbox-claimed').closest('[aria-live="polite"]')).not.toBeNull();

    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(await screen.findByTestId('submission-form')).toBeTruthy();
    expect(bridge.callsTo('submissions.get')).toEqual([{ publicId: publicId(2) }]);
  });

  it('shows a failed claim with the hub’s message', async () => {
    const bridge = inboxBridge();
    bridge.setHandler('cases.claim', () => fail('conflict', 'Saken er allerede tatt av Lise Leder.'));
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    fireEvent.keyDown(screen.getByRole('grid'), { key: 'c' });
    expect(await screen.findByText('Saken er allerede tatt av Lise Leder.')).toBeTruthy();
    expect(screen.getByText('Handlingen mislyktes')).toBeTruthy();
  });

  it('virtualises 100,000 cases: only a window of rows is in the DOM, pages of 100 are fetched by offset as one scrolls', async () => {
    const TOTAL = 100_000;
    const bridge = new FakeBridge({
      'system.status': () => ok(statusFixture()),
      'cases.list': (input) => {
        const offset = input.offset ?? 0;
        const limit = input.limit ?? 50;
        const items = Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) =>
          caseRowFixture({ publicId: publicId(offset + i + 1), applicantName: `Søker ${offset + i + 1}` }),
        );
        return ok({ items, total: TOTAL, counts: { new: TOTAL }, services: [] });
      },
    });
    renderApp(bridge, { path: '/innboks' });
    const grid = await screen.findByRole('grid');
    await screen.findByText('Søker 1');
    expect(grid.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    expect(screen.getByTestId('inbox-total').textContent).toBe('100\u00a0000 saker');
    const rendered = () => within(grid).getAllByRole('row').length - 1;
    expect(rendered()).toBeGreaterThan(5);
    expect(rendered()).toBeLessThan(40);
    expect(bridge.callsTo('cases.list').map((c) => c.offset)).toEqual([0]);

    // Scroll far down: rows around 50,000 appear, their page is fetched, early rows leave the DOM.
    await act(async () => {
      grid.scrollTop = 50_000 * 64;
      grid.dispatchEvent(new Event('scroll'));
    });
    await screen.findByText('Søker 50001');
    expect(bridge.callsTo('cases.list').map((c) => c.offset)).toContain(50_000);
    expect(screen.queryByText('Søker 1')).toBeNull();
    expect(rendered()).toBeLessThan(40);
    const indexes = within(grid).getAllByRole('row').slice(1).map((r) => Number(r.getAttribute('aria-rowindex')));
    expect(Math.min(...indexes)).toBeGreaterThan(49_000);

    // End jumps to the last case.
    grid.focus();
    fireEvent.keyDown(grid, { key: 'End' });
    await screen.findByText('Søker 100000');
    expect(bridge.callsTo('cases.list').map((c) => c.offset)).toContain(99_900);
    expect(bridge.callsTo('cases.list').every((c) => c.limit === 100)).toBe(true);
  });

  it('says when there are no cases yet, and when nothing matches', async () => {
    const bridge = inboxBridge([]);
    renderApp(bridge, { path: '/innboks' });
    expect((await screen.findByTestId('inbox-empty')).textContent).toBe('Ingen saker ennå. Nye søknader fra Altinn dukker opp her.');

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'approved' } });
    await waitFor(() => expect(screen.getByTestId('inbox-empty').textContent).toContain('Ingen saker passer med filteret eller søket.'));
  });

  it('shows list errors with a retry', async () => {
    const bridge = inboxBridge();
    bridge.setHandler('cases.list', () => fail('internal', 'Databasen er låst'));
    renderApp(bridge, { path: '/innboks' });
    expect(await screen.findByText('Databasen er låst')).toBeTruthy();
    bridge.setHandler('cases.list', (input) => ok(caseListAnswer(ROWS, input)));
    fireEvent.click(screen.getByRole('button', { name: 'Prøv igjen' }));
    expect(await screen.findByTestId(`case-row-${publicId(1)}`)).toBeTruthy();
  });

  it('refreshes live on hub events', async () => {
    const rows = [caseRowFixture({ publicId: publicId(1) })];
    const bridge = inboxBridge(rows);
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    rows.unshift(caseRowFixture({ publicId: publicId(9), applicantName: 'Ny Søker' }));
    bridge.emit('submissions.changed', { received: 2, quarantined: 0 });
    expect(await screen.findByRole('link', { name: 'Ny Søker' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('inbox-total').textContent).toBe('2 saker'));
  });

  it('documents the shortcuts in a visible "Hurtigtaster" disclosure, and "Hent nå" still polls', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    const shortcuts = screen.getByTestId('inbox-shortcuts');
    expect(within(shortcuts).getByText('Hurtigtaster')).toBeTruthy();
    expect(shortcuts.textContent).toContain('Ta saken');
    fireEvent.click(screen.getByRole('button', { name: 'Hent nå' }));
    expect(await screen.findByTestId('poll-now-result')).toBeTruthy();
  });

  it('renders in English', async () => {
    renderApp(inboxBridge(), { path: '/innboks', language: 'en' });
    expect(await screen.findByRole('grid', { name: 'Cases' })).toBeTruthy();
    expect(screen.getByTestId('inbox-total').textContent).toBe('3 cases');
    expect(screen.getByText('Keyboard shortcuts')).toBeTruthy();
    void NOW;
  });
});
