// @vitest-environment jsdom
import './helpers/setup-dom';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SystemStatus } from '../../electron/ipc/contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

// Local times, so the expected clock readings hold in any time zone.
const now = new Date(2025, 2, 12, 14, 0).getTime();
const at1032 = new Date(2025, 2, 12, 10, 32).getTime();
const yesterday0905 = new Date(2025, 2, 11, 9, 5).getTime();

type Waiting = SystemStatus['waiting'];
const archiveDown: Waiting[number] = { integration: 'archive', count: 2, since: at1032, failing: true, lastError: 'connect ECONNREFUSED' };

function setup(initial: Waiting, language?: 'nb' | 'en') {
  let waiting = initial;
  const bridge = new FakeBridge({ 'system.status': () => ok(statusFixture({ now, waiting })) });
  const view = renderApp(bridge, language ? { language } : {});
  return { bridge, view, setWaiting: (next: Waiting) => (waiting = next) };
}

const ready = () => screen.findByTestId('jobs-done'); // the status page has loaded

describe('Waiting to be sent (offline) banner', () => {
  it('shows nothing when nothing waits', async () => {
    setup([]);
    await ready();
    expect(screen.queryByTestId('waiting-banner')).toBeNull();
  });

  it('shows nothing for work queued on a healthy link (normal traffic)', async () => {
    setup([
      { integration: 'archive', count: 4, since: at1032, failing: false, lastError: null },
      { integration: 'altinn', count: 1, since: at1032, failing: false, lastError: null },
    ]);
    await ready();
    expect(screen.queryByTestId('waiting-banner')).toBeNull();
  });

  it('says in plain words what waits, for whom and since when, politely and without taking focus', async () => {
    setup([archiveDown, { integration: 'altinn', count: 5, since: at1032, failing: false, lastError: null }]);
    const banner = await screen.findByTestId('waiting-banner');
    expect(banner.textContent).toBe(
      'Venter på å sende: 2 til sak/arkiv siden kl. 10:32 – arkivet svarer ikke.' +
        'Du kan arbeide videre; alt sendes når forbindelsen er tilbake. Se hva som venter',
    );
    const region = banner.closest('[role="status"]');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(banner.closest('main')).not.toBeNull();
    expect(banner.contains(document.activeElement)).toBe(false);
    expect(screen.getByRole('link', { name: 'Se hva som venter' }).getAttribute('href')).toContain('/jobber?status=queued');
  });

  it('lists every failing integration: known names translated, unknown ones as they are, an earlier day with its date', async () => {
    setup([
      { integration: 'altinn', count: 1, since: at1032, failing: true, lastError: 'timeout' },
      archiveDown,
      { integration: 'internal', count: 4, since: at1032, failing: true, lastError: null },
      { integration: 'fiks', count: 3, since: yesterday0905, failing: true, lastError: null },
    ]);
    const banner = await screen.findByTestId('waiting-banner');
    expect(banner.querySelector('p')?.textContent).toBe(
      'Venter på å sende: 1 til Altinn siden kl. 10:32 – Altinn svarer ikke; ' +
        '2 til sak/arkiv siden kl. 10:32 – arkivet svarer ikke; ' +
        '4 til fagsystemene siden kl. 10:32 – et fagsystem svarer ikke eller avviser søknader; ' +
        '3 til fiks siden 11.03.2025 kl. 09:05 – fiks svarer ikke.',
    );
  });

  it('disappears when a job.updated event brings back a status with nothing waiting', async () => {
    const { bridge, setWaiting } = setup([archiveDown]);
    await screen.findByTestId('waiting-banner');
    setWaiting([]);
    bridge.emit('job.updated', { id: 7, type: 'noark.archive-incoming', status: 'done' });
    await waitFor(() => expect(screen.queryByTestId('waiting-banner')).toBeNull());
    // The live region stays, so the next banner is announced too.
    expect(screen.getAllByRole('status').length).toBeGreaterThan(0);
  });

  it('speaks English when the desk does', async () => {
    setup([archiveDown], 'en');
    const banner = await screen.findByTestId('waiting-banner');
    expect(banner.querySelector('p')?.textContent).toBe(
      'Waiting to be sent: 2 to the case/archive system since 10:32 – the archive is not responding.',
    );
  });
});
