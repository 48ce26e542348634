// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../renderer/src/bridge/bridge';
import { osloDate } from '../../renderer/src/archive/archive-labels';
import { archivistBridge, exportFixture } from './archive-fixtures';
import { NOW, publicId } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const PREVIEW = [
  {
    journalposttype: 'I' as const,
    journaldato: '2025-03-10',
    caseNumber: '2025/118',
    journalpostnummer: 1,
    caseTitle: 'Søknad om barnehageplass – *****',
    title: 'Søknad om barnehageplass – *****',
    correspondents: ['Skjermet'],
    skjermingshjemmel: 'Offl. § 13',
    administrativEnhet: 'Oppvekst',
  },
];

describe('Arkiv: the public journal', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:journal');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('previews today by default, then makes the journal from the same period and offers its PDF and XML', async () => {
    let polls = 0;
    const bridge = archivistBridge({
      'archivist.publicJournalPreview': () => ok({ rows: PREVIEW, total: 1 }),
      'archivist.exportStart': (input) => ok(exportFixture({ id: 9, kind: input.kind, arkivdel: null, from: input.from, to: input.to })),
      'archivist.exportGet': () => ok(exportFixture({ id: 9, kind: 'public-journal', arkivdel: null, ...(polls++ > 0 ? { state: 'done', phase: 'done', done: 1, total: 1, outDir: '/data/offentlig/9' } : { state: 'running', phase: 'writing', total: 1 }) })),
      'archivist.exportFile': ({ file }) => ok({ filename: file === 'journal-xml' ? 'offentlig-journal.xml' : 'offentlig-journal.pdf', contentType: 'application/xml', base64: btoa('<x/>') }),
    });
    renderApp(bridge, { path: '/arkiv?fane=offentlig-journal' });
    const today = osloDate(Date.now());
    expect(((await screen.findByLabelText('Fra dato')) as HTMLInputElement).value).toBe(today);
    // nothing is asked for before the archivist asks for a preview
    expect(bridge.callsTo('archivist.publicJournalPreview')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Fra dato'), { target: { value: '2025-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Forhåndsvis' }));

    const table = await screen.findByRole('table', { name: 'Forhåndsvisning' });
    expect(bridge.callsTo('archivist.publicJournalPreview')).toEqual([{ from: '2025-03-01', to: today, limit: 500 }]);
    expect(screen.getByTestId('public-summary').textContent).toBe('1 journalpost blir publisert.');
    const cells = [...table.querySelectorAll('tbody th, tbody td')].map((c) => c.textContent);
    expect(cells).toEqual(['2025/118-1', '10.03.2025', 'I', 'Søknad om barnehageplass – *****', 'Søknad om barnehageplass – *****', 'Skjermet', 'Offl. § 13', 'Oppvekst']);

    fireEvent.click(screen.getByRole('button', { name: 'Lag offentlig journal' }));
    await waitFor(() => expect(bridge.callsTo('archivist.exportStart')).toEqual([{ kind: 'public-journal', from: '2025-03-01', to: today }]));
    const result = await screen.findByTestId('export-result', {}, { timeout: 3000 });
    expect(within(result).getByTestId('export-check').textContent).toBe('Ingen kontroll for denne typen uttrekk.');
    expect(within(result).queryByText('Saksmapper som ikke er med')).toBeNull();
    fireEvent.click(within(result).getByRole('button', { name: 'Offentlig journal (XML)' }));
    expect((await within(result).findByTestId('export-downloaded')).textContent).toBe('offentlig-journal.xml er lastet ned.');
    expect(within(result).getByRole('button', { name: 'Offentlig journal (PDF)' })).toBeTruthy();
    expect(bridge.callsTo('archivist.exportFile')).toEqual([{ id: 9, file: 'journal-xml' }]);
  });
});

describe('Arkiv: the audit log', () => {
  const ROWS = [
    { seq: 12, at: NOW - 60_000, actor: 'arne', action: 'archivist.retry', subject: 'entry:pm-2-I', details: { reason: 'Arkivet er rettet', attempt: 2 } },
    { seq: 11, at: NOW - 120_000, actor: 'system', action: 'archive.rejected', subject: null, details: {} },
  ];

  it('shows a period’s rows and says the chain is whole', async () => {
    const bridge = archivistBridge({ 'archivist.audit': () => ok({ rows: ROWS, chain: { ok: true, checked: 120, problem: null } }) });
    renderApp(bridge, { path: '/arkiv?fane=revisjonslogg' });
    fireEvent.change(await screen.findByLabelText('Fra dato'), { target: { value: '2025-03-01' } });
    fireEvent.change(screen.getByLabelText('Til dato'), { target: { value: '2025-03-12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vis revisjonsloggen' }));
    const chain = await screen.findByTestId('audit-chain');
    expect(bridge.callsTo('archivist.audit')).toEqual([{ from: '2025-03-01', to: '2025-03-12', limit: 200 }]);
    expect(chain.textContent).toBe('Revisjonsloggen er hel120 oppføringer er kontrollert, og ingen er endret eller fjernet.');
    expect(chain.getAttribute('data-color')).toBe('success');
    const table = screen.getByRole('table', { name: '2 oppføringer' });
    const row = within(table).getByTestId('audit-row-12');
    expect(row.textContent).toContain('archivist.retry');
    expect(row.textContent).toContain('entry:pm-2-I');
    expect([...row.querySelectorAll('dl > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])).toEqual([
      ['reason', 'Arkivet er rettet'],
      ['attempt', '2'],
    ]);
  });

  it('asks for one case by its id, checks the id, and says where the chain breaks', async () => {
    const bridge = archivistBridge({ 'archivist.audit': () => ok({ rows: [], chain: { ok: false, checked: 57, problem: { seq: 57, reason: 'hash stemmer ikke' } } }) });
    renderApp(bridge, { path: '/arkiv?fane=revisjonslogg' });
    fireEvent.click(await screen.findByRole('radio', { name: 'En sak' }));
    fireEvent.change(screen.getByLabelText('Sakens ID'), { target: { value: 'ikke-en-id' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vis revisjonsloggen' }));
    expect(await screen.findByText('Skriv en gyldig ID (36 tegn med bindestreker).')).toBeTruthy();
    expect(bridge.callsTo('archivist.audit')).toEqual([]);

    fireEvent.change(screen.getByLabelText('Sakens ID'), { target: { value: publicId(4).toUpperCase() } });
    fireEvent.click(screen.getByRole('button', { name: 'Vis revisjonsloggen' }));
    const chain = await screen.findByTestId('audit-chain');
    expect(bridge.callsTo('archivist.audit')).toEqual([{ publicId: publicId(4), limit: 200 }]);
    expect(chain.getAttribute('data-color')).toBe('danger');
    expect(chain.textContent).toContain('Kjeden brytes ved oppføring nr. 57: hash stemmer ikke. 57 oppføringer ble kontrollert.');
    expect(screen.getByText('Ingen oppføringer for dette utvalget.')).toBeTruthy();
  });
});
