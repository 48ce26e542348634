// @vitest-environment jsdom
// #17 item 6: the Drift page (database, disk and data folder as text with a meter, backups with their check, retention, warnings, run-now).
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UpkeepOverviewDto } from '../../electron/ipc/upkeep.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, NOW, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });
const MB = 1_000_000;
const HOUR = 3_600_000;

const overview = (over: Partial<UpkeepOverviewDto> = {}): UpkeepOverviewDto => ({
  now: NOW,
  database: {
    kind: 'sqlite',
    location: '/data/postmottak.db',
    bytes: 300 * MB,
    pageSize: 4096,
    pageCount: 76_800,
    freePages: 1200,
    autoVacuum: 'incremental',
    blobs: { db: { count: 900, bytes: 40 * MB }, file: { count: 30_000, bytes: 1200 * MB }, removed: { count: 0, bytes: 0 } },
  },
  disk: { dataDir: '/data', dataBytes: 1800 * MB, freeBytes: 20_000 * MB, totalBytes: 100_000 * MB },
  maintenance: { at: NOW - 10 * HOUR, durationMs: 840, freedPages: 3100, switchedToIncremental: false, switchPostponed: null, analyzed: [] },
  backups: {
    supported: true,
    dir: '/data/backups',
    keep: 7,
    last: { at: NOW - 11 * HOUR, file: '/data/backups/postmottak-20250312-020000.db', bytes: 290 * MB, check: { ok: true, result: 'ok', schemaVersion: 130, at: NOW - 11 * HOUR } },
    lastFailure: null,
    kept: [
      { file: '/data/backups/postmottak-20250312-020000.db', bytes: 290 * MB, at: NOW - 11 * HOUR },
      { file: '/data/backups/postmottak-20250311-020000.db', bytes: 288 * MB, at: NOW - 35 * HOUR },
    ],
  },
  retention: {
    enabled: true,
    policy: 'move',
    moveAfterDays: 90,
    filesDir: '/data/files',
    filesBytes: 1200 * MB,
    maxDatabaseBytes: 500 * MB,
    lastRun: { startedAt: NOW - 12 * HOUR, finishedAt: NOW - 12 * HOUR + 5000, state: 'done', policy: 'move', cases: 274, blobs: 822, bytes: 28 * MB, error: null },
  },
  warnings: [],
  ...over,
});

function itBridge(data: () => UpkeepOverviewDto, more: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  return new FakeBridge({
    'session.get': () => ok(sessionFixture({ user: IDA })),
    'system.status': () => ok(statusFixture()),
    'upkeep.overview': () => ok(data()),
    ...more,
  });
}

describe('Drift page', () => {
  it('shows the database, the disk, the backups with their check and retention, in words', async () => {
    renderApp(itBridge(() => overview()), { path: '/drift' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Drift' })).toBeTruthy();
    expect((await screen.findByTestId('operations-db-size')).textContent).toBe('300 MB av grensen 500 MB (60 %)');
    expect(screen.getByTestId('operations-db-pages').textContent).toContain('1\u00a0200 ledige');
    expect(screen.getByTestId('operations-db-autovacuum').textContent).toBe('Trinnvis (i orden)');
    expect(screen.getByTestId('operations-db-documents').textContent).toContain('1,2 GB flyttet til filer');
    expect(screen.getByTestId('operations-last-maintenance').textContent).toContain('3100 sider gitt tilbake til disken');
    // free disk as text, and a meter that only repeats it
    const disk = screen.getByTestId('operations-disk-free');
    expect(disk.textContent).toContain('(20 % ledig)');
    expect(within(disk).getByRole('meter', { name: 'Brukt plass på disken' }).getAttribute('value')).toBe(String(80_000 * MB));
    expect(screen.getByTestId('operations-last-backup').textContent).toContain('kontrollert: i orden');
    const kept = screen.getByRole('table', { name: 'Kopier som beholdes' });
    expect(within(kept).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('operations-retention-policy').textContent).toBe('Flytt innholdet til filer etter 90 dager (kan fortsatt åpnes i saken)');
    expect(screen.getByTestId('operations-retention-last-run').textContent).toContain('274 saker, 822 dokumenter');
    expect(screen.queryByTestId('operations-warnings')).toBeNull();
  });

  it('warns in words when the database passes its limit, the disk is nearly full or a backup failed its check', async () => {
    const data = overview({
      warnings: [
        { kind: 'database-large', databaseBytes: 600 * MB, limitBytes: 500 * MB },
        { kind: 'disk-low', freeBytes: 5000 * MB, totalBytes: 100_000 * MB, limitPercent: 10 },
        { kind: 'backup-failed', at: NOW - HOUR, result: 'row 12 missing from index x' },
      ],
      backups: { ...overview().backups, last: { ...overview().backups.last!, check: { ok: false, result: 'row 12 missing from index x', schemaVersion: 130, at: NOW } } },
    });
    renderApp(itBridge(() => data), { path: '/drift' });
    const warnings = await screen.findByTestId('operations-warnings');
    expect(within(warnings).getByRole('heading', { name: 'Trenger oppfølging' })).toBeTruthy();
    expect(screen.getByTestId('operations-warning-database-large').textContent).toContain('Databasen er 600 MB, mer enn grensen på 500 MB');
    expect(screen.getByTestId('operations-warning-disk-low').textContent).toContain('Disken er nesten full');
    expect(screen.getByTestId('operations-warning-backup-failed').textContent).toContain('besto ikke kontrollen: row 12 missing from index x');
    expect(screen.getByTestId('operations-last-backup').textContent).toContain('kontrollert: FEIL');
  });

  it('queues retention, maintenance and a backup when IT asks', async () => {
    const bridge = itBridge(() => overview(), {
      'upkeep.runRetention': () => ok({ jobId: 41, created: true }),
      'upkeep.runMaintenance': () => ok({ jobId: 42, created: false }),
      'schedules.runNow': () => ok({ jobId: 43, created: true }),
    });
    renderApp(bridge, { path: '/drift' });
    fireEvent.click(await screen.findByRole('button', { name: 'Flytt innhold nå' }));
    await waitFor(() => expect(bridge.callsTo('upkeep.runRetention')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Kjør vedlikehold nå' }));
    expect(await screen.findByText('Ligger allerede i kø.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Ta sikkerhetskopi nå' }));
    await waitFor(() => expect(bridge.callsTo('schedules.runNow')).toEqual([{ name: 'store.backup' }]));
  });

  it('on PostgreSQL says backups are the database’s own tools’, and speaks nynorsk and English', async () => {
    const pg = overview({ database: { ...overview().database, kind: 'postgres', pageSize: null, pageCount: null, freePages: null, autoVacuum: null }, backups: { ...overview().backups, supported: false, kept: [] } });
    const { unmount } = renderApp(itBridge(() => pg), { path: '/drift', language: 'nn' });
    expect((await screen.findByTestId('operations-backups-unsupported')).textContent).toContain('pg_dump');
    expect(screen.queryByTestId('operations-db-pages')).toBeNull();
    unmount();
    renderApp(itBridge(() => overview()), { path: '/drift', language: 'en' });
    expect((await screen.findByTestId('operations-last-backup')).textContent).toContain('checked: OK');
  });
});
