// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../../electron/ipc/contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { jobFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const JOBS: JobSummary[] = [
  jobFixture({ id: 1, type: 'noark.archive-incoming', status: 'done' }),
  jobFixture({ id: 2, type: 'altinn.fetch', status: 'queued', attempts: 2, integration: 'altinn' }),
  jobFixture({ id: 3, type: 'print.send', status: 'dead', attempts: 5, lastErrorKind: 'permanent', lastError: 'Mottaker mangler adresse' }),
  jobFixture({ id: 4, type: 'print.send', status: 'dead', attempts: 5, abandoned: true, lastErrorKind: 'auth', lastError: '401' }),
];

function jobsBridge(jobs: JobSummary[] = JOBS) {
  const bridge = new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'jobs.list': (input) => ok(jobs.filter((j) => !input.status || j.status === input.status)),
  });
  bridge.setHandler('jobs.retry', ({ id }) => ok({ ...jobs.find((j) => j.id === id)!, status: 'queued' }));
  bridge.setHandler('jobs.abandon', ({ id }) => ok({ ...jobs.find((j) => j.id === id)!, abandoned: true }));
  return bridge;
}

const row = (id: number) => screen.getByTestId(`job-row-${id}`);

describe('Jobs page', () => {
  it('lists jobs with status in words, attempts and last error', async () => {
    const bridge = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    const table = await screen.findByRole('table', { name: 'Jobber' });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect(within(row(1)).getByTestId('job-status').textContent).toBe('Fullført');
    expect(within(row(2)).getByTestId('job-status').textContent).toBe('I kø');
    expect(within(row(2)).getByText('2 av 5')).toBeTruthy();
    expect(within(row(2)).getByText('Neste forsøk')).toBeTruthy();
    expect(within(row(3)).getByTestId('job-status').textContent).toBe('Død');
    expect(within(row(3)).getByText('Varig feil')).toBeTruthy();
    expect(within(row(3)).getByText('Mottaker mangler adresse')).toBeTruthy();
    expect(within(row(4)).getByTestId('job-status').textContent).toBe('Gitt opp');
    // Only dead, not abandoned, jobs offer actions.
    expect(within(row(3)).getByRole('button', { name: 'Prøv jobb 3 igjen' })).toBeTruthy();
    expect(within(row(4)).queryByRole('button')).toBeNull();
    expect(within(row(1)).queryByRole('button')).toBeNull();
    expect(bridge.callsTo('jobs.list')).toEqual([{ limit: 100 }]);
  });

  it('filters by status through jobs.list', async () => {
    const bridge = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    await screen.findByRole('table', { name: 'Jobber' });

    fireEvent.click(screen.getByRole('radio', { name: 'Døde' }));
    await screen.findByRole('table', { name: 'Jobber – Døde' });
    expect(bridge.callsTo('jobs.list').at(-1)).toEqual({ status: 'dead', limit: 100 });
    expect(screen.queryByTestId('job-row-1')).toBeNull();
    expect(screen.getByTestId('job-row-3')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Døde' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: 'Kjører' }));
    expect(await screen.findByText('Ingen jobber med status «Kjører».')).toBeTruthy();
    expect(bridge.callsTo('jobs.list').at(-1)).toEqual({ status: 'running', limit: 100 });

    fireEvent.click(screen.getByRole('radio', { name: 'Alle' }));
    await screen.findByTestId('job-row-1');
    expect(bridge.callsTo('jobs.list').at(-1)).toEqual({ limit: 100 });
  });

  it('starts filtered when the URL carries ?status=dead', async () => {
    const bridge = jobsBridge();
    renderApp(bridge, { path: '/jobber?status=dead' });
    await screen.findByTestId('job-row-3');
    expect(bridge.callsTo('jobs.list')).toEqual([{ status: 'dead', limit: 100 }]);
  });

  it('"Prøv igjen" calls jobs.retry and reloads the list', async () => {
    const bridge = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    await screen.findByTestId('job-row-3');
    const listCalls = bridge.callsTo('jobs.list').length;

    fireEvent.click(within(row(3)).getByRole('button', { name: 'Prøv jobb 3 igjen' }));
    expect((await screen.findByTestId('job-action-result')).textContent).toBe('Jobb 3 er lagt i kø igjen.');
    expect(bridge.callsTo('jobs.retry')).toEqual([{ id: 3 }]);
    await waitFor(() => expect(bridge.callsTo('jobs.list').length).toBeGreaterThan(listCalls));
  });

  it('"Gi opp" asks for confirmation before calling jobs.abandon', async () => {
    const bridge = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    await screen.findByTestId('job-row-3');

    fireEvent.click(within(row(3)).getByRole('button', { name: 'Gi opp jobb 3' }));
    let dialog = await screen.findByTestId('abandon-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Gi opp jobb 3?' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    await waitFor(() => expect(screen.queryByTestId('abandon-dialog')).toBeNull());
    expect(bridge.callsTo('jobs.abandon')).toEqual([]);

    fireEvent.click(within(row(3)).getByRole('button', { name: 'Gi opp jobb 3' }));
    dialog = await screen.findByTestId('abandon-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gi opp jobben' }));
    expect((await screen.findByTestId('job-action-result')).textContent).toBe('Jobb 3 er gitt opp.');
    expect(bridge.callsTo('jobs.abandon')).toEqual([{ id: 3 }]);
    expect(screen.queryByTestId('abandon-dialog')).toBeNull();
  });

  it('shows an action error from the hub', async () => {
    const bridge = jobsBridge();
    bridge.setHandler('jobs.retry', () => fail('conflict', 'Jobben er allerede i kø'));
    renderApp(bridge, { path: '/jobber' });
    fireEvent.click(await screen.findByRole('button', { name: 'Prøv jobb 3 igjen' }));
    expect(await screen.findByText('Jobben er allerede i kø')).toBeTruthy();
    expect(screen.getByText('Handlingen mislyktes')).toBeTruthy();
  });

  it('refreshes live on job.updated', async () => {
    const jobs = [jobFixture({ id: 1, status: 'running' })];
    const bridge = jobsBridge(jobs);
    renderApp(bridge, { path: '/jobber' });
    await waitFor(() => expect(within(row(1)).getByTestId('job-status').textContent).toBe('Kjører'));

    jobs[0] = { ...jobs[0]!, status: 'done' };
    bridge.emit('job.updated', { id: 1, type: jobs[0].type, status: 'done' });
    await waitFor(() => expect(within(row(1)).getByTestId('job-status').textContent).toBe('Fullført'));
  });

  it('shows the empty state and list errors', async () => {
    const bridge = jobsBridge([]);
    renderApp(bridge, { path: '/jobber' });
    expect((await screen.findByTestId('jobs-empty')).textContent).toBe('Det finnes ingen jobber ennå.');

    bridge.setHandler('jobs.list', () => fail('internal', 'Køen kunne ikke leses'));
    fireEvent.click(screen.getByRole('radio', { name: 'Døde' }));
    expect(await screen.findByText('Køen kunne ikke leses')).toBeTruthy();
  });
});
