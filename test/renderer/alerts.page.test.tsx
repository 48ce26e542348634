// @vitest-environment jsdom
// #17 item 4: the Varsler page (open incidents first, resolved ones, where mails go, "Send testvarsel", acknowledge) and the header's count for IT.
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AlertsListDto, IncidentDto } from '../../electron/ipc/alerts.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, NOW, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });
const MIN = 60_000;

const incident = (over: Partial<IncidentDto> = {}): IncidentDto => ({
  id: 3,
  key: 'integration:archive',
  kind: 'integration',
  title: 'Sak/arkiv feiler',
  message: 'Alle forsøk mot sak/arkiv har feilet siden 07.12.2026 kl. 09:00 (20 min). 3 jobber venter.',
  advice: 'Tjenesten svarer ikke. Sjekk at den kjører.',
  openedAt: NOW - 5 * MIN,
  lastSeenAt: NOW,
  clearPendingSince: null,
  clearedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  mail: { open: 'sent', openAt: NOW - 5 * MIN, clear: null, clearAt: null, error: null },
  ...over,
});

const list = (over: Partial<AlertsListDto> = {}): AlertsListDto => ({
  enabled: true,
  open: [incident()],
  recent: [
    incident({ id: 1, key: 'disk', kind: 'disk', title: 'Disken med datamappen er nesten full', openedAt: NOW - 120 * MIN, clearedAt: NOW - 60 * MIN, mail: { open: 'sent', openAt: NOW - 120 * MIN, clear: 'sent', clearAt: NOW - 60 * MIN, error: null } }),
  ],
  mail: { configured: true, host: 'smtp.kommune.no', port: 587, security: 'starttls', encrypted: true, username: 'postmottak', from: 'postmottak@kommune.no', recipients: ['it-drift@kommune.no', 'vakt@kommune.no'], demo: false },
  rules: { failingAfterMinutes: 15, clearAfterMinutes: 5, certificateWarnDays: 30, diskMinFreePercent: 10, diskMinFreeMiB: 2048 },
  checkedAt: NOW,
  ...over,
});

function itBridge(data: () => AlertsListDto, more: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  return new FakeBridge({
    'session.get': () => ok(sessionFixture({ user: IDA })),
    'system.status': () => ok(statusFixture()),
    'alerts.list': () => ok(data()),
    'alerts.count': () => ok({ open: data().open.length, unacknowledged: data().open.filter((i) => i.acknowledgedAt === null).length }),
    ...more,
  });
}

describe('Varsler page', () => {
  it('shows the open incident first with since-when and what to do, the resolved ones, and where mails go without a password', async () => {
    const bridge = itBridge(() => list());
    renderApp(bridge, { path: '/varsler' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Varsler' })).toBeTruthy();
    const open = await screen.findByTestId('incident-integration:archive');
    expect(within(open).getByRole('heading', { level: 3, name: 'Sak/arkiv feiler' })).toBeTruthy();
    expect(within(open).getByTestId('incident-state').textContent).toBe('Åpent');
    expect(within(open).getByTestId('incident-since').textContent).toContain('for 5 minutter siden');
    expect(within(open).getByTestId('incident-message').textContent).toContain('3 jobber venter');
    expect(within(open).getByTestId('incident-advice').textContent).toBe('Tjenesten svarer ikke. Sjekk at den kjører.');
    expect(within(open).getByTestId('incident-mail').textContent).toMatch(/^E-post sendt /);
    // the open section comes before the resolved
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Åpne varsler', 'Nylig løste', 'Hvor e-postene går']);
    const recent = screen.getByTestId('alerts-recent');
    expect(within(recent).getByRole('rowheader', { name: 'Disken med datamappen er nesten full' })).toBeTruthy();
    expect(within(recent).getByText('Varsel: sendt · Løst: sendt')).toBeTruthy();
    expect(screen.getByTestId('mail-server').textContent).toBe('smtp.kommune.no:587');
    expect(screen.getByTestId('mail-encryption').textContent).toBe('Ja, STARTTLS (påkrevd)');
    expect(screen.getByTestId('mail-login').textContent).toBe('Som postmottak (passordet ligger i hemmelighetslageret)');
    expect(within(screen.getByTestId('mail-recipients')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['it-drift@kommune.no', 'vakt@kommune.no']);
    expect(screen.getByTestId('alerts-rules').textContent).toContain('feilet i 15 min');
    // the header: Ida sees the open count, linking here
    const badge = await screen.findByTestId('alert-count');
    expect(badge.textContent).toBe('1 åpent varsel');
    expect(badge.getAttribute('href')).toBe('/varsler');
  });

  it('"Send testvarsel" reports the server\'s answer, or the failure in words', async () => {
    let answer = { ok: true, message: 'Testvarselet er sendt til it-drift@kommune.no gjennom smtp.kommune.no:587 med STARTTLS. SMTP-serveren svarte: «250 OK».', response: '250 OK', recipients: ['it-drift@kommune.no'] };
    const bridge = itBridge(() => list(), { 'alerts.sendTest': () => ok(answer) });
    renderApp(bridge, { path: '/varsler' });
    fireEvent.click(await screen.findByRole('button', { name: 'Send testvarsel' }));
    const result = await screen.findByTestId('test-mail-result');
    expect(within(result).getByRole('heading', { name: 'Testvarselet er sendt' })).toBeTruthy();
    expect(result.textContent).toContain('«250 OK»');
    answer = { ok: false, message: 'Fikk ikke kontakt med SMTP-serveren smtp.kommune.no:587: tilkoblingen ble avvist.', response: null as never, recipients: [] };
    fireEvent.click(screen.getByRole('button', { name: 'Send testvarsel' }));
    await waitFor(() => expect(screen.getByTestId('test-mail-result').textContent).toContain('tilkoblingen ble avvist'));
    expect(within(screen.getByTestId('test-mail-result')).getByRole('heading', { name: 'Testvarselet kom ikke fram' })).toBeTruthy();
    expect(bridge.callsTo('alerts.sendTest')).toHaveLength(2);
  });

  it('acknowledges an incident and shows who did; a clearing incident says so', async () => {
    let data = list({ open: [incident(), incident({ id: 4, key: 'disk', kind: 'disk', title: 'Disk', clearPendingSince: NOW - 2 * MIN })] });
    const bridge = itBridge(() => data, {
      'alerts.acknowledge': ({ id }) => {
        const acked = incident({ id, acknowledgedAt: NOW, acknowledgedBy: 'Ida IT-drift' });
        data = { ...data, open: data.open.map((i) => (i.id === id ? acked : i)) };
        return ok(acked);
      },
    });
    renderApp(bridge, { path: '/varsler' });
    const card = await screen.findByTestId('incident-integration:archive');
    expect(screen.getByTestId('incident-disk').querySelector('[data-testid="incident-clearing"]')?.textContent).toMatch(/borte siden .*løses hvis det holder seg borte i 5 min/);
    fireEvent.click(within(card).getByRole('button', { name: 'Kvitter ut' }));
    expect(await screen.findByTestId('alerts-outcome')).toHaveProperty('textContent', 'Varselet «Sak/arkiv feiler» er kvittert ut.');
    await waitFor(() => expect(within(screen.getByTestId('incident-integration:archive')).getByTestId('incident-acknowledged').textContent).toBe('Kvittert av Ida IT-drift'));
    expect(bridge.callsTo('alerts.acknowledge')).toEqual([{ id: 3 }]);
  });

  it('says when all is well, when no SMTP server is set up, in nynorsk and English too', async () => {
    const quiet = list({ open: [], recent: [], mail: { configured: false, host: null, port: null, security: null, encrypted: false, username: null, from: null, recipients: [], demo: false } });
    const { unmount } = renderApp(itBridge(() => quiet), { path: '/varsler' });
    expect((await screen.findByTestId('alerts-none')).textContent).toBe('Ingen åpne varsler. Alt Postmottak følger med på, virker.');
    expect(screen.getByTestId('mail-not-configured').textContent).toContain('alerts.mail');
    expect(screen.getByText('Ingen løste varsler ennå.')).toBeTruthy();
    // no open incident: no count in the header
    expect(screen.queryByTestId('alert-count')).toBeNull();
    unmount();
    const nn = renderApp(itBridge(() => quiet), { path: '/varsler', language: 'nn' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Opne varsel' })).toBeTruthy();
    nn.unmount();
    renderApp(itBridge(() => list()), { path: '/varsler', language: 'en' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Open alerts' })).toBeTruthy();
    expect((await screen.findByTestId('alert-count')).textContent).toBe('1 open alert');
  });

  it('a caseworker gets neither the nav entry nor the header count', async () => {
    const bridge = new FakeBridge({ 'session.get': () => ok(sessionFixture()), 'system.status': () => ok(statusFixture()) });
    renderApp(bridge);
    await screen.findByRole('heading', { level: 1 });
    await waitFor(() => expect(bridge.callsTo('session.get').length).toBeGreaterThan(0));
    expect(screen.queryByRole('link', { name: 'Varsler' })).toBeNull();
    expect(bridge.callsTo('alerts.count')).toEqual([]);
  });
});
