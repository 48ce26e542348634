// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SubmissionSummary } from '../../electron/ipc/contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { publicId, statusFixture, submissionFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const REASON =
  "Skjemaet er ikke gyldig: Element 'Periode': Missing child element(s). Expected is one of ( Fra, Til ). Linje 14, kolonne 5 i skjemadataene fra Altinn.";

const ITEMS: SubmissionSummary[] = [
  submissionFixture({ publicId: publicId(1) }),
  submissionFixture({
    publicId: publicId(2),
    status: 'quarantined',
    serviceName: null,
    serviceKey: 'kommune/ukjent-skjema',
    applicantName: 'Per Hansen',
    title: null,
    quarantineReason: REASON,
    sources: ['altinn2', 'altinn3'],
    confirmed: false,
  }),
];

function inboxBridge(items: SubmissionSummary[] = ITEMS) {
  const bridge = new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'submissions.list': (input) => {
      const filtered = items.filter((s) => !input.status || s.status === input.status);
      const offset = input.offset ?? 0;
      return ok({
        items: filtered.slice(offset, offset + (input.limit ?? 50)),
        counts: {
          received: items.filter((s) => s.status === 'received').length,
          quarantined: items.filter((s) => s.status === 'quarantined').length,
          unconfirmed: items.filter((s) => !s.confirmed).length,
        },
      });
    },
    'ingest.pollNow': () => ok({ jobIds: [17, 18] }),
  });
  return bridge;
}

const row = (n: number) => screen.getByTestId(`inbox-row-${publicId(n)}`);

describe('Inbox page', () => {
  it('lists submissions with counts, status in words, source and confirmation', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    const table = await screen.findByRole('table', { name: 'Innsendinger' });
    expect(screen.getByRole('heading', { level: 1, name: 'Innboks' })).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('inbox-received').textContent).toBe('1');
    expect(screen.getByTestId('inbox-quarantined').textContent).toBe('1');
    expect(screen.getByTestId('inbox-unconfirmed').textContent).toBe('1');

    const first = within(row(1));
    expect(first.getByText('Permisjon fra undervisning')).toBeTruthy();
    expect(first.getByText('Kari Nordmann')).toBeTruthy();
    expect(first.getByTestId('submission-status').textContent).toBe('Mottatt');
    expect(first.getByText('Altinn 3')).toBeTruthy();
    expect(first.getByText('Bekreftet')).toBeTruthy();
    const link = first.getByRole('link', { name: 'Søknad om permisjon fra undervisning – 2 barn' });
    expect(link.getAttribute('href')).toBe(`/innboks/${publicId(1)}`);
    expect(first.queryByTestId('inbox-reason')).toBeNull();

    const second = within(row(2));
    expect(second.getByTestId('submission-status').textContent).toBe('Karantene');
    expect(second.getByRole('link', { name: 'Innsending uten tittel' })).toBeTruthy();
    expect(second.getByText('Altinn 2 og 3')).toBeTruthy();
    expect(second.getByText('Venter')).toBeTruthy();
    expect(second.getByText('kommune/ukjent-skjema')).toBeTruthy();
    // The reason is cut short in the list; the detail shows it whole.
    const reason = second.getByTestId('inbox-reason').textContent!;
    expect(reason.startsWith("Skjemaet er ikke gyldig: Element 'Periode'")).toBe(true);
    expect(reason.endsWith('…')).toBe(true);
    expect(reason.length).toBeLessThan(REASON.length);

    expect(bridge.callsTo('submissions.list')).toEqual([{ limit: 50, offset: 0 }]);
  });

  it('filters by status, kept in the URL', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`inbox-row-${publicId(1)}`);

    fireEvent.click(screen.getByRole('radio', { name: 'Karantene' }));
    await screen.findByRole('table', { name: 'Innsendinger – Karantene' });
    expect(bridge.callsTo('submissions.list').at(-1)).toEqual({ status: 'quarantined', limit: 50, offset: 0 });
    expect(screen.queryByTestId(`inbox-row-${publicId(1)}`)).toBeNull();
    expect(row(2)).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'Alle' }));
    await screen.findByTestId(`inbox-row-${publicId(1)}`);
    expect(bridge.callsTo('submissions.list').at(-1)).toEqual({ limit: 50, offset: 0 });
  });

  it('starts filtered when the URL carries ?status=quarantined', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks?status=quarantined' });
    await screen.findByTestId(`inbox-row-${publicId(2)}`);
    expect(bridge.callsTo('submissions.list')).toEqual([{ status: 'quarantined', limit: 50, offset: 0 }]);
    expect((screen.getByRole('radio', { name: 'Karantene' }) as HTMLInputElement).checked).toBe(true);
  });

  it('"Hent nå" calls ingest.pollNow and confirms politely', async () => {
    const bridge = inboxBridge();
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`inbox-row-${publicId(1)}`);

    fireEvent.click(screen.getByRole('button', { name: 'Hent nå' }));
    const result = await screen.findByTestId('poll-now-result');
    expect(result.textContent).toBe('Henting fra Altinn er startet. Nye innsendinger dukker opp her når de er hentet.');
    expect(result.closest('[aria-live="polite"]')).not.toBeNull();
    expect(bridge.callsTo('ingest.pollNow')).toEqual([{}]);
  });

  it('shows an error when polling fails', async () => {
    const bridge = inboxBridge();
    bridge.setHandler('ingest.pollNow', () => fail('conflict', 'Altinn er satt på pause til 14:10'));
    renderApp(bridge, { path: '/innboks' });
    fireEvent.click(await screen.findByRole('button', { name: 'Hent nå' }));
    expect(await screen.findByText('Altinn er satt på pause til 14:10')).toBeTruthy();
    expect(screen.getByText('Handlingen mislyktes')).toBeTruthy();
  });

  it('refreshes live on submissions.changed and job.updated', async () => {
    const items = [submissionFixture({ publicId: publicId(1) })];
    const bridge = inboxBridge(items);
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`inbox-row-${publicId(1)}`);
    expect(screen.getByTestId('inbox-received').textContent).toBe('1');

    items.unshift(submissionFixture({ publicId: publicId(3), title: 'Søknad om skoleskyss' }));
    bridge.emit('submissions.changed', { received: 1, quarantined: 0 });
    expect(await screen.findByRole('link', { name: 'Søknad om skoleskyss' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('inbox-received').textContent).toBe('2'));

    items[0] = { ...items[0]!, confirmed: false };
    bridge.emit('job.updated', { id: 5, type: 'altinn.confirm', status: 'done' });
    await waitFor(() => expect(within(row(3)).getByText('Venter')).toBeTruthy());
  });

  it('"Vis flere" reads the next page by offset', async () => {
    const items = Array.from({ length: 60 }, (_, i) => submissionFixture({ publicId: publicId(i + 1), title: `Søknad nr. ${i + 1}` }));
    const bridge = inboxBridge(items);
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId(`inbox-row-${publicId(50)}`);
    expect(screen.queryByTestId(`inbox-row-${publicId(51)}`)).toBeNull();
    expect(screen.getByText('Viser 50 av 60.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Vis flere' }));
    await screen.findByTestId(`inbox-row-${publicId(60)}`);
    expect(bridge.callsTo('submissions.list').at(-1)).toEqual({ limit: 50, offset: 50 });
    expect(screen.getByText('Viser 60 av 60.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Vis flere' })).toBeNull();
    // Keyboard users land on the first new row.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Søknad nr. 51'));
  });

  it('shows the empty state and list errors', async () => {
    const bridge = inboxBridge([]);
    renderApp(bridge, { path: '/innboks' });
    expect((await screen.findByTestId('inbox-empty')).textContent).toBe('Ingen innsendinger ennå.');

    bridge.setHandler('submissions.list', () => fail('internal', 'Databasen er låst'));
    fireEvent.click(screen.getByRole('radio', { name: 'Karantene' }));
    expect(await screen.findByText('Databasen er låst')).toBeTruthy();
  });

  it('is first in the nav and renders in English', async () => {
    renderApp(inboxBridge(), { path: '/innboks', language: 'en' });
    expect(await screen.findByRole('table', { name: 'Submissions' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main menu' });
    const links = within(nav).getAllByRole('link');
    expect(links[0]!.textContent).toBe('Inbox');
    expect(links[0]!.getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: 'Fetch now' })).toBeTruthy();
    expect(within(row(2)).getByText('Altinn 2 and 3')).toBeTruthy();
  });
});
