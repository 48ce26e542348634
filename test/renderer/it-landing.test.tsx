// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });

describe('IT’s landing page (#17)', () => {
  it('IT opening the app lands on Integrasjoner; the Status entry still shows the status page', async () => {
    const bridge = new FakeBridge({ 'session.get': () => ok(sessionFixture({ user: IDA })), 'system.status': () => ok(statusFixture()) });
    renderApp(bridge, { path: '/' });
    const nav = await screen.findByRole('navigation', { name: 'Hovedmeny' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Integrasjoner' }).getAttribute('aria-current')).toBe('page'));
    fireEvent.click(within(nav).getByRole('link', { name: 'Status' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
  });
});
