import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessWarnings, accessConfigSchema } from '../../electron/app/config/config.schema';
import { createUserDirectory } from '../../electron/app/desk-users';
import { tempDir } from '../helpers/temp-dir';

/**
 * #13 item 8: the archive gets the deciding caseworker's name and unit, never the system name or the
 * OS account. With a user list: access.users.*.name and .unit; without one: access.defaultSaksbehandler
 * and access.defaultUnit; and `postmottak config check` says which.
 */

const access = (raw: unknown) => accessConfigSchema.parse(raw);

describe('#13 item 8: saksbehandler and unit for the archive', () => {
  it('a configured user carries the unit the archive records for what they decide', () => {
    const dir = createUserDirectory({ access: access({ users: { kari: { name: 'Kari Nordmann', roles: ['saksbehandler'], unit: 'OPPVEKST' } } }), demo: false, account: 'kari' });
    expect(dir.current()).toMatchObject({ name: 'Kari Nordmann', unit: 'OPPVEKST' });
  });

  it('without a user list the archive gets the configured default saksbehandler and unit, not the OS account', () => {
    const dir = createUserDirectory({ access: access({ defaultSaksbehandler: 'Servicetorget', defaultUnit: 'SERVICE' }), demo: false, account: 'root' });
    expect(dir.current()).toMatchObject({ account: 'root', name: 'Servicetorget', unit: 'SERVICE' });
  });

  it('the config check warns: no list and no default, the default in use, a caseworker without a unit', () => {
    expect(accessWarnings(access({}))).toEqual([expect.stringMatching(/access\.users er tom og access\.defaultSaksbehandler er ikke satt/)]);
    expect(accessWarnings(access({ defaultSaksbehandler: 'Servicetorget', defaultUnit: 'SERVICE' }))).toEqual([expect.stringMatching(/saksbehandler «Servicetorget».*enhet «SERVICE»/)]);
    expect(accessWarnings(access({ users: { kari: { name: 'Kari', roles: ['saksbehandler'] } } }))).toEqual([expect.stringMatching(/access\.users\.kari har ingen unit/)]);
    expect(accessWarnings(access({ users: { kari: { name: 'Kari', roles: ['saksbehandler'], unit: 'OPPVEKST' } } }))).toEqual([]);
  });

  it('`postmottak config check` prints the warning', () => {
    const file = path.join(tempDir(), 'pm.yaml');
    fs.writeFileSync(file, 'version: 1\n');
    const CLI = path.resolve(__dirname, '../../electron/headless/cli.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'config', 'check', file], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: '/nonexistent-pm-test' }, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Advarsel: access\.users er tom og access\.defaultSaksbehandler er ikke satt/);
  });
});
