// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeliveryRowDto } from '../../electron/ipc/archivist.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { ARNE, archivistBridge, deliveryFixture, REFUSED } from './archive-fixtures';
import { deskUserFixture, publicId, sessionFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const COUNTS = [
  { transport: 'noark5-rest', state: 'archived' as const, count: 40 },
  { transport: 'noark5-rest', state: 'failed' as const, count: 1 },
  { transport: 'noark5-rest', state: 'handled' as const, count: 2 },
  { transport: 'ikke sendt', state: 'pending' as const, count: 3 },
];

/** A hub whose refused entry changes state when an action succeeds. */
function deliveriesBridge(after: Partial<DeliveryRowDto> = { state: 'pending', can: { retry: false, recreateCaseFile: false, markHandled: false } }) {
  let rows: DeliveryRowDto[] = [REFUSED, deliveryFixture(), deliveryFixture({ entryKey: 'pm-3-U', journalposttype: 'U', state: 'handled', handledBy: 'Arne Arkivar', handledNote: 'Rettet i Elements', publicId: publicId(3), caseNumber: '2026/119' })];
  const act = (entryKey: string) => {
    const row = { ...rows.find((r) => r.entryKey === entryKey)!, ...after };
    rows = rows.map((r) => (r.entryKey === entryKey ? row : r));
    return ok(row);
  };
  return archivistBridge({
    'archivist.deliveries': () => ok({ counts: COUNTS, rows, total: rows.length }),
    'archivist.retry': ({ entryKey }) => act(entryKey),
    'archivist.recreateCaseFile': ({ entryKey }) => act(entryKey),
    'archivist.markHandled': ({ entryKey }) => act(entryKey),
  });
}

describe('Arkiv: deliveries', () => {
  it('shows counts per transport and state, and the refused entry first with the archive’s message and a link to the case', async () => {
    renderApp(deliveriesBridge(), { path: '/arkiv' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Arkiv' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Leveranser' }).getAttribute('aria-selected')).toBe('true');

    const counts = screen.getByRole('table', { name: 'Leveranser per overføring og status' });
    expect([...counts.querySelectorAll('thead th')].map((c) => c.textContent)).toEqual(['Overføring', 'Avvist', 'Venter', 'Venter på kvittering', 'Arkivert', 'Håndtert manuelt', 'Sum']);
    const rest = within(counts).getByTestId('archive-counts-noark5-rest');
    expect([...rest.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual(['Noark 5 tjenestegrensesnitt', '1', '0', '0', '40', '2', '43']);
    expect(within(counts).getByTestId('archive-counts-none').textContent).toContain('Ikke sendt ennå');

    const refused = screen.getByTestId('archive-refused-pm-2-I');
    expect(within(refused).getByRole('heading', { level: 3 }).textContent).toBe('Søknad om permisjon – Ola');
    expect(within(refused).getByTestId('refused-message').textContent).toBe("journalpost: ukjent felt 'foo'");
    expect(within(refused).getByRole('link', { name: 'Åpne saken' }).getAttribute('href')).toBe(`/innboks/${publicId(2)}`);
    // the refused list comes before the other deliveries
    const others = screen.getByRole('table', { name: 'Siste leveranser' });
    expect(refused.compareDocumentPosition(others) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(others).getByRole('link', { name: '2026/118' }).getAttribute('href')).toBe(`/innboks/${publicId(1)}`);
    expect(within(others).getByText('Håndtert av Arne Arkivar: Rettet i Elements')).toBeTruthy();
    expect(within(others).queryByText('Søknad om permisjon – Ola')).toBeNull();
  });

  it('«Prøv igjen» delivers the entry again and says what became of it', async () => {
    const bridge = deliveriesBridge();
    renderApp(bridge, { path: '/arkiv' });
    fireEvent.click(await screen.findByRole('button', { name: 'Prøv igjen: Søknad om permisjon – Ola' }));
    const result = await screen.findByTestId('archive-action-result');
    expect(result.textContent).toBe('«Søknad om permisjon – Ola» leveres på nytt. Status nå: Venter.');
    expect(result.closest('[aria-live="polite"]')).not.toBeNull();
    expect(bridge.callsTo('archivist.retry')).toEqual([{ entryKey: 'pm-2-I' }]);
    // the list is read again: the entry is no longer refused
    await waitFor(() => expect(screen.getByTestId('archive-refused-none')).toBeTruthy());
    expect(bridge.callsTo('archivist.deliveries').length).toBeGreaterThanOrEqual(2);
  });

  it('«Opprett saksmappen på nytt» asks for a reason first, and refuses a short one', async () => {
    const bridge = deliveriesBridge();
    renderApp(bridge, { path: '/arkiv' });
    fireEvent.click(await screen.findByRole('button', { name: 'Opprett saksmappen på nytt: Søknad om permisjon – Ola' }));
    const dialog = await screen.findByTestId('archive-recreate-dialog');
    fireEvent.change(within(dialog).getByLabelText('Begrunnelse'), { target: { value: 'ab' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Opprett på nytt' }));
    // named at its field and in the error summary above the form
    expect(await within(dialog).findAllByText('Skriv en begrunnelse på minst 3 tegn.')).toHaveLength(2);
    expect(bridge.callsTo('archivist.recreateCaseFile')).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Begrunnelse'), { target: { value: '  Saksmappen ble slettet i arkivet ved en feil  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Opprett på nytt' }));
    expect((await screen.findByTestId('archive-action-result')).textContent).toBe('Saksmappen til «Søknad om permisjon – Ola» opprettes på nytt. Status nå: Venter.');
    expect(bridge.callsTo('archivist.recreateCaseFile')).toEqual([{ entryKey: 'pm-2-I', reason: 'Saksmappen ble slettet i arkivet ved en feil' }]);
    expect(screen.queryByTestId('archive-recreate-dialog')).toBeNull();
  });

  it('«Merk som håndtert» asks for a note; cancelling calls nothing', async () => {
    const bridge = deliveriesBridge({ state: 'handled', handledBy: 'Arne Arkivar', handledNote: 'Journalført for hånd', can: { retry: false, recreateCaseFile: false, markHandled: false } });
    renderApp(bridge, { path: '/arkiv' });
    const open = await screen.findByRole('button', { name: 'Merk som håndtert: Søknad om permisjon – Ola' });
    fireEvent.click(open);
    fireEvent.click(within(await screen.findByTestId('archive-handled-dialog')).getByRole('button', { name: 'Avbryt' }));
    expect(screen.queryByTestId('archive-handled-dialog')).toBeNull();
    expect(bridge.callsTo('archivist.markHandled')).toEqual([]);

    fireEvent.click(open);
    const dialog = await screen.findByTestId('archive-handled-dialog');
    fireEvent.change(within(dialog).getByLabelText('Merknad'), { target: { value: 'Journalført for hånd' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merk som håndtert' }));
    expect((await screen.findByTestId('archive-action-result')).textContent).toBe('«Søknad om permisjon – Ola» er merket som håndtert.');
    expect(bridge.callsTo('archivist.markHandled')).toEqual([{ entryKey: 'pm-2-I', note: 'Journalført for hånd' }]);
  });

  it('shows a refused action as an error with the hub’s message, and offers only the actions the hub allows', async () => {
    const bridge = archivistBridge({
      'archivist.deliveries': () => ok({ counts: [], rows: [{ ...REFUSED, can: { retry: true, recreateCaseFile: false, markHandled: true } }], total: 1 }),
      'archivist.retry': () => fail('conflict', 'Journalposten er ikke avvist lenger'),
    });
    renderApp(bridge, { path: '/arkiv' });
    fireEvent.click(await screen.findByRole('button', { name: 'Prøv igjen: Søknad om permisjon – Ola' }));
    expect(await screen.findByText('Journalposten er ikke avvist lenger')).toBeTruthy();
    expect(screen.getByText('Handlingen mislyktes')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Opprett saksmappen på nytt/ })).toBeNull();
  });
});

describe('Arkiv: the route and the landing page', () => {
  it('an archivist opening the app lands on Arkiv; the Status entry in the nav still shows the status page', async () => {
    renderApp(archivistBridge(), { path: '/' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Arkiv' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    expect(within(nav).getByRole('link', { name: 'Arkiv' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(within(nav).getByRole('link', { name: 'Status' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
  });

  it('a caseworker lands on Innboks (#14) and has no Arkiv entry', async () => {
    renderApp(archivistBridge({ 'session.get': () => ok(sessionFixture()) }, deskUserFixture()), { path: '/' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Innboks' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    await waitFor(() => expect(within(nav).queryByRole('link', { name: 'Innboks' })).toBeTruthy());
    expect(within(nav).queryByRole('link', { name: 'Arkiv' })).toBeNull();
  });

  it('IT sees the page with only the audit log tab (the other tabs are the archivist’s)', async () => {
    const ida = deskUserFixture({ account: 'ida', name: 'Ida IT', roles: ['it-admin'], groups: [] });
    renderApp(archivistBridge({ 'session.get': () => ok(sessionFixture({ user: ida })), 'archivist.audit': () => ok({ rows: [], chain: { ok: true, checked: 0, problem: null } }) }, ida), { path: '/arkiv' });
    await waitFor(() => expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Revisjonslogg']));
    expect(within(screen.getByRole('navigation', { name: 'Hovedmeny' })).queryByRole('link', { name: 'Arkiv' })).toBeNull();
  });

  it('speaks nynorsk and English too', async () => {
    const { unmount } = renderApp(archivistBridge({ 'archivist.deliveries': () => ok({ counts: [], rows: [REFUSED], total: 1 }) }), { path: '/arkiv', language: 'nn' });
    expect(await screen.findByRole('button', { name: 'Opprett saksmappa på nytt: Søknad om permisjon – Ola' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Offentleg journal' })).toBeTruthy();
    unmount();
    renderApp(archivistBridge({ 'archivist.deliveries': () => ok({ counts: [], rows: [REFUSED], total: 1 }) }), { path: '/arkiv', language: 'en' });
    expect(await screen.findByRole('button', { name: 'Try again: Søknad om permisjon – Ola' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Archive' })).toBeTruthy();
    expect(ARNE.roles).toEqual(['arkivar']);
  });
});
