// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { UpdatesStatusDto } from '../../electron/ipc/updates.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { BridgeProvider } from '../../renderer/src/bridge/bridge.context';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { createI18n, type UiLanguage } from '../../renderer/src/i18n/i18n';
import { UpdatesPanel } from '../../renderer/src/operations/updates-panel';
import { SessionProvider } from '../../renderer/src/session/session.context';

const desktop = (over: Partial<UpdatesStatusDto> = {}): UpdatesStatusDto => ({
  version: '1.4.0',
  host: 'electron',
  channel: 'latest',
  source: 'https://oppdatering.kommune.no/postmottak/',
  selfUpdating: true,
  note: null,
  autoDownload: false,
  publisherName: [],
  update: { state: 'idle' },
  can: { check: true, download: false, install: false },
  ...over,
});

function renderPanel(bridge: FakeBridge, language: UiLanguage = 'nb', allowed?: string[]) {
  const session = allowed ? ({ account: 'ida', name: 'Ida', roles: ['it-admin'], allowed } as never) : null;
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <BridgeProvider bridge={bridge}>
        <SessionProvider session={session}>
          <UpdatesPanel />
        </SessionProvider>
      </BridgeProvider>
    </I18nextProvider>,
  );
}
const buttons = () => screen.queryAllByRole('button').map((b) => b.textContent);

describe('Updates panel', () => {
  it('shows version, channel, source and what is verified, under its own heading', async () => {
    const bridge = new FakeBridge({ 'updates.status': () => ok(desktop({ channel: 'beta', publisherName: ['Bergen kommune'] })) });
    renderPanel(bridge);
    expect(await screen.findByTestId('updates-version')).toHaveProperty('textContent', '1.4.0');
    expect(screen.getByRole('heading', { level: 2, name: 'Oppdateringer' })).toBeTruthy();
    expect(screen.getByTestId('updates-channel').textContent).toBe('Beta');
    expect(screen.getByTestId('updates-source').textContent).toBe('https://oppdatering.kommune.no/postmottak/');
    expect(screen.getByTestId('updates-signature').textContent).toBe('sha512 fra latest.yml, og på Windows kodesignatur fra Bergen kommune');
    expect(screen.getByRole('status').textContent).toBe('Ikke sjekket siden appen startet');
    expect(buttons()).toEqual(['Sjekk']);
  });

  it('walks check → download with progress → install on restart, each button as the state allows', async () => {
    let status = desktop();
    const bridge = new FakeBridge({
      'updates.status': () => ok(status),
      'updates.check': () => {
        status = desktop({ update: { state: 'available', version: '1.5.0', releaseDate: null }, can: { check: true, download: true, install: false } });
        return ok(status);
      },
      'updates.download': () => {
        status = desktop({ update: { state: 'downloading', version: '1.5.0', percent: 0, bytesPerSecond: 0 }, can: { check: false, download: false, install: false } });
        return ok(status);
      },
      'updates.install': () => ok(status),
    });
    renderPanel(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Sjekk' }));
    expect(await screen.findByRole('button', { name: 'Last ned' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Versjon 1.5.0 er klar til nedlasting');

    fireEvent.click(screen.getByRole('button', { name: 'Last ned' }));
    await waitFor(() => expect(screen.getByTestId('updates-state').dataset.state).toBe('downloading'));
    // the hub pushes progress as status.changed
    status = desktop({ update: { state: 'downloading', version: '1.5.0', percent: 42.5, bytesPerSecond: 2_500_000 }, can: { check: false, download: false, install: false } });
    act(() => bridge.emit('status.changed', { reason: 'updates' }));
    await waitFor(() => expect(screen.getByTestId('updates-progress').getAttribute('value')).toBe('42.5'));
    const bar = screen.getByRole('progressbar', { name: 'Laster ned versjon 1.5.0' });
    expect(bar.getAttribute('max')).toBe('100');
    expect(screen.getByTestId('updates-progress-text').textContent).toBe('42 % (2,5 MB/s)');
    expect(screen.getByRole('button', { name: 'Sjekk' }).hasAttribute('disabled')).toBe(true);

    status = desktop({ update: { state: 'downloaded', version: '1.5.0' }, can: { check: true, download: false, install: true } });
    act(() => bridge.emit('status.changed', { reason: 'updates' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Installer ved omstart' }));
    // it closes the app: asked once more, and nothing happens before the answer
    const dialog = await screen.findByTestId('updates-confirm');
    expect(within(dialog).getByRole('heading', { name: 'Installere versjon 1.5.0 nå?' })).toBeTruthy();
    expect(bridge.callsTo('updates.install')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Installer og start på nytt' }));
    await waitFor(() => expect(bridge.callsTo('updates.install')).toHaveLength(1));
  });

  it('shows the failure with the hub’s message', async () => {
    const bridge = new FakeBridge({
      'updates.status': () => ok(desktop({ update: { state: 'error', message: 'Den nedlastede filen stemmer ikke med sha512 …' } })),
      'updates.check': () => fail('conflict', 'Ingen oppdateringsserver er satt opp.'),
    });
    renderPanel(bridge);
    const alert = await screen.findByTestId('updates-error');
    expect(alert.textContent).toContain('Oppdateringen mislyktes');
    expect(alert.textContent).toContain('stemmer ikke med sha512');
    fireEvent.click(screen.getByRole('button', { name: 'Sjekk' }));
    expect(await screen.findByText('Ingen oppdateringsserver er satt opp.')).toBeTruthy();
  });

  it('in the headless host shows who updates it, and no buttons', async () => {
    const note = 'Oppdateringer styres av den som drifter serveren; versjon 1.4.0; kilde: ikke satt.';
    const bridge = new FakeBridge({ 'updates.status': () => ok(desktop({ host: 'headless', source: null, selfUpdating: false, note, update: null, can: { check: false, download: false, install: false } })) });
    renderPanel(bridge);
    expect((await screen.findByTestId('updates-note')).textContent).toBe(note);
    expect(screen.getByTestId('updates-source').textContent).toBe('Ikke satt');
    expect(screen.getByTestId('updates-host').textContent).toBe('Tjenermodus (headless)');
    expect(buttons()).toEqual([]);
  });

  it('hides what the session may not call', async () => {
    const bridge = new FakeBridge({ 'updates.status': () => ok(desktop()) });
    renderPanel(bridge, 'nb', ['updates.status']);
    await screen.findByTestId('updates-version');
    expect(buttons()).toEqual([]);
  });

  it('speaks nynorsk and English', async () => {
    const bridge = new FakeBridge({ 'updates.status': () => ok(desktop({ update: { state: 'available', version: '1.5.0', releaseDate: null }, can: { check: true, download: true, install: false } })) });
    const { unmount } = renderPanel(bridge, 'nn');
    expect(await screen.findByRole('heading', { name: 'Oppdateringar' })).toBeTruthy();
    unmount();
    renderPanel(bridge, 'en');
    expect(await screen.findByRole('button', { name: 'Download' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Version 1.5.0 is ready to download');
  });
});
