// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandoverDto, ManualTaskDto } from '../../electron/ipc/routing.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { caseWorkFixture, deskUserFixture, NOW, publicId, sessionFixture, statusFixture, submissionDetailFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

// jsdom has no canvas: the summary PDF's viewer gets a pdf.js that draws nothing.
vi.mock('pdfjs-dist', () => ({
  GlobalWorkerOptions: { workerSrc: '' },
  RenderingCancelledException: class extends Error {},
  TextLayer: class {
    render() {
      return Promise.resolve();
    }
    cancel() {}
  },
  getDocument: () => ({
    promise: Promise.resolve({
      numPages: 1,
      getPage: () =>
        Promise.resolve({
          getViewport: ({ scale }: { scale: number }) => ({ width: 595 * scale, height: 842 * scale, userUnit: 1 }),
          render: () => ({ promise: Promise.resolve(), cancel: () => {} }),
          streamTextContent: () => ({}),
        }),
    }),
    destroy: () => Promise.resolve(),
  }),
}));

const id = publicId(1);

function handover(overrides: Partial<HandoverDto> = {}): HandoverDto {
  return {
    target: 'ist-barnehage',
    targetName: 'IST barnehage',
    mode: 'automatic',
    status: 'delivered',
    after: 'archived',
    reference: 'IST-2026-0042',
    lastError: null,
    mappingVersion: 2,
    updatedAt: NOW - 60_000,
    deliveredAt: NOW - 60_000,
    doneBy: null,
    can: { retry: false, complete: false },
    ...overrides,
  };
}

const GERICA = handover({ target: 'gerica', targetName: 'Gerica', mode: 'manual', status: 'manual', reference: null, deliveredAt: null, mappingVersion: 1, can: { retry: false, complete: true } });
const REFUSED = handover({
  target: 'visma-flyt-skole',
  targetName: 'Visma Flyt Skole',
  status: 'failed',
  after: 'decided',
  reference: null,
  deliveredAt: null,
  lastError: 'Elevnummer mangler (felt «elevId»)',
  can: { retry: true, complete: false },
});

const TASK: ManualTaskDto = {
  target: 'gerica',
  targetName: 'Gerica',
  instructions: 'Registrer søknaden i Gerica under «Ny sak».',
  assignTo: 'helse-tildeling',
  fields: [
    { label: 'Navn', value: 'Kari Nordmann', sensitive: false },
    { label: 'Fødselsnummer', value: '01017012345', sensitive: true },
    { label: 'Tjeneste', value: 'Hjemmesykepleie', sensitive: false },
  ],
};

function handoverBridge(items: HandoverDto[], roles: ReturnType<typeof deskUserFixture>['roles'] = ['saksbehandler']) {
  let list = items;
  const user = deskUserFixture({ roles });
  return new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'session.get': () => ok(sessionFixture({ user })),
    'submissions.get': () => ok(submissionDetailFixture()),
    'cases.work': () => ok(caseWorkFixture()),
    'handovers.forCase': () => ok(list),
    'handovers.retry': ({ target }) => {
      list = list.map((h) => (h.target === target ? { ...h, status: 'pending', lastError: null, can: { retry: false, complete: false } } : h));
      return ok(list.find((h) => h.target === target)!);
    },
    'handovers.task': () => ok(TASK),
    'handovers.summaryPdf': () => ok({ pdfBase64: btoa('%PDF-1.7 sammendrag'), pages: 1 }),
    'handovers.complete': ({ target, reference }) => {
      list = list.map((h) =>
        h.target === target ? { ...h, status: 'done', reference: reference ?? null, doneBy: 'Kari Saksbehandler', deliveredAt: NOW, can: { retry: false, complete: false } } : h,
      );
      return ok(list.find((h) => h.target === target)!);
    },
  });
}

/** The hand-overs live in the case's «Fagsystem» tab (#14): open it, then the section. */
async function panel() {
  await screen.findByTestId('case-detail-tabs');
  fireEvent.click(screen.getByRole('tab', { name: 'Fagsystem' }));
  return screen.findByRole('region', { name: 'Overføring til fagsystem' });
}
let writeText: ReturnType<typeof vi.fn>;

beforeEach(() => {
  writeText = vi.fn(() => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('Case hand-overs', () => {
  it('shows each hand-over with its status in words, the reference, and the target’s refusal with «Prøv igjen»', async () => {
    const bridge = handoverBridge([handover(), REFUSED]);
    renderApp(bridge, { path: `/innboks/${id}` });
    const region = await panel();
    const ist = within(region).getByTestId('handover-ist-barnehage');
    expect(within(ist).getByRole('heading', { level: 3 }).textContent).toBe('IST barnehage');
    expect(within(ist).getByTestId('handover-ist-barnehage-status').textContent).toBe('Overført');
    expect(within(ist).getByTestId('handover-ist-barnehage-reference').textContent).toBe('IST-2026-0042');
    expect(within(ist).getByTestId('handover-ist-barnehage-mapping').textContent).toBe('versjon 2');
    expect(within(ist).getByTestId('handover-ist-barnehage-after').textContent).toBe('Etter arkivering');
    expect(within(ist).queryByRole('button')).toBeNull();

    const visma = within(region).getByTestId('handover-visma-flyt-skole');
    expect(within(visma).getByTestId('handover-visma-flyt-skole-status').textContent).toBe('Avvist');
    const refusal = within(visma).getByTestId('handover-visma-flyt-skole-refused');
    expect(within(refusal).getByRole('heading', { level: 4 }).textContent).toBe('Visma Flyt Skole avviste overføringen');
    expect(refusal.textContent).toContain('Elevnummer mangler (felt «elevId»)');
    expect(within(visma).getByTestId('handover-visma-flyt-skole-reference').textContent).toBe('Ingen ennå');

    const retry = within(visma).getByRole('button', { name: 'Prøv igjen – overføringen til Visma Flyt Skole' });
    expect(retry.textContent).toBe('Prøv igjen');
    fireEvent.click(retry);
    expect((await screen.findByTestId('handover-result')).textContent).toBe('Overføringen til Visma Flyt Skole er satt i gang på nytt.');
    expect(bridge.callsTo('handovers.retry')).toEqual([{ publicId: id, target: 'visma-flyt-skole' }]);
    await waitFor(() => expect(within(region).getByTestId('handover-visma-flyt-skole-status').textContent).toBe('Sendes'));
    expect(within(region).queryByTestId('handover-visma-flyt-skole-refused')).toBeNull();
  });

  it('the manual task: instructions, fields copied one by one, a sensitive value hidden until «Vis», the summary PDF, and «Merk som overført»', async () => {
    const bridge = handoverBridge([GERICA]);
    renderApp(bridge, { path: `/innboks/${id}` });
    const region = await panel();
    expect(within(region).getByTestId('handover-gerica-status').textContent).toBe('Manuell oppgave');
    fireEvent.click(within(region).getByRole('button', { name: 'Utfør overføring til Gerica' }));

    const dialog = await screen.findByTestId('manual-task-dialog');
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe('Overfør til Gerica manuelt');
    expect((await within(dialog).findByTestId('manual-task-instructions')).textContent).toBe('Registrer søknaden i Gerica under «Ny sak».');
    expect(dialog.textContent).toContain('Ansvarlig: helse-tildeling');
    expect(bridge.callsTo('handovers.task')).toEqual([{ publicId: id, target: 'gerica' }]);

    const fields = within(dialog).getByRole('list', { name: 'Felt å skrive inn' });
    const values = () => within(fields).getAllByTestId('manual-task-value').map((v) => v.textContent);
    expect(values()).toEqual(['Kari Nordmann', '••••••', 'Hjemmesykepleie']);
    expect(dialog.textContent).not.toContain('01017012345');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Kopier Navn' }));
    expect((await within(dialog).findByTestId('manual-task-copied')).textContent).toBe('«Navn» er kopiert.');
    expect(within(fields).getByTestId('manual-task-field-0').textContent).toContain('✓ Kopiert');
    expect(within(dialog).getByTestId('manual-task-copied').closest('[role="status"]')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kopier Fødselsnummer' }));
    await waitFor(() => expect(within(dialog).getByTestId('manual-task-copied').textContent).toBe('«Fødselsnummer» er kopiert.'));
    expect(writeText.mock.calls).toEqual([['Kari Nordmann'], ['01017012345']]);
    expect(dialog.textContent).not.toContain('01017012345'); // copied, still not shown

    fireEvent.click(within(dialog).getByRole('button', { name: 'Vis Fødselsnummer' }));
    expect(values()[1]).toBe('01017012345');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Skjul Fødselsnummer' }));
    expect(values()[1]).toBe('••••••');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Åpne sammendraget (PDF)' }));
    const viewer = await within(dialog).findByTestId('pdf-viewer');
    expect(within(viewer).getByRole('heading', { name: 'Sammendrag av søknaden' })).toBeTruthy();
    expect(within(viewer).getByTestId('pdf-download').getAttribute('download')).toBe('overforing-gerica.pdf');
    expect(bridge.callsTo('handovers.summaryPdf')).toEqual([{ publicId: id, target: 'gerica' }]);

    fireEvent.change(within(dialog).getByLabelText('Referanse fra Gerica (valgfri)'), { target: { value: '  G-778  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merk som overført' }));
    expect((await screen.findByTestId('handover-result')).textContent).toBe('Overført til Gerica (manuelt).');
    expect(bridge.callsTo('handovers.complete')).toEqual([{ publicId: id, target: 'gerica', reference: 'G-778' }]);
    expect(screen.queryByTestId('manual-task-dialog')).toBeNull();
    await waitFor(() => expect(within(region).getByTestId('handover-gerica-status').textContent).toBe('Overført manuelt'));
    expect(within(region).getByTestId('handover-gerica-reference').textContent).toBe('G-778');
    expect(within(region).getByTestId('handover-gerica-done-by').textContent).toBe('Kari Saksbehandler');
    expect(within(region).queryByRole('button', { name: /Utfør/ })).toBeNull();
  });

  it('says so when the clipboard refuses, and shows the hub’s error when completing fails', async () => {
    const bridge = handoverBridge([GERICA]);
    writeText.mockImplementation(() => Promise.reject(new Error('denied')));
    bridge.setHandler('handovers.complete', () => fail('conflict', 'Oppgaven er allerede utført av en annen.'));
    renderApp(bridge, { path: `/innboks/${id}` });
    fireEvent.click(within(await panel()).getByRole('button', { name: 'Utfør overføring til Gerica' }));
    const dialog = await screen.findByTestId('manual-task-dialog');
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Kopier Tjeneste' }));
    expect((await within(dialog).findByTestId('manual-task-copied')).textContent).toBe('Kunne ikke kopiere «Tjeneste». Merk verdien og kopier den selv.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merk som overført' }));
    expect(await within(dialog).findByText('Oppgaven er allerede utført av en annen.')).toBeTruthy();
    expect(bridge.callsTo('handovers.complete')).toEqual([{ publicId: id, target: 'gerica' }]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    await waitFor(() => expect(screen.queryByTestId('manual-task-dialog')).toBeNull());
  });

  it('shows the hand-overs without actions to a role that may only read the case', async () => {
    renderApp(handoverBridge([GERICA, REFUSED], ['arkivar']), { path: `/innboks/${id}` });
    expect((await screen.findByTestId('desk-user-name')).textContent).toBe('Kari Saksbehandler');
    const region = await panel();
    expect(within(region).getByTestId('handover-gerica-status').textContent).toBe('Manuell oppgave');
    expect(within(region).queryByRole('button')).toBeNull();
  });

  it('says so on a case with no hand-overs', async () => {
    const bridge = handoverBridge([]);
    renderApp(bridge, { path: `/innboks/${id}` });
    const region = await panel();
    await waitFor(() => expect(bridge.callsTo('handovers.forCase')).toHaveLength(1));
    expect((await within(region).findByTestId('handovers-none')).textContent).toBe(
      'Søknaden skal ikke overføres til noe fagsystem, eller overføringen har ikke startet ennå.',
    );
    expect(within(region).queryByTestId('case-handovers')).toBeNull();
  });

  it('uses one status vocabulary in nynorsk and English', async () => {
    const all = (['waiting', 'pending', 'awaiting-receipt', 'delivered', 'failed', 'manual', 'done'] as const).map((status, i) =>
      handover({ target: `t${i}`, targetName: `System ${i}`, status, lastError: null }),
    );
    const words = async () => {
      const region = await screen.findByTestId('case-handovers');
      return all.map((h) => within(region).getByTestId(`handover-${h.target}-status`).textContent);
    };
    const view = renderApp(handoverBridge(all), { path: `/innboks/${id}`, language: 'nn' });
    expect(await words()).toEqual(['Ventar på oppsett', 'Blir send', 'Ventar på kvittering', 'Overført', 'Avvist', 'Manuell oppgåve', 'Overført manuelt']);
    view.unmount();
    renderApp(handoverBridge(all), { path: `/innboks/${id}`, language: 'en' });
    expect(await words()).toEqual(['Waiting for set-up', 'Sending', 'Awaiting receipt', 'Handed over', 'Refused', 'Manual task', 'Handed over manually']);
  });
});
