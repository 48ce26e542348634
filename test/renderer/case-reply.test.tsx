// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReplyView } from '../../electron/ipc/replies.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import {
  caseWorkFixture,
  NOW,
  publicId,
  registersFixture,
  replyRowFixture,
  replyViewFixture,
  sessionFixture,
  statusFixture,
  submissionDetailFixture,
} from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const id = publicId(1);

function replyBridge(initial: ReplyView = replyViewFixture()) {
  let view = initial;
  const set = (next: Partial<ReplyView>) => {
    view = { ...view, ...next };
    return ok(view);
  };
  const bridge = new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'session.get': () => ok(sessionFixture()),
    'submissions.get': () => ok(submissionDetailFixture()),
    'cases.work': () =>
      ok(
        caseWorkFixture({
          status: 'approved',
          timeline: [
            { kind: 'approved', at: NOW - 5000, actor: 'Kari Saksbehandler', text: null },
            { kind: 'replied', at: NOW - 4000, actor: 'Postmottak', text: null },
            { kind: 'notified', at: NOW - 3000, actor: 'Postmottak', text: null },
            { kind: 'read', at: NOW - 2000, actor: 'Postmottak', text: null },
            { kind: 'printed', at: NOW - 1000, actor: 'Postmottak', text: null },
          ],
        }),
      ),
    'replies.get': () => ok(view),
    'replies.hold': ({ reason }) => set({ reply: replyRowFixture({ state: 'held', reason }), can: { hold: false, resume: true, stop: true, confirmRecipient: false } }),
    'replies.resume': () => set({ reply: replyRowFixture({ state: 'notified' }), can: { hold: true, resume: false, stop: true, confirmRecipient: false } }),
    'replies.confirmRecipient': () =>
      set({
        reply: replyRowFixture({ state: 'printing', reason: null }),
        recipientMismatch: { formName: 'Kari Nordmann', registerName: 'Knut Nilsen', confirmed: true, waiting: false },
        can: { hold: false, resume: false, stop: false, confirmRecipient: false },
      }),
    'replies.stop': ({ reason }) => set({ reply: replyRowFixture({ state: 'stopped', reason }), can: { hold: false, resume: false, stop: false, confirmRecipient: false } }),
  });
  return { bridge, set: (next: Partial<ReplyView>) => void set(next) };
}

const replySection = () => screen.getByRole('region', { name: 'Svar til innbygger' });
const registerSection = () => screen.getByRole('region', { name: 'Folkeregisteret og KRR' });

describe('Case view: reply and registers', () => {
  it('#13 item 10: warns when Folkeregisteret gives another name, and a caseworker confirms the recipient after ticking the check', async () => {
    const { bridge } = replyBridge(
      replyViewFixture({
        reply: replyRowFixture({ state: 'manual', reason: 'Navnet i Folkeregisteret («Knut Nilsen») er et annet enn navnet i søknaden («Kari Nordmann»).' }),
        recipientMismatch: { formName: 'Kari Nordmann', registerName: 'Knut Nilsen', confirmed: false, waiting: true },
        can: { hold: false, resume: false, stop: false, confirmRecipient: true },
      }),
    );
    renderApp(bridge, { path: `/innboks/${id}` });
    const alert = await screen.findByTestId('recipient-mismatch', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('«Kari Nordmann»');
    expect(alert.textContent).toContain('«Knut Nilsen»');
    const confirm = within(alert).getByRole('button', { name: 'Bekreft mottaker' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(alert).getByRole('checkbox'));
    await act(async () => void fireEvent.click(confirm));
    await waitFor(() => expect(bridge.callsTo('replies.confirmRecipient')).toEqual([{ publicId: id }]));
    expect((await screen.findByTestId('recipient-result')).textContent).toContain('Mottakeren er bekreftet');
    expect(screen.getByTestId('recipient-mismatch').textContent).toContain('Mottakeren er bekreftet: brevet går til «Knut Nilsen»');
  });

  it('shows the reply state, channel, times and the reason', async () => {
    const { bridge } = replyBridge(
      replyViewFixture({
        reply: replyRowFixture({ state: 'printed', channel: 'print', reason: 'Reservert i KRR – sendes på papir', sentAt: null, notifiedAt: null, deadlineAt: null, printedAt: NOW - 3600_000 }),
        can: { hold: false, resume: false, stop: false, confirmRecipient: false },
      }),
    );
    renderApp(bridge, { path: `/innboks/${id}` });
    expect((await screen.findByTestId('reply-state-fact', {}, { timeout: 5000 })).textContent).toBe('Skrevet ut');
    const section = replySection();
    expect(within(section).getByTestId('reply-channel').textContent).toBe('Papir (post)');
    expect(within(section).getByTestId('reply-reason').textContent).toBe('Reservert i KRR – sendes på papir');
    // #14 one vocabulary: only the steps that happened, named as the timeline names them; no «Sendt: Ikke ennå»
    expect(within(section).queryByTestId('reply-sent')).toBeNull();
    expect(within(section).queryByText('Ikke ennå')).toBeNull();
    expect(within(section).getByText('Skrevet ut og sendt i posten')).toBeTruthy();
    expect(within(section).getByTestId('reply-printed').querySelector('time')).not.toBeNull();
    expect(within(section).queryByTestId('reply-reminded')).toBeNull();
    // printed: no print date any more
    expect(within(section).queryByTestId('reply-deadline-fact')).toBeNull();
    expect(within(section).queryAllByRole('button')).toHaveLength(0);
    // the work pane and the «Opplysninger» tab each read the reply view of this case
    expect(new Set(bridge.callsTo('replies.get').map((c) => c.publicId))).toEqual(new Set([id]));
  });

  it('names the reply steps in the timeline', async () => {
    const { bridge } = replyBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    const timeline = await screen.findByTestId('case-timeline');
    expect(within(timeline).getByTestId('timeline-replied').textContent).toContain('Svar sendt til innbygger');
    expect(within(timeline).getByTestId('timeline-notified').textContent).toContain('Innbygger varslet');
    expect(within(timeline).getByTestId('timeline-read').textContent).toContain('Lest av innbygger');
    expect(within(timeline).getByTestId('timeline-printed').textContent).toContain('Skrevet ut og sendt i posten');
  });

  it('shows a pending print deadline and only the buttons the hub allows', async () => {
    const { bridge } = replyBridge(replyViewFixture({ reply: replyRowFixture({ deadlineAt: Date.now() + 3 * 24 * 3600_000 }), can: { hold: true, resume: false, stop: false, confirmRecipient: false } }));
    renderApp(bridge, { path: `/innboks/${id}` });
    await screen.findByTestId('reply-state-fact');
    const section = replySection();
    expect(within(section).getByTestId('reply-deadline-fact').textContent).toMatch(/^skrives ut \d+\.\d+\.$/);
    expect(within(section).getAllByRole('button').map((b) => b.textContent)).toEqual(['Hold tilbake utskrift']);
  });

  it('holds the print only with a reason, then offers to resume', async () => {
    const { bridge } = replyBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    await screen.findByTestId('reply-state-fact');
    fireEvent.click(within(replySection()).getByRole('button', { name: 'Hold tilbake utskrift' }));
    const dialog = await screen.findByTestId('reply-hold-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Holde tilbake utskriften?' })).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Hold tilbake' }));
    // named at its field and in the error summary above the form
    expect(await within(dialog).findAllByText('Skriv en begrunnelse.')).toHaveLength(2);
    fireEvent.change(within(dialog).getByLabelText('Begrunnelse'), { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hold tilbake' }));
    expect(bridge.callsTo('replies.hold')).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Begrunnelse'), { target: { value: ' Søkeren har flyttet, venter på ny adresse ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hold tilbake' }));
    expect((await screen.findByTestId('reply-result')).textContent).toBe('Utskriften er holdt tilbake.');
    expect(screen.getByTestId('reply-result').closest('[aria-live="polite"]')).not.toBeNull();
    expect(bridge.callsTo('replies.hold')).toEqual([{ publicId: id, reason: 'Søkeren har flyttet, venter på ny adresse' }]);
    expect(screen.queryByTestId('reply-hold-dialog')).toBeNull();
    expect(screen.getByTestId('reply-state-fact').textContent).toBe('Holdt tilbake');
    expect(screen.getByTestId('reply-reason').textContent).toBe('Søkeren har flyttet, venter på ny adresse');

    const section = replySection();
    expect(within(section).queryByRole('button', { name: 'Hold tilbake utskrift' })).toBeNull();
    fireEvent.click(within(section).getByRole('button', { name: 'Gjenoppta' }));
    expect((await screen.findByTestId('reply-result')).textContent).toBe('Utskriften er gjenopptatt. Svaret skrives ut ved fristen hvis det ikke er lest.');
    expect(bridge.callsTo('replies.resume')).toEqual([{ publicId: id }]);
    expect(screen.getByTestId('reply-state-fact').textContent).toBe('Varslet');
  });

  it('stops the print only after a reason and a ticked confirmation; cancel does nothing', async () => {
    const { bridge } = replyBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    await screen.findByTestId('reply-state-fact');
    fireEvent.click(within(replySection()).getByRole('button', { name: 'Stopp utskrift' }));
    let dialog = await screen.findByTestId('reply-stop-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    await waitFor(() => expect(screen.queryByTestId('reply-stop-dialog')).toBeNull());

    fireEvent.click(within(replySection()).getByRole('button', { name: 'Stopp utskrift' }));
    dialog = await screen.findByTestId('reply-stop-dialog');
    expect(within(dialog).getByText(/Dette kan ikke angres/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Begrunnelse'), { target: { value: 'Svaret er levert personlig' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stopp utskriften' }));
    // named at its field and in the error summary above the form
    expect(await within(dialog).findAllByText('Bekreft at utskriften skal stoppes.')).toHaveLength(2);
    expect(bridge.callsTo('replies.stop')).toEqual([]);

    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Jeg bekrefter at svaret ikke skal skrives ut' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stopp utskriften' }));
    expect((await screen.findByTestId('reply-result')).textContent).toBe('Utskriften er stoppet. Svaret blir ikke skrevet ut.');
    expect(bridge.callsTo('replies.stop')).toEqual([{ publicId: id, reason: 'Svaret er levert personlig' }]);
    expect(screen.getByTestId('reply-state-fact').textContent).toBe('Stoppet');
    expect(within(replySection()).queryAllByRole('button')).toHaveLength(0);
  });

  it('shows Folkeregisteret and KRR: address, children with masked fnr, contact and when looked up', async () => {
    const { bridge } = replyBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    await screen.findByTestId('person-name');
    const section = registerSection();
    expect(within(section).getByRole('heading', { level: 3, name: 'Folkeregisteret' })).toBeTruthy();
    expect(within(section).getByTestId('person-name').textContent).toBe('Kari Nordmann');
    expect(within(section).getByTestId('person-status').textContent).toBe('Bosatt');
    expect(within(section).getByTestId('person-address').textContent).toBe('Storgata 10155 OSLO');
    const children = within(section).getByRole('table', { name: 'Barn' });
    const rows = within(children).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Ola Nordmann');
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['01.06.2015', '010615*****', 'Ja']);
    expect(within(rows[2]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['12.09.2018', '120918*****', '–']);
    expect(within(section).queryByTestId('person-not-children')).toBeNull();
    expect(within(section).getByTestId('contact-reserved').textContent).toBe('Nei');
    expect(within(section).getByTestId('contact-can-notify').textContent).toBe('Ja');
    expect(within(section).getByTestId('contact-email').textContent).toBe('kari@example.no');
    expect(within(section).getByTestId('contact-mobile').textContent).toBe('+4799999999');
    expect(within(section).getByTestId('contact-looked-up').textContent).toMatch(/^Hentet \d+\.\d+\. kl\. \d\d[:.]\d\d$/);
  });

  it('warns when the application names someone Folkeregisteret does not give as the applicant’s child', async () => {
    const base = registersFixture();
    const { bridge } = replyBridge(replyViewFixture({ registers: { ...base, person: { ...base.person!, notChildren: ['290624*****'] } } }));
    renderApp(bridge, { path: `/innboks/${id}` });
    const warning = await screen.findByTestId('person-not-children', {}, { timeout: 5000 });
    expect(warning.textContent).toBe('Søknaden nevner 290624*****, som ikke står som barn av søkeren i Folkeregisteret. Sjekk foreldreansvar før vedtak.');
  });

  it('never shows a strengt fortrolig address', async () => {
    const registers = registersFixture();
    const { bridge } = replyBridge(
      replyViewFixture({
        registers: {
          ...registers,
          // Even if the hub were to send lines, none of them is shown.
          person: { ...registers.person!, addressProtection: 'strengt-fortrolig', address: { lines: ['Hemmeligveien 7'], postalCode: '9999', postalPlace: 'SKJULT', country: null } },
        },
      }),
    );
    renderApp(bridge, { path: `/innboks/${id}` });
    const address = await screen.findByTestId('person-address');
    expect(address.textContent).toBe('Strengt fortrolig adresse – vises ikke');
    expect(screen.queryByText(/Hemmeligveien/)).toBeNull();
    expect(screen.queryByText(/SKJULT/)).toBeNull();
  });

  it('renders sensibly before approval and before any register lookup', async () => {
    const { bridge } = replyBridge({ reply: null, registers: { person: null, contact: null }, recipientMismatch: null, can: { hold: false, resume: false, stop: false, confirmRecipient: false } });
    renderApp(bridge, { path: `/innboks/${id}` });
    expect((await screen.findByTestId('registers-none', {}, { timeout: 5000 })).textContent).toBe('Ikke slått opp ennå.');
    // no reply yet: no reply section in the work pane (the letter and its approval say what comes next)
    await waitFor(() => expect(bridge.callsTo('replies.get').length).toBeGreaterThan(0));
    expect(screen.queryByRole('region', { name: 'Svar til innbygger' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Hold tilbake utskrift' })).toBeNull();
  });

  it('shows KRR alone when only the contact lookup is done', async () => {
    const { bridge } = replyBridge(replyViewFixture({ registers: { ...registersFixture(), person: null } }));
    renderApp(bridge, { path: `/innboks/${id}` });
    expect((await screen.findByTestId('person-none')).textContent).toBe('Ikke slått opp ennå.');
    expect(screen.getByTestId('contact-reserved').textContent).toBe('Nei');
  });

  it('refetches on replies.changed for this case only', async () => {
    const { bridge, set } = replyBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    await screen.findByTestId('reply-state-fact');
    const before = bridge.callsTo('replies.get').length;
    act(() => bridge.emit('replies.changed', { publicId: publicId(2) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bridge.callsTo('replies.get').length).toBe(before);

    set({ reply: replyRowFixture({ state: 'read', readAt: NOW }) });
    act(() => bridge.emit('replies.changed', { publicId: id }));
    await waitFor(() => expect(screen.getByTestId('reply-state-fact').textContent).toBe('Lest'));
    expect(bridge.callsTo('replies.get').length).toBeGreaterThan(before);
  });
});

describe('Case view: one vocabulary for the reply (#14)', () => {
  it('does not show a print date for a held or a stopped reply', async () => {
    for (const state of ['held', 'stopped'] as const) {
      const { bridge } = replyBridge(
        replyViewFixture({ reply: replyRowFixture({ state, reason: 'Venter', deadlineAt: NOW + 3 * 24 * 3600_000 }), can: { hold: false, resume: state === 'held', stop: state === 'held', confirmRecipient: false } }),
      );
      const { unmount } = renderApp(bridge, { path: `/innboks/${id}` });
      await screen.findByTestId('reply-state-fact', {}, { timeout: 5000 });
      const section = replySection();
      expect(within(section).queryByTestId('reply-deadline-fact')).toBeNull();
      expect(within(section).queryByText(/skrives ut/i)).toBeNull();
      unmount();
    }
  });

  it('names the steps as the timeline does, with the print date while the reply may still be printed', async () => {
    const { bridge } = replyBridge(replyViewFixture({ reply: replyRowFixture({ state: 'notified', deadlineAt: Date.now() + 3 * 24 * 3600_000 }) }));
    renderApp(bridge, { path: `/innboks/${id}` });
    await screen.findByTestId('reply-state-fact', {}, { timeout: 5000 });
    const section = replySection();
    expect(within(section).getByText('Svar sendt til innbygger')).toBeTruthy();
    expect(within(section).getByText('Innbygger varslet')).toBeTruthy();
    expect(within(section).getByTestId('reply-deadline-fact').textContent).toMatch(/^skrives ut \d+\.\d+\.$/);
  });

  it('drops the success message once the reply has moved on', async () => {
    const { bridge, set } = replyBridge();
    renderApp(bridge, { path: `/innboks/${id}` });
    await screen.findByTestId('reply-state-fact', {}, { timeout: 5000 });
    fireEvent.click(within(replySection()).getByRole('button', { name: 'Hold tilbake utskrift' }));
    const dialog = await screen.findByTestId('reply-hold-dialog');
    fireEvent.change(within(dialog).getByLabelText('Begrunnelse'), { target: { value: 'Venter på ny adresse' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hold tilbake' }));
    expect((await screen.findByTestId('reply-result')).textContent).toBe('Utskriften er holdt tilbake.');
    // someone else resumes it: the hub's event brings the new state, and «holdt tilbake» no longer holds
    set({ reply: replyRowFixture({ state: 'notified' }) });
    act(() => bridge.emit('replies.changed', { publicId: id }));
    await waitFor(() => expect(screen.getByTestId('reply-state-fact').textContent).toBe('Varslet'));
    expect(screen.queryByTestId('reply-result')).toBeNull();
  });
});
