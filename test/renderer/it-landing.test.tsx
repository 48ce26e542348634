// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeskUser } from '../../electron/ipc/desk.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { landingPath } from '../../renderer/src/app/routes';
import { caseListAnswer, caseRowFixture, deskUserFixture, LEDER, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });
const ARNE = deskUserFixture({ account: 'arne', name: 'Arne Arkivar', roles: ['arkivar'], groups: [] });
const KARI = deskUserFixture();

const bridgeFor = (user: DeskUser) =>
  new FakeBridge({
    'session.get': () => ok(sessionFixture({ user })),
    'system.status': () => ok(statusFixture()),
    'cases.list': (input) => ok(caseListAnswer([caseRowFixture()], input)),
  });

/** Waits until the nav marks `name` as this page (at first '/' is current: the start page waits for the session). */
async function expectLanding(name: string): Promise<void> {
  const nav = await screen.findByRole('navigation', { name: 'Hovedmeny' });
  await waitFor(() => {
    const current = within(nav).getAllByRole('link').find((a) => a.getAttribute('aria-current') === 'page');
    expect(current?.textContent).toBe(name);
    // the landing page renders a whole screen; on a busy machine that takes more than waitFor's default second
  }, { timeout: 5_000 });
}

describe('Landing page by role (#14, #17)', () => {
  it('names one landing page per role, by the first role', () => {
    expect(landingPath(['saksbehandler'])).toBe('/innboks');
    expect(landingPath(['leder', 'saksbehandler'])).toBe('/innboks');
    expect(landingPath(['arkivar', 'saksbehandler'])).toBe('/arkiv');
    expect(landingPath(['it-admin', 'saksbehandler'])).toBe('/integrasjoner');
    expect(landingPath([])).toBe('/');
  });

  it.each([
    ['a caseworker', KARI],
    ['a leader', LEDER],
  ])('%s opening the app lands on Innboks', async (_who, user) => {
    renderApp(bridgeFor(user), { path: '/' });
    await expectLanding('Innboks');
  });

  it('the archivist opening the app lands on Arkiv', async () => {
    renderApp(bridgeFor(ARNE), { path: '/' });
    await expectLanding('Arkiv');
  });

  it('IT opening the app lands on Integrasjoner; the Status entry still shows the status page', async () => {
    renderApp(bridgeFor(IDA), { path: '/' });
    await expectLanding('Integrasjoner');
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Status' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
  });

  it('the start page waits for the session: the status page does not show first for a user who lands elsewhere', async () => {
    let answer: (session: ReturnType<typeof sessionFixture>) => void = () => undefined;
    const bridge = bridgeFor(KARI);
    bridge.setHandler('session.get', () => new Promise((resolve) => (answer = (session) => resolve(ok(session)))));
    renderApp(bridge, { path: '/' });
    await waitFor(() => expect(bridge.callsTo('system.status').length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('heading', { level: 1, name: 'Status' })).toBeNull();
    expect(screen.queryByTestId('jobs-done')).toBeNull();
    answer(sessionFixture({ user: KARI }));
    await expectLanding('Innboks');
  });
});
