// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../renderer/src/bridge/bridge';
import { monthOf } from '../../renderer/src/archive/archive-labels';
import { archivistBridge, journalRowFixture } from './archive-fixtures';
import { publicId } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const ROWS = [
  journalRowFixture(),
  journalRowFixture({
    entryKey: 'pm-2-U',
    publicId: publicId(2),
    journalposttype: 'U',
    journaldato: '2025-03-11',
    caseNumber: null,
    journalpostnummer: null,
    title: 'Vedtak om plass',
    correspondents: ['Ola Nordmann', 'Kari Nordmann'],
    saksbehandler: null,
    screened: true,
    skjermingshjemmel: 'Offl. § 13',
    state: 'pending',
    missing: ['Mangler journalpostnummer', 'Ikke avskrevet'],
  }),
];

describe('Arkiv: the løpende journal', () => {
  it('asks for the current month by default and shows every column, the screened marker and what is missing', async () => {
    const bridge = archivistBridge({ 'archivist.journal': () => ok({ rows: ROWS, total: 2, missing: 1 }) });
    renderApp(bridge, { path: '/arkiv?fane=journal' });
    const table = await screen.findByRole('table', { name: 'Løpende journal' });
    const month = monthOf(Date.now());
    expect(bridge.callsTo('archivist.journal')[0]).toEqual({ from: month.from, to: month.to, limit: 500 });
    expect((screen.getByLabelText('Fra dato') as HTMLInputElement).value).toBe(month.from);
    expect((screen.getByLabelText('Til dato') as HTMLInputElement).value).toBe(month.to);
    expect(screen.getByTestId('journal-summary').textContent).toBe('2 journalposter i perioden, 1 med mangler');

    expect([...table.querySelectorAll('thead th')].map((c) => c.textContent)).toEqual([
      'Nummer',
      'Journaldato',
      'Type',
      'Tittel',
      'Avsender / mottaker',
      'Enhet',
      'Saksbehandler',
      'Status',
      'Mangler',
    ]);
    const first = within(table).getByTestId('journal-row-pm-1-I');
    expect([...first.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual([
      '2025/118-1',
      '10.03.2025',
      'I',
      'Søknad om barnehageplass – Ola Nordmann',
      'Kari Nordmann',
      'Oppvekst',
      'Kari Saksbehandler',
      'Arkivert',
      'Komplett',
    ]);
    expect(within(first).getByRole('link', { name: 'Søknad om barnehageplass – Ola Nordmann' }).getAttribute('href')).toBe(`/innboks/${publicId(1)}`);
    const second = within(table).getByTestId('journal-row-pm-2-U');
    expect(within(second).getByText('Ikke nummerert')).toBeTruthy();
    expect(within(first).queryByTestId('journal-screened')).toBeNull();
    expect(within(second).getByTestId('journal-screened').textContent).toBe('Skjermet Offl. § 13');
    expect([...within(second).getByTestId('journal-missing').querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Mangler journalpostnummer', 'Ikke avskrevet']);
    expect(within(second).getByText('Ola Nordmann, Kari Nordmann')).toBeTruthy();
  });

  it('applies the period and filters when asked, and checks the period first', async () => {
    const bridge = archivistBridge({ 'archivist.journal': () => ok({ rows: [], total: 0, missing: 0 }) });
    renderApp(bridge, { path: '/arkiv?fane=journal' });
    expect(await screen.findByText('Ingen journalposter i perioden med dette utvalget.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Fra dato'), { target: { value: '2025-03-10' } });
    fireEvent.change(screen.getByLabelText('Til dato'), { target: { value: '2025-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vis journalen' }));
    expect(await screen.findByText('Til-datoen kan ikke være før fra-datoen.')).toBeTruthy();
    expect(bridge.callsTo('archivist.journal')).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Til dato'), { target: { value: '2025-03-31' } });
    fireEvent.change(screen.getByLabelText('Journalposttype'), { target: { value: 'U' } });
    fireEvent.change(screen.getByLabelText('Administrativ enhet'), { target: { value: ' Oppvekst ' } });
    fireEvent.change(screen.getByLabelText('Skjerming'), { target: { value: 'yes' } });
    fireEvent.click(screen.getByLabelText('Bare journalposter med mangler'));
    fireEvent.click(screen.getByRole('button', { name: 'Vis journalen' }));
    await waitFor(() => expect(bridge.callsTo('archivist.journal')).toHaveLength(2));
    expect(bridge.callsTo('archivist.journal')[1]).toEqual({
      from: '2025-03-10',
      to: '2025-03-31',
      limit: 500,
      journalposttype: 'U',
      administrativEnhet: 'Oppvekst',
      screened: true,
      onlyMissing: true,
    });
  });

  it('says when the list is cut short', async () => {
    renderApp(archivistBridge({ 'archivist.journal': () => ok({ rows: ROWS, total: 812, missing: 0 }) }), { path: '/arkiv?fane=journal' });
    expect(await screen.findByText('Viser de første 2. Snevre inn perioden eller utvalget for å se resten.')).toBeTruthy();
  });
});

describe('monthOf', () => {
  it('gives the Oslo calendar month, also on its last evening in UTC', () => {
    expect(monthOf(Date.UTC(2025, 1, 10, 12))).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(monthOf(Date.UTC(2024, 1, 29, 12))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    // 23:30 UTC on 31 March is already 1 April in Oslo (summer time)
    expect(monthOf(Date.UTC(2025, 2, 31, 23, 30))).toEqual({ from: '2025-04-01', to: '2025-04-30' });
  });
});
