import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { SCHEDULE_NAMES_NB } from '../../electron/app/admin/schedule-text';
import type { JobSummary } from '../../electron/ipc';
import type { SqliteStore } from '../../electron/store';
import { hasName } from '../../renderer/src/jobs/job-names';
import { jobsWsEn, jobsWsNb, jobsWsNn } from '../../renderer/src/jobs/jobs.messages';
import { testHub } from '../helpers/test-hub';

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

const LANGUAGES = { nb: jobsWsNb, nn: jobsWsNn, en: jobsWsEn };
const value = <T>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

describe('#14 Jobber and Status: names for what the hub runs', () => {
  it('every job type the runner registers and every schedule has a name in nb, nn and en; the CLI says the same in bokmål', async () => {
    // the demo with its simulators connected: every integration, so every feature's jobs and schedules exist
    ({ hub } = await testHub({ demoSimulators: true, autoStart: false }));
    const types = hub.runner.types().map((t) => t.type);
    const schedules = hub.scheduler.definitions.map((s) => s.name);
    // the ones #14 named, so a renamed registration cannot make this pass vacuously
    expect(schedules).toEqual(expect.arrayContaining(['replies.poll', 'replies.sweep', 'ingest.altinn3', 'store.backup']));
    expect(types).toEqual(expect.arrayContaining(['noark.archive', 'registers.enrich', 'print.send']));
    const missing: string[] = [];
    for (const [lang, m] of Object.entries(LANGUAGES)) {
      for (const t of types) if (!hasName(m.types, t)) missing.push(`${lang} job type ${t}`);
      for (const s of schedules) if (!hasName(m.schedules, s)) missing.push(`${lang} schedule ${s}`);
    }
    expect(missing).toEqual([]);
    const nb = (name: string) => name.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], jobsWsNb.schedules);
    expect(schedules.map((s) => [s, SCHEDULE_NAMES_NB[s]])).toEqual(schedules.map((s) => [s, nb(s)]));
  });
});

describe('#14 jobs.list, jobs.retryMany', () => {
  it('names the case a job concerns (case number or public title, never a fødselsnummer) and filters by integration and ids', async () => {
    ({ hub } = await testHub({ demoSimulators: true }));
    hub.users.switchTo('ida');
    // the demo fetches and archives its seeded applications: their jobs point at cases
    let jobs: JobSummary[] = [];
    await expect
      .poll(async () => (jobs = value<JobSummary[]>(await hub!.invoke('jobs.list', { limit: 500 }))).filter((j) => j.case).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const withCase = jobs.filter((j) => j.case);
    const publicIds = new Set((await hub.submissions.list({ limit: 500, offset: 0 })).map((s) => s.publicId));
    for (const j of withCase) {
      expect(publicIds.has(j.case!.publicId)).toBe(true);
      expect(j.case!.label).not.toMatch(/\d{11}/);
    }
    // system jobs concern no case
    expect(jobs.filter((j) => j.type.startsWith('store.') || j.type === 'alerts.evaluate').every((j) => j.case === null)).toBe(true);

    const archive = value<JobSummary[]>(await hub.invoke('jobs.list', { integration: 'altinn', limit: 500 }));
    expect(archive.length).toBeGreaterThan(0);
    expect(archive.every((j) => j.integration === 'altinn')).toBe(true);
    const one = withCase[0]!;
    expect(value<JobSummary[]>(await hub.invoke('jobs.list', { ids: [one.id] }))).toEqual([expect.objectContaining({ id: one.id, case: one.case })]);
    const future = value<JobSummary[]>(await hub.invoke('jobs.list', { createdAfter: Date.now() + 3_600_000 }));
    expect(future).toEqual([]);

    // the search runs in the hub, past the rows a page shows: the job number, the case's label, the type and the types the UI's words matched
    expect(value<JobSummary[]>(await hub.invoke('jobs.list', { q: String(one.id), limit: 1 })).map((j) => j.id)).toEqual([one.id]);
    const byCase = value<JobSummary[]>(await hub.invoke('jobs.list', { q: one.case!.label, limit: 500 }));
    expect(byCase.map((j) => j.id)).toContain(one.id);
    expect(byCase.length).toBeLessThan(jobs.length);
    const byType = value<JobSummary[]>(await hub.invoke('jobs.list', { q: 'ingest.', qTypes: ['store.backup'], limit: 500 }));
    expect(byType.length).toBeGreaterThan(0);
    expect(byType.every((j) => j.type.startsWith('ingest.') || j.type === 'store.backup')).toBe(true);
    expect(value<JobSummary[]>(await hub.invoke('jobs.list', { q: 'finnes ikke', limit: 500 }))).toEqual([]);
  });

  it('retries several dead jobs with one audit entry each, says which were not dead, and only for IT', async () => {
    ({ hub } = await testHub());
    // two jobs that will not run by themselves (due in a year), then dead as if their attempts ran out
    const later = { runAfter: Date.now() + 365 * 86_400_000 };
    const a = (await hub.runner.enqueue('archivist.export', { exportId: 9001 }, 't-a', later)).job.id;
    const b = (await hub.runner.enqueue('archivist.export', { exportId: 9002 }, 't-b', later)).job.id;
    const db = (hub.store as SqliteStore).db;
    db.prepare(`UPDATE jobs SET status = 'dead', attempts = 1, last_error = 'borte' WHERE id IN (?, ?)`).run(a, b);
    db.prepare(`UPDATE jobs SET abandoned = 1 WHERE id = ?`).run(b);

    hub.users.switchTo('kari');
    expect(await hub.invoke('jobs.retryMany', { ids: [a] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    hub.users.switchTo('ida');
    // «Døde» and «Gitt opp» are separate lists
    expect(value<JobSummary[]>(await hub.invoke('jobs.list', { status: 'dead', abandoned: false })).map((j) => j.id)).toEqual([a]);
    expect(value<JobSummary[]>(await hub.invoke('jobs.list', { status: 'dead', abandoned: true })).map((j) => j.id)).toEqual([b]);

    const r = value<{ retried: JobSummary[]; missing: number[] }>(await hub.invoke('jobs.retryMany', { ids: [a, b, 424242] }));
    expect(r.retried.map((j) => [j.id, j.status, j.attempts, j.abandoned])).toEqual([
      [a, 'queued', 0, false],
      [b, 'queued', 0, false],
    ]);
    expect(r.missing).toEqual([424242]);
    const retries = (await hub.audit.recent(20)).filter((e) => e.action === 'job.retry').map((e) => [e.actor, e.subject]);
    expect(retries.sort()).toEqual([
      ['ida', `job:${a}`],
      ['ida', `job:${b}`],
    ]);
    expect(await hub.invoke('jobs.retryMany', { ids: Array.from({ length: 501 }, (_, i) => i + 1) })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});
