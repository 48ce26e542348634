// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../electron/ipc/desk.contract';
import { TOAST_MS } from '../../renderer/src/app/shell-toast';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { caseListAnswer, caseRowFixture, deskUserFixture, jobFixture, LEDER, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const KARI = deskUserFixture();
const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });

function bridgeWith(session: Session) {
  let current = session;
  return new FakeBridge({
    'system.status': () => ok(statusFixture({ demo: true })),
    'jobs.list': () => ok([jobFixture()]),
    'cases.list': (input) => ok(caseListAnswer([caseRowFixture()], input)),
    'session.get': () => ok(current),
    'session.switchUser': ({ account }) => {
      const user = [current.user, ...current.switchable].find((u) => u.account === account);
      if (!user) return fail('not-found', 'Ukjent bruker');
      current = sessionFixture({ user, switchable: [current.user, ...current.switchable].filter((u) => u.account !== account) });
      return ok(current);
    },
  });
}

/** What the header's line shows (the closed panel is not part of it): only the name may change after a switch. */
function headerLine(header: HTMLElement): string {
  const copy = header.cloneNode(true) as HTMLElement;
  copy.querySelector('[data-testid="desk-user-panel"]')?.remove();
  return copy.textContent ?? '';
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Who is at the desk', () => {
  it('shows the current user by name on a menu button; the panel holds the roles and the language, and no switcher outside the demo', async () => {
    renderApp(bridgeWith(sessionFixture()));
    expect((await screen.findByTestId('desk-user-name')).textContent).toBe('Kari Saksbehandler');
    const button = screen.getByRole('button', { name: 'Brukermeny for Kari Saksbehandler' });
    expect(button.closest('header')).not.toBeNull();
    const panel = screen.getByTestId('desk-user-panel');
    expect(button.getAttribute('popovertarget')).toBe(panel.id);
    expect(within(panel).getByTestId('desk-user-roles').textContent).toBe('Roller: saksbehandler');
    expect(within(panel).getByLabelText('Språk')).toBeTruthy();
    expect(screen.queryByLabelText('Bytt bruker (demo)')).toBeNull();
  });

  it('switches user through session.switchUser, refetches the page as the new user, and says so in a toast outside the header that goes away', async () => {
    // only the toast's timer is faked; the app's promises and waitFor run on real time
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    const bridge = bridgeWith(sessionFixture({ user: LEDER, switchable: [KARI] }));
    renderApp(bridge, { path: '/jobber' });
    await screen.findByTestId('desk-user-name');
    await waitFor(() => expect(bridge.callsTo('jobs.list')).toHaveLength(1));
    const header = screen.getByRole('banner');
    const headerText = headerLine(header);

    const select = within(screen.getByTestId('desk-user-panel')).getByLabelText('Bytt bruker (demo)');
    await act(async () => {
      fireEvent.change(select, { target: { value: 'kari' } });
    });
    expect(bridge.callsTo('session.switchUser')).toEqual([{ account: 'kari' }]);
    const toast = await screen.findByTestId('desk-user-switched');
    expect(toast.textContent).toBe('Du er nå pålogget som Kari Saksbehandler. Sidene er hentet på nytt.');
    // a polite live region, not part of the header: the header keeps its one line
    expect(toast.closest('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
    expect(header.contains(toast)).toBe(false);
    await waitFor(() => expect(screen.getByTestId('desk-user-name').textContent).toBe('Kari Saksbehandler'));
    expect(headerLine(header).replace('Kari Saksbehandler', 'NAME')).toBe(headerText.replace('Lise Leder', 'NAME'));
    await waitFor(() => expect(bridge.callsTo('jobs.list').length).toBeGreaterThanOrEqual(2));
    expect(bridge.callsTo('session.get').length).toBeGreaterThanOrEqual(2);

    // the message goes away by itself; its live region stays for the next one
    await act(async () => {
      vi.advanceTimersByTime(TOAST_MS + 100);
    });
    expect(screen.queryByTestId('desk-user-switched')).toBeNull();
    expect(screen.queryByText(/Du er nå pålogget som/)).toBeNull();
    expect(screen.getAllByRole('status').length).toBeGreaterThan(0);
  });

  it('takes a user switched to on a page their roles may not read to their own landing page', async () => {
    const bridge = bridgeWith(sessionFixture({ user: KARI, switchable: [IDA] }));
    bridge.setHandler('integrationsAdmin.list', () => ok({ editable: false, readOnlyReason: null, file: null, timezone: 'Europe/Oslo', cards: [], available: [] }));
    renderApp(bridge, { path: '/innboks' });
    await screen.findByTestId('desk-user-name');
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Bytt bruker (demo)'), { target: { value: 'ida' } });
    });
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Integrasjoner' }).getAttribute('aria-current')).toBe('page'));
    expect(within(nav).queryByRole('link', { name: 'Innboks' })).toBeNull();
  });

  it('a failed switch is said in the panel, and the user stays', async () => {
    const bridge = bridgeWith(sessionFixture({ user: KARI, switchable: [LEDER] }));
    bridge.setHandler('session.switchUser', () => fail('unavailable', 'Huben svarer ikke'));
    renderApp(bridge, { path: '/jobber' });
    await screen.findByTestId('desk-user-name');
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Bytt bruker (demo)'), { target: { value: 'lise' } });
    });
    const panel = screen.getByTestId('desk-user-panel');
    expect(await within(panel).findByText('Kunne ikke bytte bruker')).toBeTruthy();
    expect(screen.getByTestId('desk-user-name').textContent).toBe('Kari Saksbehandler');
    expect(screen.queryByTestId('desk-user-switched')).toBeNull();
  });
});
