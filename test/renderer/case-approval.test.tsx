// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { CaseWork, Session } from '../../electron/ipc/desk.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { BridgeProvider } from '../../renderer/src/bridge/bridge.context';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { CaseApproval } from '../../renderer/src/case/case-approval';
import { createI18n, type UiLanguage } from '../../renderer/src/i18n/i18n';
import { SessionProvider } from '../../renderer/src/session/session.context';
import { caseWorkFixture, deskUserFixture, LEDER, NOW, publicId, sessionFixture } from './helpers/fixtures';

// #14: the approval in the work pane, on its own: the approvals by name, approve with its dialog,
// and the leader's send back and rejection, each with a required comment.

const id = publicId(7);
const HANNE = { account: 'hanne', name: 'Hanne Helse' };
const COMMENT = 'Rett datoen i brevet.';
const letter = { title: 'Vedtak om helse- og omsorgstjenester', body: 'Du får tjenesten.', updatedAt: NOW - 60_000, updatedBy: HANNE.name };
const can = { claim: false, release: true, reassign: true, note: true, decide: false, editLetter: false, approve: true, sendBack: true, rejectLetter: true };
const awaiting = caseWorkFixture({
  status: 'awaiting-approval',
  assignee: HANNE,
  letter,
  decision: { outcome: 'innvilget', grounds: 'Oppfylt.', decidedAt: NOW - 120_000, decidedBy: HANNE.name, recommendation: null },
  approvals: [{ at: NOW - 30_000, by: HANNE.name, role: 'saksbehandler' }],
  secondApprovalRequired: true,
  can,
});

function Harness({ initial }: { initial: CaseWork }) {
  const [work, setWork] = useState(initial);
  return <CaseApproval publicId={id} work={work} now={NOW} apply={setWork} />;
}

function show(work: CaseWork, bridge: FakeBridge, o: { session?: Session; language?: UiLanguage } = {}) {
  const i18n = createI18n(o.language ?? 'nb');
  return render(
    <I18nextProvider i18n={i18n}>
      <BridgeProvider bridge={bridge}>
        <SessionProvider session={o.session ?? sessionFixture({ user: LEDER })}>
          <Harness initial={work} />
        </SessionProvider>
      </BridgeProvider>
    </I18nextProvider>,
  );
}

describe('CaseApproval (#14)', () => {
  it('shows the approvals so far by name and role, and a leader’s three choices', () => {
    show(awaiting, new FakeBridge());
    expect(screen.getByRole('heading', { level: 2, name: 'Godkjenning' })).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Godkjenninger så langt' })).getByText(/Godkjent av Hanne Helse \(saksbehandler\)/)).toBeTruthy();
    expect(screen.getByTestId('awaiting-approval').textContent).toMatch(/venter på din godkjenning/);
    for (const name of ['Godkjenn brevet', 'Send tilbake', 'Avvis brevet']) expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('send back: an empty comment is named at the field and in a summary; with one, the case goes back and the result is announced', async () => {
    const returned = { ...awaiting, status: 'returned' as const, approvals: [], can: { ...can, approve: false, sendBack: false, rejectLetter: false }, timeline: [...awaiting.timeline, { kind: 'sent-back' as const, at: NOW, actor: 'Lise Leder', text: COMMENT }] };
    const bridge = new FakeBridge({ 'cases.sendBack': () => ok(returned) });
    show(awaiting, bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Send tilbake' }));
    const dialog = await screen.findByTestId('send-back-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Sende saken tilbake til saksbehandleren?' })).toBeTruthy();
    const field = within(dialog).getByLabelText('Kommentar til saksbehandleren');
    await waitFor(() => expect(document.activeElement).toBe(field));

    fireEvent.change(field, { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send tilbake' }));
    const summary = await within(dialog).findByTestId('send-back-dialog-summary');
    expect(within(summary).getByRole('link', { name: 'Skriv en kommentar til saksbehandleren.' })).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsTo('cases.sendBack')).toEqual([]);

    fireEvent.change(field, { target: { value: `  ${COMMENT} ` } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send tilbake' }));
    await waitFor(() => expect(screen.queryByTestId('send-back-dialog')).toBeNull());
    expect(bridge.callsTo('cases.sendBack')).toEqual([{ publicId: id, comment: COMMENT }]);
    const result = screen.getByTestId('approval-result');
    expect(result.textContent).toBe('Saken er sendt tilbake til Hanne Helse.');
    expect(result.closest('[role="status"]')).toBeTruthy();
    // the comment stays in view, by the leader's name; the leader's buttons are gone
    expect(screen.getByTestId('approval-review').textContent).toContain('Sendt tilbake av Lise Leder');
    expect(screen.getByTestId('approval-review-comment').textContent).toBe(COMMENT);
    expect(screen.queryByRole('button', { name: 'Send tilbake' })).toBeNull();
  });

  it('reject: asks for a comment, calls the hub, and shows its refusal in the live region', async () => {
    const bridge = new FakeBridge({ 'cases.rejectLetter': () => fail('conflict', 'Saken er endret av noen andre i mellomtiden: du kan ikke avvise brevet nå.') });
    show(awaiting, bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Avvis brevet' }));
    const dialog = await screen.findByTestId('reject-letter-dialog');
    fireEvent.change(within(dialog).getByLabelText('Kommentar til saksbehandleren'), { target: { value: COMMENT } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avvis brevet' }));
    await waitFor(() => expect(screen.queryByTestId('reject-letter-dialog')).toBeNull());
    expect(bridge.callsTo('cases.rejectLetter')).toEqual([{ publicId: id, comment: COMMENT }]);
    expect(screen.getByRole('status').textContent).toMatch(/kan ikke avvise brevet/);
  });

  it('cancel closes the dialog without a call', async () => {
    const bridge = new FakeBridge();
    show(awaiting, bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Send tilbake' }));
    const dialog = await screen.findByTestId('send-back-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    await waitFor(() => expect(screen.queryByTestId('send-back-dialog')).toBeNull());
    expect(bridge.calls).toEqual([]);
  });

  it('the caseworker sees the leader’s comment and approves again through the confirm dialog; no leader buttons', async () => {
    const returned = caseWorkFixture({
      status: 'returned',
      assignee: HANNE,
      letter,
      secondApprovalRequired: true,
      can: { ...can, editLetter: true, decide: true, sendBack: false, rejectLetter: false },
      timeline: [{ kind: 'sent-back', at: NOW - 10_000, actor: 'Leif Leder', text: COMMENT }],
    });
    const bridge = new FakeBridge({ 'cases.approve': () => ok({ ...returned, status: 'awaiting-approval', approvals: [{ at: NOW, by: HANNE.name, role: 'saksbehandler' }], can: { ...returned.can, approve: false }, timeline: [...returned.timeline, { kind: 'approved', at: NOW, actor: HANNE.name, text: null }] }) });
    const caseworker = sessionFixture({ user: deskUserFixture({ account: 'hanne', name: 'Hanne Helse', roles: ['saksbehandler'], groups: ['helse'] }) });
    show(returned, bridge, { session: caseworker });
    expect(screen.getByTestId('approval-review').textContent).toMatch(/Sendt tilbake av Leif Leder.*Rett datoen i brevet\..*godkjenn det på nytt/s);
    expect(screen.queryByRole('button', { name: 'Send tilbake' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Godkjenn brevet' }));
    const dialog = await screen.findByTestId('approve-dialog');
    expect(dialog.textContent).toMatch(/leder for godkjenning/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Godkjenn' }));
    await waitFor(() => expect(screen.getByTestId('approval-result').textContent).toMatch(/venter nå på leders godkjenning/));
    // the letter moved on: the old comment is no longer the latest word
    expect(screen.queryByTestId('approval-review')).toBeNull();
    expect(screen.getByTestId('awaiting-approval').textContent).toBe('Saken venter på leders godkjenning.');
  });

  it('speaks nynorsk and English', () => {
    const { unmount } = show(awaiting, new FakeBridge(), { language: 'nn' });
    expect(screen.getByText(/Godkjent av Hanne Helse/)).toBeTruthy();
    expect(screen.getByTestId('awaiting-approval').textContent).toMatch(/Saka ventar på di godkjenning/);
    unmount();
    show(awaiting, new FakeBridge(), { language: 'en' });
    for (const name of ['Approve letter', 'Send back', 'Reject the letter']) expect(screen.getByRole('button', { name })).toBeTruthy();
  });
});
