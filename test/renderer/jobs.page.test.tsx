// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, JobSummary } from '../../electron/ipc/contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, jobFixture, LEDER, publicId, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });
const CASE = { publicId: publicId(7), label: '2026/118' };

const initialJobs = (): JobSummary[] => [
  jobFixture({ id: 1, type: 'noark.archive', status: 'done', integration: 'archive', case: CASE }),
  jobFixture({ id: 2, type: 'ingest.poll', status: 'queued', attempts: 2, integration: 'altinn' }),
  jobFixture({ id: 3, type: 'print.send', status: 'dead', attempts: 8, maxAttempts: 8, integration: 'print', lastErrorKind: 'permanent', lastError: 'Mottaker mangler adresse', case: { publicId: publicId(9), label: 'Søknad om permisjon' } }),
  jobFixture({ id: 4, type: 'print.send', status: 'dead', attempts: 5, abandoned: true, integration: 'print', lastErrorKind: 'auth', lastError: '401' }),
  jobFixture({ id: 5, type: 'registers.enrich', status: 'dead', attempts: 5, integration: 'registers', lastError: 'Tidsavbrudd', case: CASE }),
];

/** The hub's search: job number, type, the case's label, or one of the types the UI's words matched. */
const found = (j: JobSummary, q: string | undefined, qTypes: string[] | undefined) =>
  q === undefined || String(j.id) === q || j.type.includes(q.toLowerCase()) || (j.case?.label.toLowerCase().includes(q.toLowerCase()) ?? false) || (qTypes ?? []).includes(j.type);

/** jobs.list as the hub answers it: status, abandoned, integration, ids, the created-at window and the search. */
function answer(jobs: JobSummary[], input: ChannelInput<'jobs.list'>): JobSummary[] {
  return jobs.filter(
    (j) =>
      found(j, input.q, input.qTypes) &&
      (!input.status || j.status === input.status) &&
      (input.abandoned === undefined || j.abandoned === input.abandoned) &&
      (!input.integration || j.integration === input.integration) &&
      (!input.ids || input.ids.includes(j.id)) &&
      (input.createdAfter === undefined || j.createdAt >= input.createdAfter) &&
      (input.createdBefore === undefined || j.createdAt < input.createdBefore),
  );
}

function jobsBridge(jobs: JobSummary[] = initialJobs(), user = IDA) {
  const bridge = new FakeBridge({
    'session.get': () => ok(sessionFixture({ user })),
    'system.status': () => ok(statusFixture()),
    'jobs.list': (input) => ok(answer(jobs, input)),
  });
  const requeue = (id: number) => {
    const i = jobs.findIndex((j) => j.id === id);
    jobs[i] = { ...jobs[i]!, status: 'queued', attempts: 0, abandoned: false };
    return jobs[i]!;
  };
  bridge.setHandler('jobs.retry', ({ id }) => ok(requeue(id)));
  bridge.setHandler('jobs.retryMany', ({ ids }) => ok({ retried: ids.filter((id) => jobs.some((j) => j.id === id && j.status === 'dead')).map(requeue), missing: [] }));
  bridge.setHandler('jobs.abandon', ({ id }) => ok({ ...jobs.find((j) => j.id === id)!, abandoned: true }));
  return { bridge, jobs };
}

const row = (id: number) => screen.getByTestId(`job-row-${id}`);
const lastList = (bridge: FakeBridge) => bridge.callsTo('jobs.list').at(-1);

describe('Jobber (#14)', () => {
  it('names each job in words, with the case it concerns, its state, attempts and last error; IT sees the technical type too', async () => {
    const { bridge } = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    const table = await screen.findByRole('table', { name: 'Jobber' });
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    expect(within(row(1)).getByTestId('job-name').textContent).toBe('Arkivering i sak/arkiv');
    expect(within(row(2)).getByTestId('job-name').textContent).toBe('Henting av nye søknader fra Altinn');
    expect(within(row(3)).getByTestId('job-name').textContent).toBe('Sending av svar i posten');
    expect(within(row(3)).getByText('print.send')).toBeTruthy();
    // IT works on no case: the case is named, not a link to a screen IT cannot open
    expect(within(row(1)).getByTestId('job-case').textContent).toBe('2026/118');
    expect(within(row(1)).queryByRole('link')).toBeNull();
    expect(within(row(2)).getByTestId('job-case').textContent).toBe('Ingen sak');
    expect(within(row(1)).getByTestId('job-status').textContent).toBe('Fullført');
    expect(within(row(3)).getByTestId('job-status').textContent).toBe('Død');
    expect(within(row(4)).getByTestId('job-status').textContent).toBe('Gitt opp');
    expect(within(row(2)).getByText('2 av 5')).toBeTruthy();
    expect(within(row(3)).getByText('Varig feil')).toBeTruthy();
    expect(within(row(3)).getByText('Mottaker mangler adresse')).toBeTruthy();
    expect(within(row(2)).getByText('Altinn')).toBeTruthy();
    // only dead, not abandoned, jobs offer actions
    expect(within(row(3)).getByRole('button', { name: 'Prøv jobb 3 igjen' })).toBeTruthy();
    expect(within(row(4)).queryByRole('button')).toBeNull();
    expect(within(row(1)).queryByRole('button')).toBeNull();
    expect(bridge.callsTo('jobs.list')[0]).toEqual({ limit: 100 });
  });

  it('a leader follows up without retry, abandon or selection, and opens the case from the job', async () => {
    const { bridge } = jobsBridge(initialJobs(), LEDER);
    renderApp(bridge, { path: '/jobber' });
    await screen.findByTestId('job-row-3');
    await waitFor(() => expect(screen.queryByRole('button', { name: /Prøv jobb/ })).toBeNull());
    expect(screen.queryByRole('button', { name: /Gi opp/ })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByTestId('jobs-retry-selected')).toBeNull();
    expect(screen.queryByText('print.send')).toBeNull();
    const link = within(row(1)).getByRole('link', { name: '2026/118' });
    expect(link.getAttribute('href')).toBe(`/innboks/${publicId(7)}`);
  });

  it('filters by state, integration and age through jobs.list, and keeps the filters in the URL', async () => {
    const { bridge } = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    await screen.findByTestId('job-row-1');

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'dead' } });
    await screen.findByRole('table', { name: 'Jobber – Døde' });
    // «Døde» are the dead jobs still waiting for someone; the abandoned ones are «Gitt opp»
    expect(lastList(bridge)).toEqual({ status: 'dead', abandoned: false, limit: 100 });
    await waitFor(() => expect(screen.queryByTestId('job-row-4')).toBeNull());
    expect(screen.getByTestId('job-row-3')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'abandoned' } });
    await screen.findByRole('table', { name: 'Jobber – Gitt opp' });
    expect(lastList(bridge)).toEqual({ status: 'dead', abandoned: true, limit: 100 });

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Integrasjon'), { target: { value: 'registers' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ integration: 'registers', limit: 100 }));
    await waitFor(() => expect(screen.queryByTestId('job-row-1')).toBeNull());
    expect(screen.getByTestId('job-row-5')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Opprettet'), { target: { value: 'day' } });
    await waitFor(() => expect(lastList(bridge)).toMatchObject({ integration: 'registers', createdAfter: expect.any(Number) }));
    const { createdAfter } = lastList(bridge) as { createdAfter: number };
    expect(Date.now() - createdAfter).toBeGreaterThanOrEqual(24 * 3_600_000 - 5_000);
    expect(Date.now() - createdAfter).toBeLessThanOrEqual(24 * 3_600_000 + 5_000);
    // the fixtures were made in 2025: none in the last day
    expect(await screen.findByText('Ingen jobber passer til filtrene.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Opprettet'), { target: { value: 'older' } });
    await waitFor(() => expect(lastList(bridge)).toMatchObject({ createdBefore: expect.any(Number) }));
    expect(await screen.findByTestId('job-row-5')).toBeTruthy();
  });

  it('starts filtered from a Status link (?status=dead&integration=print)', async () => {
    const { bridge } = jobsBridge();
    renderApp(bridge, { path: '/jobber?status=dead&integration=print' });
    await screen.findByTestId('job-row-3');
    expect(bridge.callsTo('jobs.list')[0]).toEqual({ status: 'dead', abandoned: false, integration: 'print', limit: 100 });
    expect((screen.getByLabelText('Integrasjon') as HTMLSelectElement).value).toBe('print');
  });

  it('searches in the hub (past the rows loaded): the job name in words, the case number and the job number', async () => {
    const { bridge } = jobsBridge();
    renderApp(bridge, { path: '/jobber?status=dead' });
    await screen.findByTestId('job-row-3');
    const search = screen.getByLabelText('Søk i jobbnavn, saksnummer eller nr.');
    // the hub gets the words and the types whose name in the user's language holds them, with the other filters
    fireEvent.change(search, { target: { value: 'posten' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ status: 'dead', abandoned: false, q: 'posten', qTypes: ['print.send'], limit: 100 }));
    await waitFor(() => expect(screen.queryByTestId('job-row-5')).toBeNull());
    expect(screen.getByTestId('job-row-3')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'all' } });
    await waitFor(() => expect(screen.getByTestId('job-row-4')).toBeTruthy());
    expect(screen.queryByTestId('job-row-1')).toBeNull();

    fireEvent.change(search, { target: { value: '2026/118' } });
    await waitFor(() => expect(lastList(bridge)).toEqual({ q: '2026/118', limit: 100 }));
    await waitFor(() => expect(screen.queryByTestId('job-row-3')).toBeNull());
    expect(screen.getByTestId('job-row-1')).toBeTruthy();
    expect(screen.getByTestId('job-row-5')).toBeTruthy();

    // typing asks once the typing pauses, not once per key
    const before = bridge.callsTo('jobs.list').length;
    for (const value of ['f', 'fi', 'fin', 'finnes', 'finnes ikke']) fireEvent.change(search, { target: { value } });
    expect((await screen.findByTestId('jobs-empty')).textContent).toBe('Ingen jobber passer til søket.');
    expect(bridge.callsTo('jobs.list').slice(before).filter((c) => c.q !== undefined && c.q !== 'finnes ikke')).toEqual([]);
  });

  it('a retry says only that the job was queued, then follows it and says when it failed again at once, with the attempt counter', async () => {
    const { bridge, jobs } = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    fireEvent.click(await within(await screen.findByTestId('job-row-3')).findByRole('button', { name: 'Prøv jobb 3 igjen' }));
    const result = await screen.findByTestId('job-action-result');
    expect(result.textContent).toContain('Jobb 3 er lagt i kø igjen.');
    expect(bridge.callsTo('jobs.retry')).toEqual([{ id: 3 }]);
    await waitFor(() => expect(within(screen.getByTestId('job-follow-3')).getByText(/Venter på neste forsøk/)).toBeTruthy());
    expect(bridge.callsTo('jobs.list').some((c) => c.ids?.[0] === 3)).toBe(true);

    // the next attempt fails at once: the runner puts it back with the error and attempt 1
    jobs[2] = { ...jobs[2]!, status: 'queued', attempts: 1, lastError: 'Mottaker mangler adresse' };
    bridge.emit('job.updated', { id: 3, type: 'print.send', status: 'queued' });
    await waitFor(() => expect(screen.getByTestId('job-follow-3').textContent).toContain('Feilet igjen: Mottaker mangler adresse'));
    expect(screen.getByTestId('job-follow-3').textContent).toContain('forsøk 1 av 8');
    expect(screen.getByTestId('job-action-result').getAttribute('data-color')).toBe('warning');
    await waitFor(() => expect(within(row(3)).getByTestId('job-attempts').textContent).toBe('1 av 8'));
    expect(screen.getByTestId('job-action-result').closest('[aria-live="polite"]')).not.toBeNull();

    // and when it goes dead again, it says so
    jobs[2] = { ...jobs[2]!, status: 'dead', attempts: 8, lastError: 'Mottaker mangler adresse' };
    bridge.emit('job.updated', { id: 3, type: 'print.send', status: 'dead' });
    await waitFor(() => expect(screen.getByTestId('job-follow-3').textContent).toContain('Jobben er død igjen'));
    expect(screen.getByTestId('job-action-result').getAttribute('data-color')).toBe('danger');
  });

  it('a retry that then succeeds says the job is done', async () => {
    const { bridge, jobs } = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    fireEvent.click(await within(await screen.findByTestId('job-row-3')).findByRole('button', { name: 'Prøv jobb 3 igjen' }));
    await screen.findByTestId('job-follow-3');
    jobs[2] = { ...jobs[2]!, status: 'done', attempts: 1, lastError: null };
    bridge.emit('job.updated', { id: 3, type: 'print.send', status: 'done' });
    await waitFor(() => expect(screen.getByTestId('job-follow-3').textContent).toContain('Jobb 3 er fullført.'));
    expect(screen.getByTestId('job-action-result').getAttribute('data-color')).toBe('success');
  });

  it('retries the selected dead jobs in one go', async () => {
    const { bridge } = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    await screen.findByTestId('job-row-3');
    const retrySelected = await screen.findByTestId('jobs-retry-selected');
    expect((retrySelected as HTMLButtonElement).disabled).toBe(true);
    // only dead jobs waiting for someone can be selected
    expect(within(row(4)).queryByRole('checkbox')).toBeNull();
    expect(within(row(1)).queryByRole('checkbox')).toBeNull();
    fireEvent.click(within(row(3)).getByRole('checkbox', { name: 'Velg jobb 3' }));
    fireEvent.click(within(row(5)).getByRole('checkbox', { name: 'Velg jobb 5' }));
    expect(retrySelected.textContent).toBe('Prøv valgte på nytt (2)');
    fireEvent.click(retrySelected);
    expect((await screen.findByTestId('job-action-result')).textContent).toContain('2 jobber er lagt i kø igjen.');
    expect(bridge.callsTo('jobs.retryMany')).toEqual([{ ids: [3, 5] }]);
    await screen.findByTestId('job-follow-5');

    // «select all» takes every dead job in the list
    bridge.setHandler('jobs.list', (input) => ok(answer(initialJobs(), input)));
    bridge.emit('job.updated', { id: 3, type: 'print.send', status: 'dead' });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Velg alle døde jobber i listen' }));
    expect(screen.getByTestId('jobs-retry-selected').textContent).toBe('Prøv valgte på nytt (2)');
  });

  it('"Gi opp" asks for confirmation, naming the job in words, before calling jobs.abandon', async () => {
    const { bridge } = jobsBridge();
    renderApp(bridge, { path: '/jobber' });
    fireEvent.click(await within(await screen.findByTestId('job-row-3')).findByRole('button', { name: 'Gi opp jobb 3' }));
    let dialog = await screen.findByTestId('abandon-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Gi opp jobb 3?' })).toBeTruthy();
    expect(dialog.textContent).toContain('Sending av svar i posten');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    await waitFor(() => expect(screen.queryByTestId('abandon-dialog')).toBeNull());
    expect(bridge.callsTo('jobs.abandon')).toEqual([]);

    fireEvent.click(within(row(3)).getByRole('button', { name: 'Gi opp jobb 3' }));
    dialog = await screen.findByTestId('abandon-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gi opp jobben' }));
    expect((await screen.findByTestId('job-action-result')).textContent).toBe('Jobb 3 er gitt opp.');
    expect(bridge.callsTo('jobs.abandon')).toEqual([{ id: 3 }]);
  });

  it('shows an action error from the hub', async () => {
    const { bridge } = jobsBridge();
    bridge.setHandler('jobs.retry', () => fail('conflict', 'Jobben er allerede i kø'));
    renderApp(bridge, { path: '/jobber' });
    fireEvent.click(await screen.findByRole('button', { name: 'Prøv jobb 3 igjen' }));
    expect(await screen.findByText('Jobben er allerede i kø')).toBeTruthy();
    expect(screen.getByText('Handlingen mislyktes')).toBeTruthy();
  });

  it('refreshes live on job.updated', async () => {
    const jobs = [jobFixture({ id: 1, status: 'running' })];
    const { bridge } = jobsBridge(jobs);
    renderApp(bridge, { path: '/jobber' });
    await waitFor(() => expect(within(row(1)).getByTestId('job-status').textContent).toBe('Kjører'));
    jobs[0] = { ...jobs[0]!, status: 'done' };
    bridge.emit('job.updated', { id: 1, type: jobs[0].type, status: 'done' });
    await waitFor(() => expect(within(row(1)).getByTestId('job-status').textContent).toBe('Fullført'));
  });

  it('shows the empty state and list errors', async () => {
    const { bridge } = jobsBridge([]);
    renderApp(bridge, { path: '/jobber' });
    expect((await screen.findByTestId('jobs-empty')).textContent).toBe('Det finnes ingen jobber ennå.');
    bridge.setHandler('jobs.list', () => fail('internal', 'Køen kunne ikke leses'));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'dead' } });
    expect(await screen.findByText('Køen kunne ikke leses')).toBeTruthy();
  });

  it('speaks nynorsk and English', async () => {
    const { bridge } = jobsBridge();
    renderApp(bridge, { path: '/jobber', language: 'nn' });
    expect((await within(await screen.findByTestId('job-row-2')).findByTestId('job-name')).textContent).toBe('Henting av nye søknader frå Altinn');
  });
});
