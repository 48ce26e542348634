import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { protectionOf } from '../../electron/app/features/secrets.feature';
import type { HubResult } from '../../electron/ipc/result';
import { makePkcs12, type Pkcs12Fixture } from '../helpers/pkcs12-fixture';
import { testHub } from '../helpers/test-hub';

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

let p12: Pkcs12Fixture;
beforeAll(() => {
  p12 = makePkcs12({ daysValid: 20 });
});

async function itHub() {
  const { hub, dataDir } = await testHub(
    { demo: false, actor: 'ida', autoStart: false },
    {
      access: { users: { ida: { name: 'Ida IT-drift', roles: ['it-admin'] }, kari: { name: 'Kari', roles: ['saksbehandler'] } } },
    },
  );
  hubs.push(hub);
  const call = async <T>(channel: string, input: unknown) => (await hub.invoke(channel, input)) as HubResult<T>;
  return { hub, dataDir, call };
}

describe('Nøkler og sertifikater through the hub (#17 item 2)', () => {
  it('imports a PKCS#12 for it-admin only, lists its public facts, audits without the key or passphrase, and keeps both out of the database and the log', async () => {
    const { hub, dataDir, call } = await itHub();
    const input = { name: 'virksomhet', fileName: 'virksomhet.p12', base64: p12.p12.toString('base64'), passphrase: p12.passphrase };

    const wrong = await call('secrets.import', { ...input, passphrase: 'feil' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Passordet passer ikke til «virksomhet.p12»') } });

    const r = await call<{ rotation: boolean; warnings: string[] }>('secrets.import', input);
    expect(r).toMatchObject({ ok: true, value: { name: 'virksomhet', kind: 'pkcs12', rotation: false, warnings: ['Sertifikatet utløper om 20 dager. Bestill et nytt i god tid.'] } });
    const list = await call<{ store: unknown; rows: unknown[] }>('secrets.list', {});
    expect(list).toMatchObject({ ok: true, value: { store: { protection: 'plain', writable: true }, warningDays: 30 } });
    expect(list.ok && list.value.rows).toEqual([expect.objectContaining({ name: 'virksomhet', kind: 'pkcs12', fingerprint: p12.fingerprint, expiry: 'warning', importedBy: 'ida', refs: [] })]);
    // the value is write-only: no channel answers with it
    expect(JSON.stringify(list)).not.toContain('PRIVATE KEY');

    const audit = (await hub.audit.recent(10)).filter((e) => e.action.startsWith('secrets.'));
    expect(audit).toEqual([expect.objectContaining({ actor: 'ida', action: 'secrets.imported', subject: 'secret:virksomhet' })]);
    expect(audit[0]!.details).toMatchObject({ kind: 'pkcs12', fingerprint: p12.fingerprint, hasKey: true });

    const keyBody = p12.keyPem.split('\n').slice(1, -2).join('');
    await hub.stop();
    hubs = [];
    for (const f of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
      const file = path.join(dataDir, f);
      if (!fs.statSync(file).isFile() || f.startsWith('secrets')) continue;
      const bytes = fs.readFileSync(file);
      for (const needle of [keyBody.slice(0, 64), p12.keyDer.subarray(0, 64), p12.passphrase, p12.p12.toString('base64').slice(0, 64)]) {
        expect(bytes.includes(needle), `${f} holds secret bytes`).toBe(false);
      }
    }
  });

  it('refuses every secrets channel to a caseworker', async () => {
    const { hub } = await testHub(
      { demo: false, actor: 'kari', autoStart: false },
      { access: { users: { kari: { name: 'Kari', roles: ['saksbehandler'] } } } },
    );
    hubs.push(hub);
    for (const [channel, input] of [
      ['secrets.list', {}],
      ['secrets.import', { name: 'x', fileName: 'x.p12', base64: 'AAAA' }],
      ['secrets.set', { name: 'x', value: 'y' }],
      ['secrets.confirmRotation', { name: 'x' }],
      ['secrets.rollback', { name: 'x' }],
      ['secrets.delete', { name: 'x' }],
    ] as const) {
      expect(await hub.invoke(channel, input), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await hub.secrets.names()).toEqual([]);
  });

  it('sets a password write-only, deletes it, and says when a name is unknown', async () => {
    const { hub, call } = await itHub();
    expect(await call('secrets.set', { name: 'smtp.password', value: 'hemmelig-smtp' })).toEqual({ ok: true, value: { name: 'smtp.password', rotation: false, applied: false } });
    expect(await hub.secrets.get('smtp.password')).toBe('hemmelig-smtp');
    expect(await call('secrets.set', { name: 'ugyldig navn', value: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await call('secrets.delete', { name: 'smtp.password' })).toEqual({ ok: true, value: { name: 'smtp.password' } });
    expect(await call('secrets.delete', { name: 'smtp.password' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const trail = JSON.stringify(await hub.audit.recent(10));
    expect(trail).toContain('secrets.set');
    expect(trail).toContain('secrets.deleted');
    expect(trail).not.toContain('hemmelig-smtp');
  });

  it('a new value the configuration uses is put in force through the host’s reload, and the referenced name cannot be deleted', async () => {
    const reloads: unknown[] = [];
    const { hub } = await testHub(
      { demo: false, actor: 'ida', autoStart: false, reload: async (c) => void reloads.push(c) },
      {
        access: { users: { ida: { name: 'Ida IT-drift', roles: ['it-admin'] } } },
        alerts: { mail: { host: '127.0.0.1', security: 'none', username: 'postmottak', password: { secret: 'smtp.password' }, from: 'postmottak@kommune.no' } },
      },
    );
    hubs.push(hub);
    expect(await hub.invoke('secrets.set', { name: 'smtp.password', value: 'første' })).toEqual({ ok: true, value: { name: 'smtp.password', rotation: false, applied: true } });
    expect(await hub.invoke('secrets.set', { name: 'ubrukt', value: 'x' })).toEqual({ ok: true, value: { name: 'ubrukt', rotation: false, applied: false } });
    expect(reloads).toHaveLength(1);
    const list = await hub.invoke('secrets.list', {});
    expect(list.ok && (list.value as { rows: unknown[] }).rows).toContainEqual(expect.objectContaining({ name: 'smtp.password', kind: 'secret', refs: ['alerts.mail.password'] }));
    expect(await hub.invoke('secrets.delete', { name: 'smtp.password' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: '«smtp.password» kan ikke slettes fordi konfigurasjonen bruker den (alerts.mail.password). Endre eller fjern referansen på Integrasjoner-siden først.' },
    });
  });

  it('names how the store keeps secrets at rest', () => {
    expect(protectionOf('env+file')).toEqual({ kind: 'env+file', protection: 'plain', writable: true });
    expect(protectionOf('env+encrypted-file').protection).toBe('encrypted');
    expect(protectionOf('env+safe-storage').protection).toBe('keychain');
    expect(protectionOf('memory+memory+env+file').protection).toBe('plain');
    expect(protectionOf('env')).toEqual({ kind: 'env', protection: 'environment', writable: false });
  });
});
