// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ReplyRow } from '../../electron/ipc/replies.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { ReplyDeadline } from '../../renderer/src/replies/reply-deadline';
import { ReplyTable } from '../../renderer/src/replies/reply-table';
import { NOW, publicId, replyListAnswer, replyRowFixture, replyStatsFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const DAY = 24 * 3600_000;

const ROWS: ReplyRow[] = [
  replyRowFixture({ publicId: publicId(1), state: 'notified', deadlineAt: Date.now() + 2 * DAY }),
  replyRowFixture({ publicId: publicId(2), applicantName: 'Per Hansen', state: 'read', readAt: NOW - 3600_000 }),
  replyRowFixture({
    publicId: publicId(3),
    applicantName: 'Siri Berg',
    state: 'printed',
    channel: 'print',
    reason: 'Reservert i KRR – sendes på papir',
    sentAt: null,
    notifiedAt: null,
    deadlineAt: null,
    printedAt: NOW - DAY,
  }),
  replyRowFixture({ publicId: publicId(4), applicantName: 'Ole Holm', state: 'held', reason: 'Venter på ny adresse' }),
];

function repliesBridge(rows: ReplyRow[] = ROWS, stats = replyStatsFixture()) {
  return new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'replies.list': (input) => ok(replyListAnswer(rows, input, Date.now())),
    'replies.stats': () => ok(stats),
    'replies.checkNow': () => ok({ jobIds: [41, 42] }),
  });
}

describe('Replies page', () => {
  it('is in the nav after Innboks and shows the counts by state as filter chips', async () => {
    const bridge = repliesBridge();
    renderApp(bridge, { path: '/svar' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Svar' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    expect(within(nav).getAllByRole('link').map((l) => l.textContent)).toEqual(['Innboks', 'Svar', 'Status', 'Jobber', 'Arkiv', 'Integrasjoner', 'Nøkler og sertifikater', 'Varsler', 'Logger', 'Drift', 'Designer']);
    expect(within(nav).getByRole('link', { name: 'Svar' }).getAttribute('aria-current')).toBe('page');

    const filters = screen.getByRole('group', { name: 'Vis svar med status' });
    await waitFor(() => expect(screen.getByTestId('reply-count-all').textContent).toBe('(4)'));
    expect(screen.getByTestId('reply-count-notified').textContent).toBe('(1)');
    expect(screen.getByTestId('reply-count-printed').textContent).toBe('(1)');
    expect(screen.getByTestId('reply-count-due-soon').textContent).toBe('(1)');
    const chipNames = () => within(filters).getAllByRole('radio').map((c) => c.closest('label')!.textContent!.replace(/\s*\(\d+\)$/, ''));
    // the states with no replies wait behind «Vis alle»
    expect(chipNames()).toEqual(['Alle', 'Varslet', 'Lest', 'Til utskrift innen 3 dager', 'Skrevet ut', 'Holdt tilbake']);
    expect(screen.queryByTestId('reply-count-failed')).toBeNull();
    const toggle = within(filters).getByRole('button', { name: 'Vis alle (6 statuser uten svar)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(within(filters).getByRole('button', { name: 'Skjul statuser uten svar' }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('reply-count-failed').textContent).toBe('(0)');
    expect(chipNames()).toEqual([
      'Alle',
      'Sendt',
      'Varslet',
      'Lest',
      'Til utskrift innen 3 dager',
      'Skrevet ut',
      'Holdt tilbake',
      'Stoppet',
      'Manuell oppfølging',
      'Feilet',
      'I kø',
      'Skrives ut',
    ]);
    expect((within(filters).getByRole('radio', { name: /^Alle/ }) as HTMLInputElement).checked).toBe(true);
    expect(bridge.callsTo('replies.list')[0]).toEqual({ limit: 50, offset: 0 });
  });

  it('filters the list by state through a chip, and by the due-soon view', async () => {
    const bridge = repliesBridge();
    renderApp(bridge, { path: '/svar' });
    await screen.findByTestId('reply-table');
    fireEvent.click(screen.getByRole('radio', { name: /^Holdt tilbake/ }));
    await waitFor(() => expect(bridge.callsTo('replies.list').at(-1)).toEqual({ state: 'held', limit: 50, offset: 0 }));
    await waitFor(() => expect(within(screen.getByTestId('reply-table')).getAllByRole('rowheader')).toHaveLength(1));
    expect(screen.getByRole('heading', { level: 2, name: 'Svar – Holdt tilbake' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: /^Holdt tilbake/ }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: /^Til utskrift innen 3 dager/ }));
    await waitFor(() => expect(bridge.callsTo('replies.list').at(-1)).toEqual({ dueWithinDays: 3, limit: 50, offset: 0 }));
    const table = await screen.findByTestId('reply-table');
    await waitFor(() => expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Kari Nordmann010170*****']));
    expect(within(within(table).getByTestId('reply-step-print')).getByRole('term').textContent).toBe('Skrives ut');
  });

  it('reads the filter from the URL', async () => {
    const bridge = repliesBridge();
    renderApp(bridge, { path: '/svar?state=printed' });
    await screen.findByTestId('reply-table');
    expect(bridge.callsTo('replies.list')[0]).toEqual({ state: 'printed', limit: 50, offset: 0 });
    expect((screen.getByRole('radio', { name: /^Skrevet ut/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('lists replies in four columns with a real link to each case, and only the steps that apply', async () => {
    renderApp(repliesBridge(), { path: '/svar' });
    const table = await screen.findByRole('table', { name: 'Svar til innbyggere' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Søker', 'Sak', 'Status', 'Sendt, lest og utskrift']);
    const row = within(table).getByTestId(`reply-row-${publicId(3)}`);
    const link = within(row).getByRole('link', { name: 'Siri Berg' });
    expect(link.getAttribute('href')).toBe(`/innboks/${publicId(3)}`);
    expect(within(row).getByTestId('reply-state').textContent).toBe('Skrevet ut');
    expect(within(row).getByTestId('reply-channel').textContent).toBe('Papir (post)');
    expect(within(row).getByText('Reservert i KRR – sendes på papir')).toBeTruthy();
    expect(within(row).getByText('Saksnr. 2026/118')).toBeTruthy();
    expect(within(row).getByLabelText('Fødselsnummer 010170***** (skjult)')).toBeTruthy();
    // sent on paper: only the print step, with its date and time
    const steps = (id: string) => within(within(table).getByTestId(`reply-row-${id}`)).queryAllByRole('term').map((dt) => dt.textContent);
    expect(steps(publicId(3))).toEqual(['Skrevet ut']);
    expect(within(row).getByTestId('reply-step-printed').querySelector('time')!.getAttribute('dateTime')).toBe(new Date(NOW - DAY).toISOString());
    // unread in Altinn: sent, and when it goes to print
    expect(steps(publicId(1))).toEqual(['Sendt', 'Skrives ut']);
    const print = within(within(table).getByTestId(`reply-row-${publicId(1)}`)).getByTestId('reply-step-print');
    expect(within(print).getByRole('term').textContent).toBe('Skrives ut');
    expect(print.querySelector('time')!.getAttribute('dateTime')).toBe(new Date(ROWS[0]!.deadlineAt!).toISOString());
    // read: no print; held: no print date either (one vocabulary: a held reply is not "Utskrift 16.12.")
    expect(steps(publicId(2))).toEqual(['Sendt', 'Lest']);
    expect(steps(publicId(4))).toEqual(['Sendt']);

    fireEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
  });

  it('opens a case with Svar as where Back returns to', async () => {
    const Where = () => {
      const location = useLocation();
      return <p data-testid="where">{`${location.pathname} from ${JSON.stringify(location.state)}`}</p>;
    };
    render(
      <I18nextProvider i18n={createI18n('nb')}>
        <MemoryRouter initialEntries={['/svar']}>
          <Routes>
            <Route path="/svar" element={<ReplyTable rows={ROWS} caption="Svar" now={NOW} />} />
            <Route path="/innboks/:publicId" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </I18nextProvider>,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Ole Holm' }));
    expect(screen.getByTestId('where').textContent).toBe(`/innboks/${publicId(4)} from {"from":"/svar"}`);
  });

  it('gives no print date for a reply that is read, held or stopped (the case page shows the same)', () => {
    const deadline = (state: ReplyRow['state']) =>
      render(
        <I18nextProvider i18n={createI18n('nb')}>
          <ReplyDeadline state={state} deadlineAt={NOW + 3 * DAY} now={NOW} />
        </I18nextProvider>,
      ).container.textContent;
    expect([deadline('read'), deadline('held'), deadline('stopped')]).toEqual(['Skrives ikke ut', 'Skrives ikke ut', 'Skrives ikke ut']);
    expect(deadline('notified')).toBe('skrives ut 15.3.');
  });

  it('pages with "Vis flere" by offset', async () => {
    const many = Array.from({ length: 60 }, (_, i) => replyRowFixture({ publicId: publicId(i + 1), applicantName: `Søker ${i + 1}` }));
    const bridge = repliesBridge(many);
    renderApp(bridge, { path: '/svar' });
    const table = await screen.findByTestId('reply-table');
    expect(within(table).getAllByRole('rowheader')).toHaveLength(50);
    expect(screen.getByTestId('replies-total').textContent).toBe('Viser 50 av 60 svar');
    fireEvent.click(screen.getByRole('button', { name: 'Vis flere' }));
    await waitFor(() => expect(within(screen.getByTestId('reply-table')).getAllByRole('rowheader')).toHaveLength(60));
    expect(bridge.callsTo('replies.list').at(-1)).toEqual({ limit: 50, offset: 50 });
    expect(screen.queryByRole('button', { name: 'Vis flere' })).toBeNull();
  });

  it('checks read status now and announces the result politely', async () => {
    const bridge = repliesBridge();
    renderApp(bridge, { path: '/svar' });
    await screen.findByTestId('reply-table');
    fireEvent.click(screen.getByRole('button', { name: 'Sjekk lesestatus nå' }));
    const result = await screen.findByTestId('check-now-result');
    expect(result.textContent).toBe('Sjekken av lesestatus er startet (2 jobber). Listen oppdateres når svarene kommer.');
    expect(result.closest('[aria-live="polite"]')).not.toBeNull();
    expect(bridge.callsTo('replies.checkNow')).toEqual([{}]);
  });

  it('draws the chart with an accessible summary, a legend and a table with the numbers', async () => {
    const stats = replyStatsFixture(30, (i) => ({ sent: i === 29 ? 9 : 1, read: i === 29 ? 4 : 0, printed: i === 0 ? 2 : 0 }));
    const bridge = repliesBridge(ROWS, stats);
    renderApp(bridge, { path: '/svar' });
    const chart = await screen.findByRole('img', { name: /Stolpediagram/ });
    expect(chart.getAttribute('aria-label')).toBe(
      'Stolpediagram over svar per dag de siste 30 dagene: 38 sendt, 4 lest og 2 skrevet ut. Flest sendt på én dag: 9 (12.3.).',
    );
    expect(bridge.callsTo('replies.stats')).toEqual([{ days: 30 }]);
    expect(screen.getByRole('region', { name: 'Siste 30 dager' })).toBeTruthy();
    const legend = screen.getByRole('list', { name: 'Forklaring' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Sendt: 38', 'Lest: 4', 'Skrevet ut: 2']);

    const toggle = screen.getByRole('button', { name: 'Vis som tabell' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Skjul tabellen' }).getAttribute('aria-expanded')).toBe('true');
    const table = screen.getByRole('table', { name: 'Dager med svar, siste 30 dager' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Dato', 'Sendt', 'Lest', 'Skrevet ut']);
    const rows = within(table).getAllByRole('row');
    // a header, the 30 days (each has something sent), and the sums
    expect(rows).toHaveLength(32);
    expect(within(rows[30]!).getByRole('rowheader').textContent).toBe('12.03.2025');
    expect(within(rows[30]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['9', '4', '0']);
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '0', '2']);
    expect(within(rows[31]!).getByRole('rowheader').textContent).toBe('Sum');
    expect(within(rows[31]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['38', '4', '2']);
  });

  it('lists only the days with data in the chart\'s table, or says there were none', async () => {
    const sparse = replyStatsFixture(30, (i) => (i === 3 ? { sent: 2, read: 0, printed: 0 } : i === 20 ? { sent: 0, read: 1, printed: 1 } : { sent: 0, read: 0, printed: 0 }));
    const { unmount } = renderApp(repliesBridge(ROWS, sparse), { path: '/svar' });
    fireEvent.click(await screen.findByRole('button', { name: 'Vis som tabell' }));
    const table = screen.getByRole('table', { name: 'Dager med svar, siste 30 dager' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['14.02.2025', '03.03.2025', 'Sum']);
    expect(screen.getByTestId('reply-chart-days').textContent).toBe('2 dager med svar av de siste 30.');
    unmount();

    renderApp(repliesBridge(ROWS, replyStatsFixture(30, () => ({ sent: 0, read: 0, printed: 0 }))), { path: '/svar' });
    fireEvent.click(await screen.findByRole('button', { name: 'Vis som tabell' }));
    expect(screen.getByTestId('reply-chart-no-days').textContent).toBe('Ingen svar er sendt, lest eller skrevet ut de siste 30 dagene.');
    expect(screen.queryByTestId('reply-chart-table')).toBeNull();
  });

  it('says so when nothing has been sent yet', async () => {
    renderApp(repliesBridge([], replyStatsFixture(30, () => ({ sent: 0, read: 0, printed: 0 }))), { path: '/svar' });
    expect((await screen.findByTestId('replies-empty')).textContent).toBe('Ingen svar er sendt ennå. Når et svarbrev er godkjent, kan du følge det her.');
    expect(screen.queryByTestId('reply-table')).toBeNull();
    expect(screen.getByTestId('reply-count-all').textContent).toBe('(0)');
  });

  it('offers to show all when a filter matches nothing', async () => {
    const bridge = repliesBridge();
    renderApp(bridge, { path: '/svar?state=failed' });
    const empty = await screen.findByTestId('replies-empty');
    expect(empty.textContent).toContain('Ingen svar med status «Feilet».');
    fireEvent.click(within(empty).getByRole('button', { name: 'Vis alle svar' }));
    await screen.findByTestId('reply-table');
    expect(bridge.callsTo('replies.list').at(-1)).toEqual({ limit: 50, offset: 0 });
  });

  it('refreshes the list and the chart on replies.changed', async () => {
    let rows = ROWS;
    const bridge = repliesBridge();
    bridge.setHandler('replies.list', (input) => ok(replyListAnswer(rows, input, Date.now())));
    renderApp(bridge, { path: '/svar' });
    await screen.findByTestId('reply-table');
    const lists = bridge.callsTo('replies.list').length;
    const stats = bridge.callsTo('replies.stats').length;
    rows = [...ROWS, replyRowFixture({ publicId: publicId(9), applicantName: 'Nina Ny', state: 'sent' })];
    act(() => bridge.emit('replies.changed', { publicId: publicId(9) }));
    expect(await screen.findByRole('link', { name: 'Nina Ny' })).toBeTruthy();
    expect(bridge.callsTo('replies.list').length).toBe(lists + 1);
    await waitFor(() => expect(bridge.callsTo('replies.stats').length).toBe(stats + 1));
    expect(screen.getByTestId('reply-count-sent').textContent).toBe('(1)');
  });
});
