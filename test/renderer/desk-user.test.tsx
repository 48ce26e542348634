// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../electron/ipc/desk.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, jobFixture, LEDER, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const KARI = deskUserFixture();

function bridgeWith(session: Session) {
  let current = session;
  return new FakeBridge({
    'system.status': () => ok(statusFixture({ demo: true })),
    'jobs.list': () => ok([jobFixture()]),
    'session.get': () => ok(current),
    'session.switchUser': ({ account }) => {
      const user = [current.user, ...current.switchable].find((u) => u.account === account);
      if (!user) return fail('not-found', 'Ukjent bruker');
      current = sessionFixture({ user, switchable: [current.user, ...current.switchable].filter((u) => u.account !== account) });
      return ok(current);
    },
  });
}

describe('Who is at the desk', () => {
  it('shows the current user and roles, without a switcher outside the demo', async () => {
    renderApp(bridgeWith(sessionFixture()));
    expect((await screen.findByTestId('desk-user-name')).textContent).toBe('Kari Saksbehandler');
    expect(screen.getByTestId('desk-user').textContent).toContain('(saksbehandler)');
    expect(screen.queryByLabelText('Bytt bruker (demo)')).toBeNull();
  });

  it('switches user through session.switchUser, then refetches the page as the new user', async () => {
    const bridge = bridgeWith(sessionFixture({ user: KARI, switchable: [LEDER] }));
    renderApp(bridge, { path: '/jobber' });
    await screen.findByTestId('desk-user-name');
    await waitFor(() => expect(bridge.callsTo('jobs.list')).toHaveLength(1));

    const select = screen.getByLabelText('Bytt bruker (demo)');
    await act(async () => {
      fireEvent.change(select, { target: { value: 'lise' } });
    });
    expect(bridge.callsTo('session.switchUser')).toEqual([{ account: 'lise' }]);
    expect((await screen.findByTestId('desk-user-switched')).textContent).toBe('Du er nå pålogget som Lise Leder. Sidene er hentet på nytt.');
    await waitFor(() => expect(screen.getByTestId('desk-user-name').textContent).toBe('Lise Leder'));
    await waitFor(() => expect(bridge.callsTo('jobs.list').length).toBeGreaterThanOrEqual(2));
    expect(bridge.callsTo('session.get').length).toBeGreaterThanOrEqual(2);
  });
});
