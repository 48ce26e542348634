// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SubmissionDetail } from '../../electron/ipc/contract';
import type { QuarantineView } from '../../electron/ipc/quarantine.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { caseRowFixture, publicId, statusFixture, submissionDetailFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';
import { useGridLayout } from './helpers/virtual-dom';

useGridLayout();

const REASON = "Skjemaet er ikke gyldig: Element 'Periode': Missing child element(s). Expected is one of ( Fra, Til ).";

function detailBridge(detail: SubmissionDetail = submissionDetailFixture(), more: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  return new FakeBridge({
    ...more,
    'system.status': () => ok(statusFixture()),
    'submissions.get': ({ publicId: id }) => (id === detail.publicId ? ok(detail) : fail('not-found', `Fant ingen innsending med id ${id}.`)),
    'cases.list': () => ok({ items: [caseRowFixture()], total: 1, counts: { new: 1 }, services: [] }),
  });
}

describe('Submission detail', () => {
  it('shows facts, the masked fødselsnummer, form fields, the children list and parts', async () => {
    const bridge = detailBridge();
    renderApp(bridge, { path: `/innboks/${publicId(1)}` });
    expect(await screen.findByRole('heading', { level: 1, name: 'Søknad om permisjon fra undervisning – 2 barn' })).toBeTruthy();
    expect(bridge.callsTo('submissions.get')).toEqual([{ publicId: publicId(1) }]);
    expect(screen.queryByTestId('quarantine-alert')).toBeNull();

    expect(screen.getByTestId('submission-applicant').textContent).toBe('Kari Nordmann');
    expect(screen.getByTestId('submission-person-number').textContent).toBe('010170***** (skjult)');
    expect(screen.getByTestId('submission-service').textContent).toContain('Permisjon fra undervisning');
    expect(screen.getByTestId('submission-status-fact').textContent).toBe('Mottatt');

    const form = screen.getByTestId('submission-form');
    expect(within(form).getByText('Begrunnelse')).toBeTruthy();
    expect(within(form).getByText('Familietur til Tromsø')).toBeTruthy();
    const children = within(form).getByRole('table', { name: 'Barn' });
    expect(within(children).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Navn', 'Skole', 'Trinn']);
    const rows = within(children).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[2]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Emma Nordmann', 'Nordre Åsen skole', '–']);

    const parts = screen.getByRole('table', { name: 'Dokumenter' });
    expect(within(parts).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Skjema', 'Kvittering (PDF)', 'Vedlegg']);
    const receipt = within(screen.getByTestId('part-2'));
    expect(receipt.getByText('permisjon.pdf')).toBeTruthy();
    expect(receipt.getByText('application/pdf')).toBeTruthy();
    expect(receipt.getByText('48,3 kB')).toBeTruthy();
    expect(receipt.getByText('Ja')).toBeTruthy();
    expect(within(screen.getByTestId('part-3')).getByText('Nei')).toBeTruthy();
    expect(within(screen.getByTestId('part-1')).getByText('model')).toBeTruthy();

    const sources = screen.getByRole('table', { name: 'Kilder i Altinn' });
    expect(within(sources).getByText('Altinn 3')).toBeTruthy();
    expect(within(sources).getByText('51001/6a1c2f0e-9a8b-4c1d-8e2f-3b4a5c6d7e8f')).toBeTruthy();
  });

  // #13 item 13: the reason in Norwegian, the validator's words behind "Tekniske detaljer", and the way out
  it('warns clearly when the submission is quarantined: explained in Norwegian, the raw message and code behind "Tekniske detaljer", and the actions', async () => {
    const detail = submissionDetailFixture({
      status: 'quarantined',
      title: null,
      quarantineReason: REASON,
      quarantineCode: 'schema-invalid',
      form: null,
    });
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
      'quarantine.view': () => ok(view),
      'quarantine.reject': ({ reason }) => ok({ ...view, open: false, resolution: { outcome: 'rejected', duplicateOfPublicId: null, reason, resolvedAt: 1 } }),
    });
    renderApp(bridge, { path: `/innboks/${publicId(1)}` });
    expect(await screen.findByRole('heading', { level: 1, name: 'Innsending uten tittel' })).toBeTruthy();
    const alert = screen.getByTestId('quarantine-alert');
    expect(within(alert).getByRole('heading', { level: 2, name: 'Innsendingen er satt i karantene' })).toBeTruthy();
    expect(await within(alert).findByText('«Periode» mangler feltet «Fra» eller «Til».')).toBeTruthy();
    expect(within(alert).getByText('Tekniske detaljer')).toBeTruthy();
    expect(within(alert).getByTestId('quarantine-raw').textContent).toBe(REASON);
    expect(within(alert).getByText('schema-invalid')).toBeTruthy();
    expect(screen.getByTestId('submission-status-fact').textContent).toBe('Karantene');
    expect(screen.getByText('Skjemaet kunne ikke leses, så det finnes ingen opplysninger å vise.')).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: 'Avvis' }));
    fireEvent.change(within(alert).getByLabelText('Begrunnelse for avvisningen'), { target: { value: 'Ikke en søknad.' } });
    fireEvent.click(within(alert).getByRole('button', { name: 'Avvis innsendingen' }));
    await waitFor(() => expect(within(alert).getByTestId('quarantine-resolution').textContent).toBe('Avvist: Ikke en søknad.'));
    expect(bridge.callsTo('quarantine.reject')).toEqual([{ publicId: detail.publicId, reason: 'Ikke en søknad.' }]);
  });

  it('shows the archive record: case number, classification, screening and each entry with its number', async () => {
    renderApp(detailBridge(), { path: `/innboks/${publicId(1)}` });
    expect(await screen.findByRole('heading', { level: 2, name: 'Sak/arkiv' })).toBeTruthy();
    expect(screen.getByTestId('archive-case-number').textContent).toBe('2026/118');
    expect(screen.getByTestId('archive-classification').textContent).toBe('KK A10');
    expect(screen.getByTestId('archive-screening').textContent).toBe('13 – Offl. § 13 jf. fvl. § 13 første ledd nr. 1');
    expect(screen.getByTestId('archive-public-title').textContent).toContain('*****');
    expect(screen.getByTestId('archive-transport').textContent).toBe('Noark 5 tjenestegrensesnitt');
    const rows = within(screen.getByRole('table', { name: 'Sak/arkiv' })).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('Inngående (søknad)');
    expect(rows[1]!.textContent).toContain('2026/118-1');
    expect(within(rows[1]!).getByTestId('archive-status').textContent).toBe('Arkivert');
    expect(screen.queryByTestId('archive-error')).toBeNull();
  });

  it('shows the archive’s own message when it refused an entry, and says when nothing is registered', async () => {
    const base = submissionDetailFixture();
    const refused = {
      ...base,
      archive: {
        ...base.archive!,
        caseNumber: null,
        entries: [{ ...base.archive!.entries[0]!, status: 'failed' as const, number: null, archivedAt: null, lastError: 'Ugyldig journalpost: tittel mangler' }],
      },
    };
    renderApp(detailBridge(refused), { path: `/innboks/${publicId(1)}` });
    const alert = await screen.findByTestId('archive-error');
    expect(alert.textContent).toContain('Ugyldig journalpost: tittel mangler');
    expect(screen.getByTestId('archive-case-number').textContent).toBe('Ikke ennå');
    expect(screen.getByTestId('archive-status').textContent).toBe('Avvist');
  });

  it('says plainly when a submission is not registered for archiving', async () => {
    renderApp(detailBridge(submissionDetailFixture({ archive: null })), { path: `/innboks/${publicId(1)}` });
    expect((await screen.findByTestId('archive-none')).textContent).toContain('ikke registrert for arkivering');
  });

  it('keeps Innboks marked in the nav and links back to the list', async () => {
    renderApp(detailBridge(), { path: `/innboks/${publicId(1)}` });
    await screen.findByTestId('submission-form');
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    expect(within(nav).getByRole('link', { name: 'Innboks' }).getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(document.title).toBe('Innsending – Postmottak'));

    fireEvent.click(screen.getByRole('link', { name: 'Tilbake til innboksen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Innboks' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Innboks' }).getAttribute('aria-current')).toBe('page');
  });

  it('opens from the list', async () => {
    renderApp(detailBridge(), { path: '/innboks' });
    fireEvent.click(await screen.findByRole('link', { name: 'Kari Nordmann' }));
    expect(await screen.findByTestId('submission-person-number')).toBeTruthy();
  });

  it('shows an error when the submission does not exist', async () => {
    const bridge = detailBridge();
    renderApp(bridge, { path: `/innboks/${publicId(9)}` });
    expect(await screen.findByText('Fant ikke innsendingen')).toBeTruthy();
    expect(screen.getByText(`Fant ingen innsending med id ${publicId(9)}.`)).toBeTruthy();
    expect(screen.getByText('Feilkode: not-found')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Prøv igjen' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Innsending' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Tilbake til innboksen' })).toBeTruthy();
  });

  it('renders in nynorsk', async () => {
    renderApp(detailBridge(), { path: `/innboks/${publicId(1)}`, language: 'nn' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Opplysningar frå skjemaet' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Dokument' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Tilbake til innboksen' })).toBeTruthy();
  });
});
