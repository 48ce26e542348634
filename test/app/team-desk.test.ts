import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { createFileSecretStore } from '../../electron/app/secrets/file-secret-store';
import type { CaseWork, HubResult } from '../../electron/ipc';
import { pdfBytes } from '../helpers/archive-fixture';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { testHub } from '../helpers/test-hub';
import { tempDir } from '../helpers/temp-dir';
import { pgStoreConfig } from '../helpers/test-store';

// #19: caseworkers on different hub nodes of one PostgreSQL store act on the same case at the same
// moment. Each action checks what it may do on the case as it is inside its own transaction, with the
// case locked: the later one is a conflict, never a second approval or a decision overwritten unseen.

const access = {
  users: {
    hanne: { name: 'Hanne Helse', roles: ['saksbehandler'], groups: ['helse-tildeling'] },
    leif: { name: 'Leif Leder', roles: ['saksbehandler', 'leder'], groups: ['helse-tildeling'] },
    lise: { name: 'Lise Leder', roles: ['saksbehandler', 'leder'], groups: ['helse-tildeling'] },
  },
};

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

/** Three nodes on one store, each with its own desk user. */
async function team() {
  const secrets = createFileSecretStore(path.join(tempDir('pm-team-desk-'), 'secrets.json'));
  const store = await pgStoreConfig(secrets);
  const node = async (actor: string) => {
    const { hub } = await testHub({ autoStart: false, actor, secrets }, { store, access });
    hubs.push(hub);
    const call = async <T>(channel: string, input: unknown) => (await hub.invoke(channel, input)) as HubResult<T>;
    const ok = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await call<T>(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value;
    };
    return { hub, call, ok };
  };
  const [hanne, leif, lise] = [await node('hanne'), await node('leif'), await node('lise')];
  const helse = await hanne.hub.store.uow.run(async () => {
    const s = receivedApplication({
      profileId: 'helse-omsorg',
      fnr: '12048512345',
      name: 'Hans Helsesen',
      title: 'Søknad om helse- og omsorgstjenester – Hans Helsesen',
      parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes('helse', 1500))],
    });
    const { id, publicId } = await hanne.hub.submissions.insert(s, { source: 'altinn3', sourceId: 'a-1', serviceKey: s.serviceKey, fetchedAt: s.receivedAt });
    await hanne.hub.desk.service.open({ id, quarantined: false, receivedAt: s.receivedAt, profileId: s.profileId });
    await hanne.hub.archive.service.registerIncoming(id);
    return publicId;
  });
  return { hanne, leif, lise, helse };
}

describe('one case, caseworkers on several hub nodes at once (#19)', () => {
  it('two leaders approving at the same moment: one approval, one reply registered, the other told of the conflict', { timeout: 60_000 }, async () => {
    const t = await team();
    await t.hanne.ok('cases.claim', { publicId: t.helse });
    await t.hanne.ok('cases.decide', { publicId: t.helse, outcome: 'innvilget', grounds: 'Vilkårene er oppfylt.' });
    expect(await t.hanne.ok<CaseWork>('cases.approve', { publicId: t.helse })).toMatchObject({ status: 'awaiting-approval' });

    const both = await Promise.all([t.leif.call<CaseWork>('cases.approve', { publicId: t.helse }), t.lise.call<CaseWork>('cases.approve', { publicId: t.helse })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const w = await t.hanne.ok<CaseWork>('cases.work', { publicId: t.helse });
    expect(w.status).toBe('approved');
    expect(w.approvals.map((a) => a.role)).toEqual(['saksbehandler', 'leder']);
    const sub = (await t.hanne.hub.submissions.get(t.helse))!;
    expect((await t.hanne.hub.archive.store.entriesOfSubmission(sub.id)).filter((e) => e.journalposttype === 'U')).toHaveLength(1);
  });

  it('a claim and the holder’s decision crossing: one goes through, the other is a conflict', { timeout: 60_000 }, async () => {
    const t = await team();
    await t.leif.ok('cases.claim', { publicId: t.helse });
    const [claim, decide] = await Promise.all([
      t.lise.call<CaseWork>('cases.claim', { publicId: t.helse }),
      t.leif.call<CaseWork>('cases.decide', { publicId: t.helse, outcome: 'innvilget', grounds: 'Vilkårene er oppfylt.' }),
    ]);
    const w = await t.hanne.ok<CaseWork>('cases.work', { publicId: t.helse });
    // one after the other, only one of them can go through: a decided case is not claimed, and only the holder decides
    if (decide.ok && claim.ok) expect.fail(`both went through, the decision now lies with another: ${JSON.stringify({ status: w.status, assignee: w.assignee })}`);
    if (decide.ok) {
      expect(claim).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(w).toMatchObject({ status: 'decided', assignee: { account: 'leif' } });
    } else {
      expect(decide).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(w).toMatchObject({ status: 'in-progress', assignee: { account: 'lise' } });
      expect(w.decision).toBeNull();
    }
  });
});
