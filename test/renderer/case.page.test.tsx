// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SubmissionDetail } from '../../electron/ipc/contract';
import type { QuarantineView } from '../../electron/ipc/quarantine.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import {
  caseRowFixture,
  caseWorkFixture,
  NOW,
  publicId,
  replyListAnswer,
  replyRowFixture,
  replyStatsFixture,
  statusFixture,
  submissionDetailFixture,
} from './helpers/fixtures';
import { renderApp } from './helpers/render-app';
import { useGridLayout } from './helpers/virtual-dom';

useGridLayout();

const REASON = "Skjemaet er ikke gyldig: Element 'Periode': Missing child element(s). Expected is one of ( Fra, Til ).";
const INVALID_UUID = 'Ugyldig forespørsel til submissions.get: publicId: Invalid UUID';

function detailBridge(detail: SubmissionDetail = submissionDetailFixture(), more: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  return new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'submissions.get': ({ publicId: id }) =>
      // the hub refuses a malformed id before any lookup (zod's uuid check), a well-formed unknown one after
      /^[0-9a-f-]{36}$/.test(id) ? (id === detail.publicId ? ok(detail) : fail('not-found', `Fant ingen innsending med id ${id}.`)) : fail('bad-input', INVALID_UUID),
    'cases.work': () => ok(caseWorkFixture({ deadlineAt: NOW + 20 * 24 * 3600_000 })),
    'cases.list': () => ok({ items: [caseRowFixture()], total: 1, counts: { new: 1 }, services: [] }),
    'replies.list': (input) => ok(replyListAnswer([replyRowFixture({ publicId: publicId(1) })], input, Date.now())),
    'replies.stats': () => ok(replyStatsFixture()),
    ...more,
  });
}

describe('The case page', () => {
  it('has a compact heading with the one case state, the applicant and the case number, and two named panes', async () => {
    const bridge = detailBridge();
    renderApp(bridge, { path: `/innboks/${publicId(1)}` });
    expect(await screen.findByRole('heading', { level: 1, name: 'Søknad om permisjon fra undervisning – 2 barn' })).toBeTruthy();
    expect(bridge.callsTo('submissions.get')).toEqual([{ publicId: publicId(1) }]);
    await waitFor(() => expect(screen.getByTestId('case-status').textContent).toBe('Ny'));
    // one state: the submission's «Mottatt» is not shown beside the case's «Ny»
    expect(screen.queryByTestId('submission-status')).toBeNull();
    expect(screen.queryByText('Mottatt', { selector: '.ds-tag' })).toBeNull();
    expect(screen.getByTestId('case-applicant').textContent).toBe('Kari Nordmann');
    expect(screen.getByTestId('case-number').textContent).toBe('2026/118');
    expect(screen.getByTestId('case-deadline').querySelector('time')).not.toBeNull();
    const application = screen.getByRole('group', { name: 'Søknaden' });
    const work = screen.getByRole('region', { name: 'Saksbehandlingen' });
    // the application comes first in reading order, the work after it
    expect(application.compareDocumentPosition(work) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(work).getByRole('heading', { level: 2, name: 'Saksbehandling' })).toBeTruthy();
    expect(within(work).getByRole('heading', { level: 2, name: 'Vedtak' })).toBeTruthy();
    expect(screen.queryByTestId('quarantine-alert')).toBeNull();
  });

  // #13 item 13: the reason in Norwegian, the validator's words behind "Tekniske detaljer", and the way out
  it('shows the quarantine panel for a quarantined submission, and its state where it differs from a case', async () => {
    const detail = submissionDetailFixture({ status: 'quarantined', title: null, quarantineReason: REASON, quarantineCode: 'schema-invalid', form: null });
    const view: QuarantineView = {
      publicId: detail.publicId,
      open: true,
      code: 'schema-invalid',
      raw: REASON,
      explanation: { summary: 'Skjemadataene følger ikke tjenestens skjema (XSD).', problems: [{ line: 4, field: 'Periode', text: '«Periode» mangler feltet «Fra» eller «Til».' }] },
      resolution: null,
      candidates: [],
      duplicateWindowDays: 14,
      manual: null,
      can: { revalidate: true, register: false, markDuplicate: false, reject: true },
    };
    const bridge = detailBridge(detail, {
      // a quarantined submission is no case yet: the desk has no work on it
      'cases.work': () => fail('not-found', 'Innsendingen er ikke en sak ennå.'),
      'quarantine.view': () => ok(view),
      'quarantine.reject': ({ reason }) => ok({ ...view, open: false, resolution: { outcome: 'rejected', duplicateOfPublicId: null, reason, resolvedAt: 1 } }),
    });
    renderApp(bridge, { path: `/innboks/${publicId(1)}` });
    expect(await screen.findByRole('heading', { level: 1, name: 'Innsending uten tittel' })).toBeTruthy();
    expect(screen.getByTestId('submission-status').textContent).toBe('Karantene');
    const alert = screen.getByTestId('quarantine-alert');
    expect(within(alert).getByRole('heading', { level: 2, name: 'Innsendingen er satt i karantene' })).toBeTruthy();
    expect(await within(alert).findByText('«Periode» mangler feltet «Fra» eller «Til».')).toBeTruthy();
    expect(within(alert).getByTestId('quarantine-raw').textContent).toBe(REASON);

    fireEvent.click(within(alert).getByRole('button', { name: 'Avvis' }));
    fireEvent.change(within(alert).getByLabelText('Begrunnelse for avvisningen'), { target: { value: 'Ikke en søknad.' } });
    fireEvent.click(within(alert).getByRole('button', { name: 'Avvis innsendingen' }));
    await waitFor(() => expect(within(alert).getByTestId('quarantine-resolution').textContent).toBe('Avvist: Ikke en søknad.'));
    expect(bridge.callsTo('quarantine.reject')).toEqual([{ publicId: detail.publicId, reason: 'Ikke en søknad.' }]);
  });

  it('keeps Innboks marked in the nav and, opened by address, goes back to the inbox', async () => {
    renderApp(detailBridge(), { path: `/innboks/${publicId(1)}` });
    await screen.findByRole('group', { name: 'Søknaden' });
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    expect(within(nav).getByRole('link', { name: 'Innboks' }).getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(document.title).toBe('Innsending – Postmottak'));

    fireEvent.click(screen.getByRole('link', { name: 'Tilbake til innboksen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Innboks' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Innboks' }).getAttribute('aria-current')).toBe('page');
  });

  it('opened from Svar, «Tilbake» says so and returns to Svar', async () => {
    renderApp(detailBridge(), { path: '/svar' });
    const table = await screen.findByRole('table');
    fireEvent.click(within(table).getAllByRole('link')[0]!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Søknad om permisjon fra undervisning – 2 barn' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Tilbake til innboksen' })).toBeNull();
    fireEvent.click(screen.getByRole('link', { name: 'Tilbake til Svar' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Svar' })).toBeTruthy();
  });

  it('opened from the inbox, «Tilbake» returns to the inbox', async () => {
    renderApp(detailBridge(), { path: '/innboks' });
    fireEvent.click(await screen.findByRole('link', { name: 'Kari Nordmann' }));
    expect(await screen.findByRole('region', { name: 'Saksbehandlingen' })).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Tilbake til innboksen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Innboks' })).toBeTruthy();
  });

  it('says «Fant ikke saken» with a way back, and no «Prøv igjen», for an unknown case', async () => {
    renderApp(detailBridge(), { path: `/innboks/${publicId(9)}` });
    const missing = await screen.findByTestId('case-not-found');
    expect(within(missing).getByRole('heading', { level: 2, name: 'Fant ikke saken' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Fant ikke saken' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Prøv igjen' })).toBeNull();
    fireEvent.click(within(missing).getByRole('link', { name: 'Tilbake til innboksen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Innboks' })).toBeTruthy();
  });

  it('treats a malformed case id the same: no validator message, no «Prøv igjen»', async () => {
    renderApp(detailBridge(), { path: '/innboks/ikke-en-sak' });
    expect(within(await screen.findByTestId('case-not-found')).getByText('Fant ikke saken')).toBeTruthy();
    expect(screen.queryByText(INVALID_UUID)).toBeNull();
    expect(screen.queryByText(/Invalid UUID/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Prøv igjen' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Søknaden' })).toBeNull();
  });

  it('offers «Prøv igjen» when the hub fails for another reason', async () => {
    const bridge = detailBridge(undefined, { 'submissions.get': () => fail('internal', 'Databasen svarer ikke.') });
    renderApp(bridge, { path: `/innboks/${publicId(1)}` });
    expect(await screen.findByText('Databasen svarer ikke.')).toBeTruthy();
    expect(screen.queryByTestId('case-not-found')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Prøv igjen' }));
    await waitFor(() => expect(bridge.callsTo('submissions.get').length).toBe(2));
  });

  it('renders in nynorsk and English', async () => {
    renderApp(detailBridge(), { path: `/innboks/${publicId(9)}`, language: 'nn' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Fann ikkje saka' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Tilbake til innboksen' })).toBeTruthy();
  });

  it('names the panes in English', async () => {
    renderApp(detailBridge(), { path: `/innboks/${publicId(1)}`, language: 'en' });
    expect(await screen.findByRole('group', { name: 'The application' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Case work' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the inbox' })).toBeTruthy();
  });
});
