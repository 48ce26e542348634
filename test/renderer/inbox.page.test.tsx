// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseRow } from '../../electron/ipc/desk.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { caseListAnswer, caseRowFixture, caseWorkFixture, NOW, publicId, statusFixture, submissionDetailFixture } from './helpers/fixtures';
import { CASE_STATUS_LIST } from '../../renderer/src/case/case-labels';
import { ROW_ESTIMATE } from '../../renderer/src/inbox/case-grid';
import { titleRest } from '../../renderer/src/inbox/case-grid-row';
import { renderApp } from './helpers/render-app';
import { useGridLayout } from './helpers/virtual-dom';

useGridLayout();
// Where the user left the inbox is kept per window session; each test starts fresh.
beforeEach(() => sessionStorage.clear());

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
    // The search's help is one click away («?») and is the field's description for screen readers.
    const field = screen.getByLabelText('Søk i saker');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toMatch(/Et helt fødselsnummer \(11 siffer\)/);
    expect(screen.getByRole('button', { name: 'Om søket' })).toBeTruthy();
  });

  it('filters by status, service, assignee and deadline in a collapsible bar, kept in the URL, shown as removable chips', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);

    // The bar is closed until «Filter» opens it.
    const toggle = screen.getByRole('button', { name: 'Filter' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('inbox-filterbar').hidden).toBe(true);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('inbox-filterbar').hidden).toBe(false);
    expect(screen.getByTestId('inbox-filterbar').id).toBe(toggle.getAttribute('aria-controls'));

    // Every status of the desk's vocabulary is offered, in words, with its count.
    const status = screen.getByLabelText('Status') as HTMLSelectElement;
    expect([...status.options].map((o) => o.value)).toEqual(['all', ...CASE_STATUS_LIST]);
    expect([...status.options].find((o) => o.value === 'quarantined')?.textContent).toBe('Karantene (1)');

    fireEvent.change(status, { target: { value: 'quarantined' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, status: 'quarantined' }));
    await waitFor(() => expect(screen.queryByTestId(`case-row-${publicId(1)}`)).toBeNull());
    expect(row(3)).toBeTruthy();
    expect(screen.getByRole('grid', { name: 'Saker – filtrert' })).toBeTruthy();
    // The filter in use is a chip, and the button says how many are on.
    expect(screen.getByTestId('inbox-chip-status').textContent).toBe('Status: Karantene');
    expect(screen.getByTestId('inbox-filter-toggle').textContent).toContain('1 aktivt');

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'all' } });
    fireEvent.change(await screen.findByLabelText('Tjeneste'), { target: { value: 'skoleskyss' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, profileId: 'skoleskyss' }));
    fireEvent.change(screen.getByLabelText('Saksbehandler'), { target: { value: 'me' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, profileId: 'skoleskyss', assignee: 'me' }));
    fireEvent.change(screen.getByLabelText('Frist'), { target: { value: 'overdue' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, profileId: 'skoleskyss', assignee: 'me', deadline: 'overdue' }));
    const chips = within(screen.getByRole('group', { name: 'Filtre i bruk' }));
    expect(chips.getByTestId('inbox-chip-service').textContent).toBe('Tjeneste: Skoleskyss');
    expect(chips.getByTestId('inbox-chip-assignee').textContent).toBe('Saksbehandler: Mine saker');
    expect(screen.getByTestId('inbox-filter-toggle').textContent).toContain('3 aktive');

    // A chip removes its own filter; focus goes back to «Filter», not to the page.
    fireEvent.click(chips.getByRole('button', { name: 'Fjern filteret Saksbehandler: Mine saker' }));
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, profileId: 'skoleskyss', deadline: 'overdue' }));
    expect(document.activeElement).toBe(toggle);

    fireEvent.click(screen.getByRole('button', { name: 'Nullstill filtre og søk' }));
    await waitFor(() => expect(lastList(bridge)).toEqual(base));
    expect(screen.queryByTestId('inbox-chips')).toBeNull();
  });

  it('picks «Sendt tilbake» in the filter bar: the hub gets status returned, only the sent-back case is listed, the chip says so', async () => {
    const rows = [...ROWS, caseRowFixture({ publicId: publicId(4), applicantName: 'Siri Tilbake', status: 'returned', caseNumber: null })];
    const bridge = inboxBridge(rows);
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(4)}`);
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    const status = screen.getByLabelText('Status') as HTMLSelectElement;
    const option = [...status.options].find((o) => o.value === 'returned')!;
    expect(option.textContent).toBe('Sendt tilbake (1)');
    fireEvent.change(status, { target: { value: option.value } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, status: 'returned' }));
    await waitFor(() => expect(screen.queryByTestId(`case-row-${publicId(1)}`)).toBeNull());
    expect(row(4).textContent).toContain('Sendt tilbake');
    expect(screen.getByTestId('inbox-chip-status').textContent).toBe('Status: Sendt tilbake');
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
      grid.scrollTop = 50_000 * ROW_ESTIMATE.compact; // rows not laid out (jsdom) keep the estimate
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

  it('documents the shortcuts behind a small «Hurtigtaster» button, and «Hent nå» still polls and says so in the status line', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    const shortcuts = screen.getByTestId('inbox-shortcuts');
    expect(within(shortcuts).getByRole('button', { name: 'Hurtigtaster' })).toBeTruthy();
    expect(shortcuts.textContent).toContain('Ta saken');
    fireEvent.click(screen.getByRole('button', { name: 'Hent nå' }));
    const result = await screen.findByTestId('poll-now-result');
    expect(result.textContent).toBe('Henting fra Altinn er startet. Nye innsendinger dukker opp her når de er hentet.');
    expect(result.closest('[aria-live="polite"]')).not.toBeNull();
    expect(bridge.callsTo('ingest.pollNow')).toEqual([{}]);
  });

  it('switches density (compact by default in a 768 px tall window), remembered in localStorage', async () => {
    const bridge = inboxBridge();
    const { unmount } = renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    const group = screen.getByRole('group', { name: 'Radhøyde' });
    expect(screen.getByTestId('case-grid').getAttribute('data-density')).toBe('compact');
    expect((within(group).getByLabelText('Kompakt') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(group).getByLabelText('Romslig'));
    expect(screen.getByTestId('case-grid').getAttribute('data-density')).toBe('comfortable');
    expect(localStorage.getItem('pm.inbox.density')).toBe('comfortable');
    unmount();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    expect(screen.getByTestId('case-grid').getAttribute('data-density')).toBe('comfortable');
  });

  it('after «Tilbake» from a case, the list comes back with the same view and that case’s row active and focused', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks?assignee=none' });
    await screen.findByTestId(`case-row-${publicId(3)}`);
    const link = within(row(3)).getByRole('link', { name: 'Søker uten navn' });
    fireEvent.click(link);
    expect(await screen.findByTestId('submission-form')).toBeTruthy();
    expect(JSON.parse(sessionStorage.getItem('pm.inbox.return')!)).toMatchObject({ search: '?assignee=none', row: publicId(3), index: 1 });

    fireEvent.click(screen.getByTestId('case-back'));
    await waitFor(() => expect(document.activeElement).toBe(within(row(3)).getByRole('link', { name: 'Søker uten navn' })));
    expect(row(3).getAttribute('aria-selected')).toBe('true');
    expect(lastList(bridge)).toEqual({ ...base, assignee: 'none' });
    // Arrow keys from the focused row carry on in the grid.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await waitFor(() => expect(row(1).getAttribute('aria-selected')).toBe('true'));
    expect(document.activeElement).toBe(screen.getByRole('grid'));
  });

  it('a «Tilbake» that names the row but not the view (case opened by its address) brings the saved view back', async () => {
    sessionStorage.setItem('pm.inbox.return', JSON.stringify({ search: '?status=in-progress', row: publicId(2), index: 0, scrollTop: 0 }));
    const bridge = inboxBridge();
    renderApp(bridge, { path: `/innboks/${publicId(2)}` });
    expect(await screen.findByTestId('submission-form')).toBeTruthy();
    fireEvent.click(screen.getByTestId('case-back'));
    await waitFor(() => expect(lastList(bridge)).toEqual({ ...base, status: 'in-progress' }));
    await waitFor(() => expect(document.activeElement).toBe(within(row(2)).getByRole('link', { name: 'Per Hansen' })));
  });

  it('a plain visit to the inbox does not bring back a view left elsewhere', async () => {
    sessionStorage.setItem('pm.inbox.return', JSON.stringify({ search: '?status=in-progress', row: publicId(2), index: 0, scrollTop: 0 }));
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`case-row-${publicId(1)}`);
    expect(bridge.callsTo('cases.list')).toEqual([base]);
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    expect(row(2).getAttribute('aria-selected')).toBe('false');
  });

  it('keeps the layout for a 3,000-character search: the hub gets at most 200, the status line quotes a short start', async () => {
    const long = 'a'.repeat(3000);
    const bridge = inboxBridge();
    renderApp(bridge, { path: `/innboks?q=${long}` });
    const total = await screen.findByTestId('inbox-total');
    expect(lastList(bridge)).toEqual({ ...base, q: 'a'.repeat(200) });
    expect(total.textContent).toBe(`3 saker passer med søket «${'a'.repeat(40)} …»`);
    const field = screen.getByLabelText('Søk i saker') as HTMLInputElement;
    expect(field.value).toHaveLength(200);
    expect(field.maxLength).toBe(200);
  });

  it('a status tag cut by a narrow column carries a Designsystemet tooltip with the whole word, and keeps it whole for screen readers', async () => {
    // jsdom has no layout: the tag says it is wider than its box
    const wide = vi.spyOn(Element.prototype, 'scrollWidth', 'get').mockImplementation(function (this: Element) {
      return this.classList.contains('ds-tag') ? 200 : 0;
    });
    try {
      const bridge = inboxBridge([caseRowFixture({ publicId: publicId(1), status: 'awaiting-approval' })]);
      renderApp(bridge, { path: '/innboks' });
      const tag = await within(await screen.findByTestId(`case-row-${publicId(1)}`)).findByTestId('case-status');
      expect(tag.textContent).toBe('Venter på godkjenning');
      await waitFor(() => expect(tag.parentElement!.getAttribute('data-tooltip')).toBe('Venter på godkjenning'));
    } finally {
      wide.mockRestore();
    }
  });

  it('shows the title without the service name it repeats', () => {
    expect(titleRest('Søknad om SFO-plass', 'Søknad om SFO-plass – Elias Dahl – Fjellheim skole')).toBe('Elias Dahl – Fjellheim skole');
    expect(titleRest('Samtykke til bading og svømming på tur', 'Samtykke til bading og svømming – Julie Ryan')).toBe('Julie Ryan');
    expect(titleRest('Skoleskyss', 'Søknad om skyss for Ola')).toBe('Søknad om skyss for Ola');
    expect(titleRest(null, 'Søknad – Ola')).toBe('Søknad – Ola');
  });

  it('renders in English', async () => {
    renderApp(inboxBridge(), { path: '/innboks', language: 'en' });
    expect(await screen.findByRole('grid', { name: 'Cases' })).toBeTruthy();
    expect(screen.getByTestId('inbox-total').textContent).toBe('3 cases');
    expect(screen.getByRole('button', { name: 'Keyboard shortcuts' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Filter' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Row height' })).toBeTruthy();
    void NOW;
  });
});
