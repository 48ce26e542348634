import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEDULE_NAMES_NB } from '../../electron/app/admin/schedule-text';
import { tempDir } from '../helpers/temp-dir';

const CLI = path.resolve(__dirname, '../../electron/headless/cli.ts');
const env = { ...process.env, XDG_CONFIG_HOME: '/nonexistent-pm-test', DISPLAY: '', WAYLAND_DISPLAY: '' };
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env, timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('postmottak schedules (#14)', () => {
  it('lists every schedule of the demo, integrations included, with its Norwegian name and next run', () => {
    const r = cli(['--demo', '--data', tempDir(), 'schedules']);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('Tidsplaner (Europe/Oslo):');
    // the nine the hub defines with the demo's integrations connected, each in words with a date and time for the next run
    for (const [name, label] of Object.entries(SCHEDULE_NAMES_NB)) {
      const line = lines.find((l) => l.includes(`[${name},`));
      expect(line, name).toMatch(new RegExp(`^  ${label.replace(/[/.]/g, '\\$&')}: neste kjøring \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}, sist `));
    }
    expect(lines).toHaveLength(1 + Object.keys(SCHEDULE_NAMES_NB).length);
  });

  it('gives the schedules as JSON with their labels', () => {
    const r = cli(['--data', tempDir(), 'schedules', '--json']);
    expect(r.code, r.err).toBe(0);
    const list = JSON.parse(r.out) as { name: string; label: string; nextRunAt: number | null }[];
    expect(list.find((s) => s.name === 'store.backup')).toMatchObject({ label: 'Sikkerhetskopi', nextRunAt: expect.any(Number) });
    expect(list.every((s) => s.label !== s.name)).toBe(true);
  });
});
