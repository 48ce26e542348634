// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseWork } from '../../electron/ipc/desk.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { caseWorkFixture, LEDER, NOW, publicId, sessionFixture, statusFixture, submissionDetailFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

// jsdom has no canvas: pdf.js is replaced by a fake that records what it was given.
const pdf = vi.hoisted(() => ({ documents: [] as Uint8Array[], rendered: [] as number[], workerSrc: '' }));
vi.mock('pdfjs-dist', () => ({
  GlobalWorkerOptions: {
    set workerSrc(value: string) {
      pdf.workerSrc = value;
    },
    get workerSrc() {
      return pdf.workerSrc;
    },
  },
  RenderingCancelledException: class extends Error {},
  TextLayer: class {
    constructor(private readonly options: { container: HTMLElement }) {}
    render() {
      this.options.container.textContent = 'Vedtak om permisjon';
      return Promise.resolve();
    }
    cancel() {}
  },
  getDocument: ({ data }: { data: Uint8Array }) => {
    pdf.documents.push(data);
    return {
      promise: Promise.resolve({
        numPages: 2,
        getPage: (n: number) =>
          Promise.resolve({
            getViewport: ({ scale }: { scale: number }) => ({ width: 595 * scale, height: 842 * scale, userUnit: 1 }),
            render: () => {
              pdf.rendered.push(n);
              return { promise: Promise.resolve(), cancel: () => {} };
            },
            streamTextContent: () => ({}),
          }),
      }),
      destroy: () => Promise.resolve(),
    };
  },
}));

const PDF_TEXT = '%PDF-1.7 Vedtak';
const PDF_BASE64 = btoa(PDF_TEXT);
const id = publicId(1);
const ME = { account: 'kari', name: 'Kari Saksbehandler' };
const canAll = { claim: false, release: true, reassign: false, note: true, decide: true, editLetter: true, approve: true, sendBack: false, rejectLetter: false };

function caseBridge(initial: CaseWork = caseWorkFixture()) {
  let work = initial;
  const set = (next: Partial<CaseWork>) => {
    work = { ...work, ...next };
    return ok(work);
  };
  return new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'session.get': () => ok(sessionFixture({ switchable: [LEDER] })),
    'submissions.get': () => ok(submissionDetailFixture()),
    'cases.work': () => ok(work),
    'cases.claim': () => set({ status: 'in-progress', assignee: ME, can: { ...canAll } }),
    'cases.release': () => set({ status: 'new', assignee: null }),
    'cases.reassign': ({ to }) => set({ assignee: { account: to, name: to === 'lise' ? 'Lise Leder' : to } }),
    'cases.note': ({ text }) => set({ notes: [...work.notes, { at: NOW, author: ME.name, text }] }),
    'cases.decide': ({ outcome, grounds }) =>
      set({
        status: 'decided',
        decision: { outcome, grounds, decidedAt: NOW, decidedBy: ME.name, recommendation: null },
        letter: { title: 'Vedtak om permisjon', body: `Søknaden er ${outcome}. ${grounds}`, updatedAt: NOW, updatedBy: ME.name },
      }),
    'cases.saveLetter': ({ title, body }) => set({ letter: { title, body, updatedAt: NOW + 1000, updatedBy: ME.name } }),
    'cases.previewLetter': () => ok({ pdfBase64: PDF_BASE64, pages: 2 }),
    'cases.approve': () =>
      set({
        status: work.secondApprovalRequired ? 'awaiting-approval' : 'approved',
        approvals: [{ at: NOW, by: ME.name, role: 'saksbehandler' }],
        can: { ...work.can, approve: false },
      }),
    'cases.part': ({ seq }) => ok({ contentType: 'application/pdf', filename: seq === 2 ? 'permisjon.pdf' : null, base64: PDF_BASE64 }),
  });
}

const section = (name: string) => screen.getByRole('region', { name });

beforeEach(() => {
  pdf.documents.length = 0;
  pdf.rendered.length = 0;
});

describe('Case view', () => {
  it('shows the work panel and claims the case, announcing it politely', async () => {
    const bridge = caseBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    expect((await screen.findByTestId('work-assignee', {}, { timeout: 5000 })).textContent).toBe('Ikke tildelt');
    // the one case state, in the page heading
    expect(screen.getByTestId('case-status').textContent).toBe('Ny');
    expect(screen.queryByRole('button', { name: 'Frigi saken' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Ta saken' }));
    expect((await screen.findByTestId('work-result')).textContent).toBe('Du har tatt saken.');
    expect(screen.getByTestId('work-result').closest('[aria-live="polite"]')).not.toBeNull();
    expect(bridge.callsTo('cases.claim')).toEqual([{ publicId: id }]);
    expect(screen.getByTestId('work-assignee').textContent).toBe('Kari Saksbehandler');
    expect(screen.getByTestId('case-status').textContent).toBe('Under behandling');
    expect(screen.queryByRole('button', { name: 'Ta saken' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Frigi saken' }));
    await waitFor(() => expect(screen.getByTestId('work-assignee').textContent).toBe('Ikke tildelt'));
  });

  it('lets a leder reassign to one of the people the hub says may have the case', async () => {
    const bridge = caseBridge(caseWorkFixture({ can: { ...canAll, reassign: true }, assignable: [{ account: 'lise', name: 'Lise Leder' }] }));
    renderApp(bridge, { path: `/innboks/${id}` });
    const form = await screen.findByTestId('reassign-form', {}, { timeout: 5000 });
    expect(within(form).getAllByRole('option').map((o) => o.textContent)).toEqual(['Velg saksbehandler', 'Lise Leder']);
    fireEvent.click(within(form).getByRole('button', { name: 'Tildel' }));
    expect(await within(form).findByText('Velg hvem saken skal tildeles.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Tildel saken til'), { target: { value: 'lise' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Tildel' }));
    expect((await screen.findByTestId('work-result')).textContent).toBe('Saken er tildelt Lise Leder.');
    expect(bridge.callsTo('cases.reassign')).toEqual([{ publicId: id, to: 'lise' }]);
  });

  it('adds an internal note', async () => {
    const bridge = caseBridge(caseWorkFixture({ can: canAll }));
    renderApp(bridge, { path: `/innboks/${id}` });
    fireEvent.click(await screen.findByRole('tab', { name: 'Notater' }, { timeout: 5000 }));
    expect((await screen.findByTestId('notes-none')).textContent).toBe('Ingen notater.');
    fireEvent.change(screen.getByLabelText('Nytt notat'), { target: { value: 'Ringte mor, venter på skolens uttalelse.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Legg til notat' }));
    expect((await screen.findByTestId('notes-result')).textContent).toBe('Notatet er lagt til.');
    expect(within(screen.getByTestId('case-notes')).getByText('Ringte mor, venter på skolens uttalelse.')).toBeTruthy();
    expect((screen.getByLabelText('Nytt notat') as HTMLTextAreaElement).value).toBe('');
  });

  it('decides with the recommendation shown, saves the letter and previews it in pdf.js beside the editor', async () => {
    const bridge = caseBridge(
      caseWorkFixture({
        status: 'in-progress',
        assignee: ME,
        can: canAll,
        recommendation: { outcome: 'innvilget', explanation: 'Permisjonen er kortere enn 10 skoledager.' },
      }),
    );
    renderApp(bridge, { path: `/innboks/${id}` });
    const recommendation = await screen.findByTestId('decision-recommendation', {}, { timeout: 5000 });
    expect(recommendation.textContent).toContain('Forslag fra tjenesteprofilen: Innvilget');
    expect(recommendation.textContent).toContain('kortere enn 10 skoledager');
    expect(screen.getByTestId('letter-none')).toBeTruthy();

    // Both fields are required.
    fireEvent.click(screen.getByRole('button', { name: 'Lagre vedtak' }));
    expect(await screen.findByText('Velg utfall.')).toBeTruthy();
    expect(bridge.callsTo('cases.decide')).toEqual([]);

    fireEvent.click(screen.getByRole('radio', { name: 'Delvis innvilget' }));
    fireEvent.change(screen.getByLabelText('Begrunnelse', { selector: 'textarea' }), { target: { value: 'Innvilget for ett av barna.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lagre vedtak' }));
    expect((await screen.findByTestId('decision-result')).textContent).toContain('Vedtaket er lagret (Delvis innvilget)');
    expect(bridge.callsTo('cases.decide')).toEqual([{ publicId: id, outcome: 'delvis-innvilget', grounds: 'Innvilget for ett av barna.' }]);
    expect(screen.getByTestId('decision-outcome').textContent).toBe('Delvis innvilget');

    // The drafted letter is in the editor.
    const title = (await screen.findByLabelText('Tittel')) as HTMLInputElement;
    expect(title.value).toBe('Vedtak om permisjon');
    fireEvent.change(screen.getByLabelText('Brevtekst'), { target: { value: 'Søknaden er delvis innvilget. Ola får permisjon.' } });
    expect(screen.getByTestId('letter-unsaved').textContent).toMatch(/Forhåndsvisningen viser sist lagrede brev/);
    fireEvent.click(screen.getByRole('button', { name: 'Lagre brev' }));
    expect((await screen.findByTestId('letter-result')).textContent).toBe('Brevet er lagret.');
    expect(bridge.callsTo('cases.saveLetter')).toEqual([{ publicId: id, title: 'Vedtak om permisjon', body: 'Søknaden er delvis innvilget. Ola får permisjon.' }]);

    // Preview: the viewer gets exactly the bytes the hub rendered.
    fireEvent.click(screen.getByRole('button', { name: 'Forhåndsvis brev' }));
    const viewer = await screen.findByTestId('pdf-viewer');
    expect(within(viewer).getByRole('heading', { name: 'Forhåndsvisning av svarbrevet' })).toBeTruthy();
    await within(viewer).findByTestId('pdf-page-2');
    expect(pdf.documents).toHaveLength(1);
    expect(new TextDecoder().decode(pdf.documents[0])).toBe(PDF_TEXT);
    expect(pdf.workerSrc).toMatch(/pdf\.worker\.min.*\.mjs/);
    expect(within(viewer).getByTestId('pdf-page-1').getAttribute('aria-label')).toBe('Side 1 av 2');
    await waitFor(() => expect(pdf.rendered).toEqual(expect.arrayContaining([1, 2])));
    await waitFor(() => expect(within(viewer).getAllByText('Vedtak om permisjon').length).toBeGreaterThan(0));
    const download = within(viewer).getByTestId('pdf-download');
    expect(download.getAttribute('href')).toBe(`data:application/pdf;base64,${PDF_BASE64}`);
    expect(download.getAttribute('download')).toBe('svarbrev-2026-118.pdf');
  });

  it('shows the second-approval state: waiting for the leder', async () => {
    const bridge = caseBridge(
      caseWorkFixture({
        status: 'decided',
        assignee: ME,
        can: canAll,
        secondApprovalRequired: true,
        decision: { outcome: 'innvilget', grounds: 'Ok.', decidedAt: NOW, decidedBy: ME.name, recommendation: null },
        letter: { title: 'Vedtak', body: 'Innvilget.', updatedAt: NOW, updatedBy: ME.name },
      }),
    );
    renderApp(bridge, { path: `/innboks/${id}` });
    expect((await screen.findByTestId('work-second-approval', {}, { timeout: 5000 })).textContent).toBe('Leder må godkjenne svaret');
  });

  it('shows preview and action errors with the hub’s message', async () => {
    const bridge = caseBridge(caseWorkFixture({ can: canAll, letter: { title: 'Vedtak', body: 'Tekst', updatedAt: NOW, updatedBy: ME.name } }));
    bridge.setHandler('cases.previewLetter', () => fail('internal', 'Fonten mangler'));
    renderApp(bridge, { path: `/innboks/${id}` });
    fireEvent.click(await screen.findByRole('button', { name: 'Forhåndsvis brev' }));
    expect(await screen.findByText('Fonten mangler')).toBeTruthy();
    expect(screen.getByText('Kunne ikke lage forhåndsvisningen')).toBeTruthy();
    expect(screen.queryByTestId('pdf-viewer')).toBeNull();
  });

  it('renders the timeline in order, with who and when', async () => {
    const bridge = caseBridge(
      caseWorkFixture({
        timeline: [
          { kind: 'decided', at: NOW - 1000, actor: 'Kari Saksbehandler', text: 'Innvilget' },
          { kind: 'received', at: NOW - 3600_000, actor: 'Postmottak', text: null },
          { kind: 'archived', at: NOW - 3500_000, actor: 'Postmottak', text: 'Journalpost 2026/118-1' },
        ],
      }),
    );
    renderApp(bridge, { path: `/innboks/${id}` });
    fireEvent.click(await screen.findByRole('tab', { name: 'Historikk' }, { timeout: 5000 }));
    const timeline = await screen.findByTestId('case-timeline');
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-testid'))).toEqual(['timeline-received', 'timeline-archived', 'timeline-decided']);
    expect(items[1]!.textContent).toContain('Arkivert');
    expect(items[1]!.textContent).toContain('av Postmottak');
    expect(items[1]!.textContent).toContain('Journalpost 2026/118-1');
    expect(items[2]!.textContent).toContain('av Kari Saksbehandler');
    expect(section('Historikk')).toBeTruthy();
  });

  it('"Vis" loads a stored PDF part through cases.part into the same viewer', async () => {
    const bridge = caseBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    const parts = await screen.findByTestId('submission-parts');
    // Only the stored PDF (the receipt) can be shown; the unstored image cannot.
    expect(within(parts).getAllByRole('button')).toHaveLength(1);
    fireEvent.click(within(parts).getByRole('button', { name: 'Vis permisjon.pdf' }));
    const viewer = await screen.findByTestId('pdf-viewer');
    expect(bridge.callsTo('cases.part')).toEqual([{ publicId: id, seq: 2 }]);
    expect(within(viewer).getByRole('heading', { name: 'Dokument: permisjon.pdf' })).toBeTruthy();
    await within(viewer).findByTestId('pdf-page-1');
    expect(new TextDecoder().decode(pdf.documents[0])).toBe(PDF_TEXT);
    fireEvent.click(within(viewer).getByRole('button', { name: 'Lukk visningen' }));
    expect(screen.queryByTestId('pdf-viewer')).toBeNull();
  });

  it('keeps the submission on screen when cases.work fails', async () => {
    const bridge = caseBridge();
    bridge.setHandler('cases.work', () => fail('forbidden', 'Du har ikke tilgang til saksbehandlingen.'));
    renderApp(bridge, { path: `/innboks/${id}` });
    expect(await screen.findByText('Du har ikke tilgang til saksbehandlingen.')).toBeTruthy();
    expect(screen.getByTestId('submission-form')).toBeTruthy();
  });
});

describe('Case view: the work side (#14)', () => {
  it('drops a success message once the state it describes has changed, and keeps it while it holds', async () => {
    const bridge = caseBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    fireEvent.click(await screen.findByRole('button', { name: 'Ta saken' }, { timeout: 5000 }));
    expect((await screen.findByTestId('work-result')).textContent).toBe('Du har tatt saken.');

    // a hub event with nothing changed: the message still describes the case
    act(() => bridge.emit('submissions.changed', { received: 1, quarantined: 0 }));
    await waitFor(() => expect(bridge.callsTo('cases.work').length).toBeGreaterThan(1));
    expect(screen.getByTestId('work-result').textContent).toBe('Du har tatt saken.');

    // a leder takes the case from us: «Du har tatt saken» is no longer true, so it goes
    const calls = bridge.callsTo('cases.work').length;
    bridge.setHandler('cases.work', () => ok(caseWorkFixture({ status: 'in-progress', assignee: { account: 'lise', name: 'Lise Leder' } })));
    act(() => bridge.emit('submissions.changed', { received: 1, quarantined: 0 }));
    await waitFor(() => expect(screen.getByTestId('work-assignee').textContent).toBe('Lise Leder'));
    expect(bridge.callsTo('cases.work').length).toBeGreaterThan(calls);
    expect(screen.queryByTestId('work-result')).toBeNull();
  });

  it('switches the letter between editing and its preview, and says when the preview is older than the letter', async () => {
    const letter = { title: 'Vedtak om permisjon', body: 'Søknaden er innvilget.', updatedAt: NOW, updatedBy: ME.name };
    const bridge = caseBridge(caseWorkFixture({ status: 'decided', assignee: ME, can: canAll, letter }));
    renderApp(bridge, { path: `/innboks/${id}` });
    const work = await screen.findByTestId('letter-work', {}, { timeout: 5000 });
    // the CSS shows one column at a time when narrow; which one is the toggle's state
    expect(work.getAttribute('data-view')).toBe('edit');
    expect(bridge.callsTo('cases.previewLetter')).toEqual([]);
    fireEvent.click(within(work).getByRole('radio', { name: 'Forhåndsvis' }));
    expect(work.getAttribute('data-view')).toBe('preview');
    // choosing the preview draws it: no second click
    await within(work).findByTestId('pdf-viewer');
    expect(bridge.callsTo('cases.previewLetter')).toEqual([{ publicId: id }]);

    // back to editing, save a change: the preview shown is now of the older letter, and says so
    fireEvent.click(within(work).getByRole('radio', { name: 'Rediger' }));
    fireEvent.change(screen.getByLabelText('Brevtekst'), { target: { value: 'Søknaden er innvilget. Velkommen!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lagre brev' }));
    expect((await screen.findByTestId('letter-result')).textContent).toBe('Brevet er lagret.');
    expect(screen.getByTestId('letter-preview-stale').textContent).toBe('Forhåndsvisningen viser en eldre versjon av brevet.');
    fireEvent.click(within(work).getByRole('radio', { name: 'Forhåndsvis' }));
    await waitFor(() => expect(bridge.callsTo('cases.previewLetter')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByTestId('letter-preview-stale')).toBeNull());
  });

  it('says that the preview of an approved letter is the stored PDF, and shows the letter read-only', async () => {
    const letter = { title: 'Vedtak om permisjon', body: 'Søknaden er innvilget.', updatedAt: NOW, updatedBy: ME.name };
    const bridge = caseBridge(
      caseWorkFixture({ status: 'approved', assignee: ME, letter, approvals: [{ at: NOW, by: ME.name, role: 'saksbehandler' }], can: { ...canAll, decide: false, editLetter: false, approve: false } }),
    );
    renderApp(bridge, { path: `/innboks/${id}` });
    expect((await screen.findByTestId('letter-read', {}, { timeout: 5000 })).textContent).toContain('Søknaden er innvilget.');
    expect(screen.getByTestId('letter-preview').textContent).toContain('dette er den lagrede PDF-en som ble sendt');
    expect(screen.queryByRole('button', { name: 'Lagre brev' })).toBeNull();
  });

  it('shows the decision’s maker by the name the hub gives', async () => {
    const bridge = caseBridge(
      caseWorkFixture({ status: 'decided', assignee: ME, decision: { outcome: 'innvilget', grounds: 'Ok.', decidedAt: NOW, decidedBy: 'Kari Saksbehandler', recommendation: null } }),
    );
    renderApp(bridge, { path: `/innboks/${id}` });
    expect((await screen.findByTestId('decision-by', {}, { timeout: 5000 })).textContent).toContain('Kari Saksbehandler');
  });
});
