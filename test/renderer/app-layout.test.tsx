// @vitest-environment jsdom
import './helpers/setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { caseListAnswer, caseRowFixture, jobFixture, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const bridgeWith = (demo: boolean) =>
  new FakeBridge({
    'system.status': () => ok(statusFixture({ demo })),
    'jobs.list': () => ok([jobFixture()]),
  });

describe('App layout', () => {
  it('shows the demo banner when the hub runs in demo mode', async () => {
    renderApp(bridgeWith(true));
    const banner = await screen.findByTestId('demo-banner');
    expect(banner.textContent).toBe('Demo – testdata, ingen ekte innsendinger');
    expect(banner.closest('header')).not.toBeNull();
  });

  it('says how far ahead the demo clock is, and relative times follow the hub', async () => {
    const ahead = 11 * 86_400_000 + 3_600_000;
    renderApp(new FakeBridge({ 'system.status': () => ok(statusFixture({ demo: true, now: Date.now() + ahead })), 'jobs.list': () => ok([jobFixture()]) }));
    expect((await screen.findByTestId('demo-clock')).textContent).toBe(' · demo-klokka er 11 dager foran');
    const { hubNow, syncHubClock } = await import('../../renderer/src/shared/use-now.hook');
    expect(hubNow() - Date.now()).toBeGreaterThan(ahead - 5_000);
    syncHubClock(Date.now());
    expect(Math.abs(hubNow() - Date.now())).toBeLessThan(1_000);
  });

  it('has no demo banner with real data', async () => {
    renderApp(bridgeWith(false));
    await screen.findByTestId('jobs-done');
    expect(screen.queryByTestId('demo-banner')).toBeNull();
    expect(screen.queryByText(/Demo/)).toBeNull();
  });

  it('has landmarks, a skip link and a nav built from the route table', async () => {
    renderApp(bridgeWith(false));
    await screen.findByTestId('jobs-done');
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main').id).toBe('main-content');
    expect(screen.getByRole('link', { name: 'Hopp til hovedinnhold' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['Innboks', 'Svar', 'Status', 'Jobber', 'Arkiv', 'Integrasjoner', 'Nøkler og sertifikater', 'Varsler', 'Logger', 'Drift', 'Designer']);
    expect(links[2]!.getAttribute('aria-current')).toBe('page');
    expect(links[0]!.getAttribute('aria-current')).toBeNull();
    expect(document.title).toBe('Status – Postmottak');

    fireEvent.click(links[3]!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Jobber' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Jobber' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.title).toBe('Jobber – Postmottak'));
  });

  it('the skip link moves focus to main without changing the route', async () => {
    renderApp(bridgeWith(false));
    await screen.findByTestId('jobs-done');
    fireEvent.click(screen.getByRole('link', { name: 'Hopp til hovedinnhold' }));
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(screen.getByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
  });

  it('shows a not-found page for unknown routes, keeping the nav, with a way back to the status page when there is no desk user', async () => {
    renderApp(bridgeWith(false), { path: '/finnes-ikke' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Fant ikke siden' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Hovedmeny' })).toBeTruthy();
    const back = screen.getByRole('link', { name: 'Gå til Status' });
    fireEvent.click(back);
    expect(await screen.findByRole('heading', { level: 1, name: 'Status' })).toBeTruthy();
  });

  it('the not-found page links to the user’s own landing page, named in words', async () => {
    const bridge = new FakeBridge({
      'system.status': () => ok(statusFixture()),
      'session.get': () => ok(sessionFixture()),
      'cases.list': (input) => ok(caseListAnswer([caseRowFixture()], input)),
    });
    renderApp(bridge, { path: '/finnes-ikke' });
    const back = await screen.findByRole('link', { name: 'Gå til Innboks' });
    expect(back.getAttribute('href')).toBe('/innboks');
    fireEvent.click(back);
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Innboks' }).getAttribute('aria-current')).toBe('page'));
  });

  it('folds the nav behind a menu button that says whether it is open, closes on Escape and gives focus back', async () => {
    renderApp(bridgeWith(false));
    await screen.findByTestId('jobs-done');
    const button = screen.getByRole('button', { name: 'Meny' });
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    expect(button.getAttribute('aria-controls')).toBe(nav.id);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(nav.classList.contains('pm-nav--open')).toBe(false);

    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(nav.classList.contains('pm-nav--open')).toBe(true);
    const jobs = within(nav).getByRole('link', { name: 'Jobber' });
    jobs.focus();
    fireEvent.keyDown(jobs, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);

    // choosing a page folds the menu again and puts focus on the new page's heading
    fireEvent.click(button);
    fireEvent.click(within(nav).getByRole('link', { name: 'Jobber' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Jobber' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('switches language from bokmål to English and remembers it', async () => {
    const { i18n } = renderApp(bridgeWith(true));
    await screen.findByTestId('jobs-done');
    expect(screen.getByRole('heading', { level: 2, name: 'Planlagte oppgaver' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('nb');

    const select = screen.getByLabelText('Språk');
    await act(async () => {
      fireEvent.change(select, { target: { value: 'en' } });
    });

    expect(await screen.findByRole('heading', { level: 2, name: 'Scheduled tasks' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Run now: Backup' })).toBeTruthy();
    expect(screen.getByLabelText('Language')).toBeTruthy();
    expect(screen.getByTestId('demo-banner').textContent).toBe('Demo – test data, no real submissions');
    expect(screen.getByTestId('status-started').textContent).toContain('3 minutes ago');
    expect(screen.queryByText('Planlagte oppgaver')).toBeNull();
    expect(i18n.language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('postmottak.language')).toBe('en');
    // A new app instance starts in the stored language.
    expect(createI18n().language).toBe('en');
  });

  it('renders nynorsk', async () => {
    renderApp(bridgeWith(false), { language: 'nn' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Planlagde oppgåver' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Køyr no: Tryggingskopi' })).toBeTruthy();
  });
});
