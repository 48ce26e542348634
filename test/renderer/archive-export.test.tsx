// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportDto } from '../../electron/ipc/archivist.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { archivistBridge, exportFixture } from './archive-fixtures';
import { renderApp } from './helpers/render-app';

const ARKIVDELER = [
  { arkivdel: 'BARNEHAGE', caseFiles: 12, firstSaksdato: '2025-01-03', lastSaksdato: '2025-03-01' },
  { arkivdel: 'HELSE-OMSORG', caseFiles: 1, firstSaksdato: '2025-02-01', lastSaksdato: '2025-02-01' },
];

const DONE: Partial<ExportDto> = {
  state: 'done',
  phase: 'done',
  done: 40,
  total: 40,
  outDir: '/var/lib/postmottak/uttrekk/7/avleveringspakke',
  tarPath: '/var/lib/postmottak/uttrekk/7.tar',
  checkPassed: false,
  failedChecks: ['N5.47 Systemidentifikasjoner er unike'],
  leftOut: [{ saksnummer: '2025/12', title: 'Søknad om plass – *****', reason: 'Saksmappen er ikke avsluttet' }],
  // as the hub sends them (export-run.ts): the writer's mappe and the closed saksmapper agree; «ekstra» is a key the screen does not know
  counts: { mappe: 11, registrering: 29, dokumentfiler: 1234, endringer: 3, converted: 0, saksmapper: 11, utelatt: 1, ekstra: 5 },
  finishedAt: Date.now(),
};

/** exportGet walks the export through its phases, one step per poll. */
function exportBridge(steps: Partial<ExportDto>[]) {
  let polls = 0;
  let current: ExportDto | null = null;
  const bridge = archivistBridge({
    'archivist.arkivdeler': () => ok(ARKIVDELER),
    'archivist.exports': () => ok(current ? [current] : []),
    'archivist.exportStart': (input) => {
      current = exportFixture({ kind: input.kind, arkivdel: 'arkivdel' in input ? input.arkivdel : null, from: input.from, to: input.to });
      return ok(current);
    },
    'archivist.exportGet': () => {
      current = { ...current!, ...steps[Math.min(polls++, steps.length - 1)] };
      return ok(current);
    },
    'archivist.exportFile': ({ file }) =>
      ok({ filename: file === 'report-pdf' ? 'kontrollrapport-7.pdf' : 'kontrollrapport-7.html', contentType: 'application/pdf', base64: btoa('%PDF-1.7 rapport') }),
  });
  return bridge;
}

describe('Arkiv: export', () => {
  let clicked: { download: string; href: string }[];
  beforeEach(() => {
    clicked = [];
    URL.createObjectURL = vi.fn(() => 'blob:rapport');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('starts a Noark 5 export, follows it with a progress bar to the pre-check verdict, and downloads the report', async () => {
    const bridge = exportBridge([
      { state: 'running', phase: 'counting', done: 0, total: 0 },
      { state: 'running', phase: 'writing', done: 10, total: 40 },
      DONE,
    ]);
    renderApp(bridge, { path: '/arkiv?fane=eksport' });
    const form = await screen.findByTestId('export-form');
    // the arkivdel must be chosen when there is more than one
    await waitFor(() => expect(within(form).getByRole('option', { name: 'BARNEHAGE (12 saksmapper)' })).toBeTruthy());
    expect(within(form).getByRole('option', { name: 'HELSE-OMSORG (1 saksmappe)' })).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Start uttrekket' }));
    expect(await within(form).findByText('Velg en arkivdel.')).toBeTruthy();
    expect(bridge.callsTo('archivist.exportStart')).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Arkivdel'), { target: { value: 'BARNEHAGE' } });
    fireEvent.change(within(form).getByLabelText('Fra dato'), { target: { value: '2025-01-01' } });
    fireEvent.change(within(form).getByLabelText('Til dato'), { target: { value: '2025-03-12' } });
    fireEvent.click(within(form).getByLabelText(/Pakk som .tar/));
    fireEvent.click(within(form).getByRole('button', { name: 'Start uttrekket' }));
    await waitFor(() => expect(bridge.callsTo('archivist.exportStart')).toEqual([{ kind: 'noark5', arkivdel: 'BARNEHAGE', pack: true, from: '2025-01-01', to: '2025-03-12' }]));

    // queued, then the phases with their numbers
    expect((await screen.findByTestId('export-phase')).textContent).toBe('I kø – starter snart');
    await waitFor(() => expect(screen.getByTestId('export-phase').textContent).toBe('Skriver arkivstrukturen'), { timeout: 3000 });
    expect(screen.getByTestId('export-numbers').textContent).toBe('10 av 40');
    const bar = screen.getByTestId('export-progress-bar') as HTMLProgressElement;
    expect([bar.max, bar.value]).toEqual([40, 10]);
    expect(screen.getByRole('progressbar', { name: /Fremdrift for uttrekk 7/ })).toBe(bar);

    const result = await screen.findByTestId('export-result', {}, { timeout: 3000 });
    expect(bar.value).toBe(40);
    expect(screen.getByTestId('export-phase').textContent).toBe('Ferdig');
    expect(within(result).getByTestId('export-check').textContent).toBe('1 kontroll er ikke bestått:');
    expect(within(result).getByTestId('export-failed-checks').textContent).toContain('N5.47');
    expect(within(result).getByTestId('export-folder').textContent).toBe('/var/lib/postmottak/uttrekk/7/avleveringspakke');
    expect(within(result).getByTestId('export-tar').textContent).toBe('/var/lib/postmottak/uttrekk/7.tar');
    // the counts in words, as label and figure pairs; the closed saksmapper once; an unknown key as the hub names it
    const counts = within(within(result).getByTestId('export-counts')).getAllByRole('term').map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(counts).toEqual([
      ['Saksmapper', '11'],
      ['Journalposter', '29'],
      ['Dokumentfiler', '1\u00a0234'],
      ['Endringer', '3'],
      ['Konvertert til PDF/A', '0'],
      ['Utelatt (ikke avsluttet)', '1'],
      ['ekstra', '5'],
    ]);
    expect(within(result).getByTestId('export-count-registrering').textContent).toBe('Journalposter29');
    expect(within(result).queryByText(/mappe:|registrering|converted/)).toBeNull();
    const leftOut = within(result).getByRole('table', { name: 'Saksmapper som ikke er med' });
    expect(within(leftOut).getByText('Saksmappen er ikke avsluttet')).toBeTruthy();
    // polling stops once it is done
    const polls = bridge.callsTo('archivist.exportGet').length;
    await new Promise((r) => setTimeout(r, 700));
    expect(bridge.callsTo('archivist.exportGet').length).toBe(polls);

    fireEvent.click(within(result).getByRole('button', { name: 'Kontrollrapport (PDF)' }));
    expect((await within(result).findByTestId('export-downloaded')).textContent).toBe('kontrollrapport-7.pdf er lastet ned.');
    expect(bridge.callsTo('archivist.exportFile')).toEqual([{ id: 7, file: 'report-pdf' }]);
    expect(clicked).toEqual([{ download: 'kontrollrapport-7.pdf', href: 'blob:rapport' }]);
    expect(within(result).getByRole('button', { name: 'Kontrollrapport (HTML)' })).toBeTruthy();
    expect(within(result).getByRole('button', { name: 'Kontrollrapport (JSON)' })).toBeTruthy();

    // the list of exports is read again when it finishes
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Tidligere uttrekk' })).getByTestId('export-row-7').textContent).toContain('Ferdig'));
  });

  it('a Noark 4 deposit and the public journal send what their kind takes', async () => {
    const bridge = exportBridge([{ state: 'failed', error: 'Disken er full' }]);
    renderApp(bridge, { path: '/arkiv?fane=eksport' });
    const form = await screen.findByTestId('export-form');
    await waitFor(() => expect(within(form).getByRole('option', { name: 'BARNEHAGE (12 saksmapper)' })).toBeTruthy());
    fireEvent.click(within(form).getByRole('radio', { name: /Noark 4 deponering/ }));
    expect(within(form).queryByLabelText(/Pakk som .tar/)).toBeNull();
    fireEvent.change(within(form).getByLabelText('Arkivdel'), { target: { value: 'HELSE-OMSORG' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start uttrekket' }));
    await waitFor(() => expect(bridge.callsTo('archivist.exportStart')).toHaveLength(1));
    expect(bridge.callsTo('archivist.exportStart')[0]).toMatchObject({ kind: 'noark4', arkivdel: 'HELSE-OMSORG' });
    expect(bridge.callsTo('archivist.exportStart')[0]).not.toHaveProperty('pack');
    expect((await screen.findByTestId('export-error', {}, { timeout: 3000 })).textContent).toBe('Disken er full');
    expect(screen.getByText('Uttrekket feilet')).toBeTruthy();

    fireEvent.click(within(form).getByRole('radio', { name: /Offentlig journal/ }));
    expect(within(form).queryByLabelText('Arkivdel')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Start uttrekket' }));
    await waitFor(() => expect(bridge.callsTo('archivist.exportStart')).toHaveLength(2));
    expect(Object.keys(bridge.callsTo('archivist.exportStart')[1]!).sort()).toEqual(['from', 'kind', 'to']);
  });

  it('lists earlier exports and shows a finished one’s result without polling', async () => {
    const earlier = exportFixture({ id: 3, ...DONE, checkPassed: true, failedChecks: [], leftOut: [] });
    const bridge = archivistBridge({ 'archivist.arkivdeler': () => ok(ARKIVDELER), 'archivist.exports': () => ok([earlier]) });
    renderApp(bridge, { path: '/arkiv?fane=eksport' });
    const table = await screen.findByRole('table', { name: 'Tidligere uttrekk' });
    const row = within(table).getByTestId('export-row-3');
    expect(row.textContent).toContain('Noark 5 arkivuttrekk');
    expect(row.textContent).toContain('01.01.2025 – 12.03.2025');
    fireEvent.click(within(row).getByRole('button', { name: 'Vis uttrekk 3' }));
    const result = await screen.findByTestId('export-result');
    expect(within(result).getByTestId('export-check').textContent).toBe('Alle kontrollene er bestått.');
    expect(within(result).getByText('Alle saksmappene i perioden er med.')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 600));
    expect(bridge.callsTo('archivist.exportGet')).toEqual([]);
  });
});
