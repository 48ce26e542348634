// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { SubmissionDetail } from '../../electron/ipc/contract';
import { TIMELINE_KINDS, type CaseWork, type Role } from '../../electron/ipc/desk.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { BridgeProvider } from '../../renderer/src/bridge/bridge.context';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { CaseApplicationPane } from '../../renderer/src/case/case-application-pane';
import { CaseDetailTabs } from '../../renderer/src/case/case-detail-tabs';
import { createI18n, type UiLanguage } from '../../renderer/src/i18n/i18n';
import { SessionProvider } from '../../renderer/src/session/session.context';
import { caseWorkFixture, deskUserFixture, NOW, publicId, replyViewFixture, sessionFixture, submissionDetailFixture } from './helpers/fixtures';

// jsdom has no canvas: the receipt's viewer gets a pdf.js that draws nothing.
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
      numPages: 2,
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

/** A form as a profile maps it: dates in ISO and a yes/no as the XML has them. */
const submission = (overrides: Partial<SubmissionDetail> = {}) =>
  submissionDetailFixture({
    serviceKey: '5323:1',
    form: {
      fields: [
        { key: 'from', label: 'Fra dato', value: '2027-05-23' },
        { key: 'consent', label: 'Samtykke til innhenting', value: 'true' },
        { key: 'transport', label: 'Trenger skyss', value: 'false' },
        { key: 'reason', label: 'Begrunnelse', value: 'Familietur til Tromsø' },
        { key: 'email', label: 'E-post', value: null },
      ],
      lists: [
        {
          key: 'children',
          label: 'Barn',
          items: [
            [
              { key: 'name', label: 'Navn', value: 'Ola Nordmann' },
              { key: 'born', label: 'Født', value: '2015-06-01' },
            ],
            [{ key: 'name', label: 'Navn', value: 'Emma Nordmann' }],
          ],
        },
      ],
    },
    ...overrides,
  });

function setup(options: { roles?: Role[]; language?: UiLanguage; work?: CaseWork | null; sub?: SubmissionDetail } = {}) {
  const user = deskUserFixture({ roles: options.roles ?? ['saksbehandler'] });
  const bridge = new FakeBridge({
    'cases.part': () => ok({ contentType: 'application/pdf', filename: 'permisjon.pdf', base64: btoa('%PDF-1.7 kvittering') }),
    'replies.get': () => ok(replyViewFixture()),
    'handovers.forCase': () => ok([]),
    'cases.note': ({ text }) => ok(caseWorkFixture({ notes: [{ at: NOW, author: 'Kari Saksbehandler', text }] })),
  });
  const i18n = createI18n(options.language ?? 'nb');
  const sub = options.sub ?? submission();
  const work = options.work === undefined ? caseWorkFixture() : options.work;
  const apply = vi.fn();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <BridgeProvider bridge={bridge}>
        <SessionProvider session={sessionFixture({ user })}>
          <MemoryRouter>
            <CaseApplicationPane publicId={id} submission={sub} now={NOW} />
            <CaseDetailTabs publicId={id} submission={sub} work={work} now={NOW} apply={apply} />
          </MemoryRouter>
        </SessionProvider>
      </BridgeProvider>
    </I18nextProvider>,
  );
  return { bridge, view, apply };
}

const field = (key: string) => screen.getByTestId(`form-field-${key}`);
const tab = (name: string | RegExp) => screen.getByRole('tab', { name });

describe('The application pane', () => {
  it('shows the form under «Søknaden» with the profile’s labels, dates as dd.mm.yyyy and yes/no in words', () => {
    setup();
    const pane = screen.getByRole('region', { name: 'Søknaden' });
    expect(within(pane).getByRole('heading', { level: 2 }).textContent).toBe('Søknaden');
    expect(within(field('from')).getByRole('term').textContent).toBe('Fra dato');
    expect(within(field('from')).getByRole('definition').textContent).toBe('23.05.2027');
    expect(field('from').querySelector('time')?.getAttribute('datetime')).toBe('2027-05-23');
    expect(within(field('consent')).getByRole('definition').textContent).toBe('Ja');
    expect(within(field('transport')).getByRole('definition').textContent).toBe('Nei');
    expect(within(field('reason')).getByRole('definition').textContent).toBe('Familietur til Tromsø');
    expect(within(field('email')).getByRole('definition').textContent).toBe('–');
    expect(pane.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // the first field comes before anything else of the form: no introduction above it
    const form = screen.getByTestId('submission-form');
    expect(form.querySelector('dt')?.textContent).toBe('Fra dato');
  });

  it('shows the children as a small table, their dates in the locale’s format too', () => {
    setup();
    const table = screen.getByRole('table', { name: 'Barn' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[0]!).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Navn', 'Født']);
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Ola Nordmann', '01.06.2015']);
    expect(within(rows[2]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Emma Nordmann', '–']);
    // it may scroll in its own labelled box, never the page
    expect(screen.getByRole('region', { name: 'Barn' }).getAttribute('tabindex')).toBe('0');
  });

  it('dates in nynorsk and English: 23.05.2027 and 23 May 2027', () => {
    const nn = setup({ language: 'nn' });
    expect(within(field('from')).getByRole('definition').textContent).toBe('23.05.2027');
    expect(within(field('consent')).getByRole('definition').textContent).toBe('Ja');
    expect(screen.getByRole('region', { name: 'Søknaden' })).toBeTruthy();
    nn.view.unmount();
    setup({ language: 'en' });
    expect(within(field('from')).getByRole('definition').textContent).toBe('23 May 2027');
    expect(within(field('transport')).getByRole('definition').textContent).toBe('No');
    expect(screen.getByRole('region', { name: 'The application' })).toBeTruthy();
  });

  it('lists the documents by name without technical codes, and opens the receipt in the viewer', async () => {
    const { bridge } = setup();
    const docs = screen.getByRole('list', { name: 'Dokumenter' });
    const items = within(docs).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.pm-app-doc-name')?.textContent)).toEqual(['Skjema', 'permisjon.pdf', 'invitasjon.jpg']);
    expect(docs.textContent).not.toMatch(/application\/|image\/|model|ref-data-as-pdf|vedlegg\b/);
    expect(within(screen.getByTestId('part-3')).getByText('Ikke hentet')).toBeTruthy();
    expect(within(screen.getByTestId('part-1')).queryByRole('button')).toBeNull();
    fireEvent.click(within(screen.getByTestId('part-2')).getByRole('button', { name: 'Vis permisjon.pdf' }));
    const viewer = await screen.findByTestId('pdf-viewer');
    expect(within(viewer).getByRole('heading', { level: 4 }).textContent).toBe('Dokument: permisjon.pdf');
    expect(await within(viewer).findByTestId('pdf-pages')).toBeTruthy();
    expect(bridge.callsTo('cases.part')).toEqual([{ publicId: id, seq: 2 }]);
  });
});

describe('The case’s detail tabs', () => {
  it('has the tabs, the facts open first, and moves between tabs with the arrow keys', async () => {
    setup();
    const list = screen.getByRole('tablist', { name: 'Mer om saken' });
    expect(within(list).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Opplysninger', 'Sak/arkiv', 'Fagsystem', 'Notater', 'Historikk']);
    await waitFor(() => expect(tab('Opplysninger').getAttribute('aria-selected')).toBe('true'));
    expect(screen.getByRole('region', { name: 'Om innsendingen' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Historikk' })).toBeNull(); // a hidden panel

    // arrows move the focus along the tabs; Enter opens the one in focus
    tab('Opplysninger').focus();
    fireEvent.keyDown(tab('Opplysninger'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tab('Sak/arkiv'));
    fireEvent.keyDown(tab('Sak/arkiv'), { key: 'ArrowLeft' });
    fireEvent.keyDown(tab('Opplysninger'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tab('Historikk'));
    fireEvent.keyDown(tab('Historikk'), { key: 'Enter' });
    await waitFor(() => expect(tab('Historikk').getAttribute('aria-selected')).toBe('true'));
    expect(await screen.findByRole('region', { name: 'Historikk' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Om innsendingen' })).toBeNull();

    fireEvent.click(tab('Sak/arkiv'));
    expect(await screen.findByRole('region', { name: 'Sak/arkiv' })).toBeTruthy();
    expect(screen.getByTestId('archive-case-number').textContent).toBe('2026/118');
  });

  it('Opplysninger: the applicant in words and the registers; no codes, no reference, no second status', async () => {
    setup();
    const facts = screen.getByRole('region', { name: 'Om innsendingen' });
    expect(within(facts).getByTestId('submission-service').textContent).toBe('Permisjon fra undervisning');
    expect(within(facts).getByTestId('submission-applicant').textContent).toBe('Kari Nordmann');
    expect(facts.textContent).not.toContain('5323:1');
    expect(facts.textContent).not.toContain(id);
    expect(within(facts).queryByTestId('submission-status-fact')).toBeNull();
    expect(await screen.findByRole('region', { name: 'Folkeregisteret og KRR' })).toBeTruthy();
  });

  it('a caseworker never sees the technical details; IT and the archivist find them under «Tekniske detaljer»', () => {
    const caseworker = setup({ roles: ['saksbehandler', 'leder'] });
    expect(screen.queryByTestId('case-technical')).toBeNull();
    expect(document.body.textContent).not.toMatch(/5323:1|application\/xml|formset-pdf|ref-data-as-pdf/);
    caseworker.view.unmount();

    for (const roles of [['it-admin'], ['arkivar']] as Role[][]) {
      const { view } = setup({
        roles,
        sub: submission({ parts: [{ seq: 1, role: 'receipt-pdf', dataType: 'formset-pdf', filename: null, contentType: 'application/pdf', size: 48_300, stored: true }] }),
      });
      const details = screen.getByTestId('case-technical');
      fireEvent.click(within(details).getByText('Tekniske detaljer'));
      expect(within(details).getByTestId('tech-service-code').textContent).toBe('5323:1');
      expect(within(details).getByTestId('tech-reference').textContent).toBe(id);
      expect(within(details).getByTestId('tech-intake-status').textContent).toBe('Mottatt');
      const part = within(details).getByTestId('tech-part-1');
      expect(within(part).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Kvittering (PDF)', 'formset-pdf', 'application/pdf', 'Ja']);
      const sources = within(details).getByRole('table', { name: 'Kilder i Altinn' });
      expect(within(sources).getByText('51001/6a1c2f0e-9a8b-4c1d-8e2f-3b4a5c6d7e8f')).toBeTruthy();
      view.unmount();
    }
  });

  it('Historikk: each kind of event with its own icon beside the words, dates from the hub in the locale’s format', async () => {
    const timeline = TIMELINE_KINDS.map((kind, i) => ({ kind, at: NOW - (TIMELINE_KINDS.length - i) * 60_000, actor: 'Kari Saksbehandler', text: null as string | null }));
    timeline[TIMELINE_KINDS.indexOf('replied')]!.text = 'Sendt til innbyggerens innboks i Altinn. Skrives ut 2026-12-17 hvis det ikke er lest.';
    setup({ work: caseWorkFixture({ timeline }) });
    fireEvent.click(tab('Historikk'));
    const list = await screen.findByTestId('case-timeline');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(TIMELINE_KINDS.length);
    const icons = items.map((item) => item.querySelector('svg'));
    for (const [i, icon] of icons.entries()) {
      expect(icon, TIMELINE_KINDS[i]).toBeTruthy();
      expect(icon!.getAttribute('aria-hidden')).toBe('true');
    }
    // one icon per kind: no two kinds drawn alike
    expect(new Set(icons.map((icon) => icon!.innerHTML)).size).toBe(TIMELINE_KINDS.length);
    expect(list.textContent).not.toMatch(/[\u{1F300}-\u{1FAFF}\u2600-\u27BF\u23E9-\u23FA]/u);
    expect(within(list).getByTestId('timeline-decided').textContent).toContain('av Kari Saksbehandler');
    expect(within(list).getByTestId('timeline-replied').textContent).toContain('Skrives ut 17.12.2026 hvis det ikke er lest.');
  });

  it('Notater: the author by name; while the work loads the tab says so instead of failing', async () => {
    const first = setup({ work: null });
    fireEvent.click(tab('Notater'));
    expect((await screen.findByTestId('notes-pending')).textContent).toBe('Vises når saksbehandlingen er hentet.');
    expect(screen.getByTestId('timeline-pending')).toBeTruthy();
    first.view.unmount();

    const { bridge, apply } = setup({ work: caseWorkFixture({ notes: [{ at: NOW - 3 * 24 * 3600_000, author: 'Arne Saksbehandler', text: 'Ringte mor.' }] }) });
    fireEvent.click(tab('Notater'));
    const notes = await screen.findByTestId('case-notes');
    expect(notes.textContent).toContain('Arne Saksbehandler');
    expect(notes.textContent).toContain('for 3 dager siden');
    fireEvent.change(screen.getByLabelText('Nytt notat'), { target: { value: 'Venter på skolen.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Legg til notat' }));
    await waitFor(() => expect(apply).toHaveBeenCalled());
    expect(bridge.callsTo('cases.note')).toEqual([{ publicId: id, text: 'Venter på skolen.' }]);
  });

  it('Fagsystem: says so when the application goes to no internal system', async () => {
    setup();
    fireEvent.click(tab('Fagsystem'));
    expect((await screen.findByTestId('handovers-none')).textContent).toContain('skal ikke overføres');
  });

  it('the tabs in nynorsk and English', async () => {
    const nn = setup({ language: 'nn', work: caseWorkFixture({ notes: [{ at: NOW - 8 * 24 * 3600_000, author: 'Arne Saksbehandler', text: 'Ringde.' }] }) });
    expect(within(screen.getByRole('tablist', { name: 'Meir om saka' })).getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Opplysningar',
      'Sak/arkiv',
      'Fagsystem',
      'Notat',
      'Historikk',
    ]);
    expect((await screen.findByTestId('case-notes')).textContent).toContain('førre veke');
    nn.view.unmount();
    setup({ language: 'en' });
    expect(within(screen.getByRole('tablist', { name: 'More about the case' })).getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Details',
      'Case/archive',
      'Internal systems',
      'Notes',
      'History',
    ]);
  });
});
