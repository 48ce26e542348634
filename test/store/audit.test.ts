import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash } from '../../electron/store/repos/audit.repo';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

describe.each(storeKinds())('audit chain (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  async function withEntries(n: number) {
    const { audit } = t.repos;
    for (let i = 1; i <= n; i++) await audit.append({ actor: 'kari', action: 'case.claim', subject: `case:${i}`, details: { i } }, 1000 + i);
    return audit;
  }

  /** Tampering as an attacker with the database would: the append-only triggers dropped first. */
  async function tamper(statement: string) {
    const { sql } = t.store;
    if (t.store.kind === 'postgres') {
      await sql.run('DROP TRIGGER audit_log_no_update ON audit_log');
    } else {
      await sql.run('DROP TRIGGER audit_log_no_update');
      await sql.run('DROP TRIGGER audit_log_no_delete');
    }
    await sql.run(statement);
  }

  it('chains each row to the previous hash and verifies an intact log', async () => {
    const audit = await withEntries(5);
    const rows = (await audit.recent(5)).reverse();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await audit.verify()).toEqual({ ok: true, checked: 5, problem: null });
  });

  it('finds a changed row', async () => {
    const audit = await withEntries(5);
    await tamper("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
    expect(await audit.verify()).toMatchObject({ ok: false, problem: { seq: 3, reason: expect.stringMatching(/endret/) } });
  });

  it('finds a changed row even when its hash was recomputed (the next link breaks)', async () => {
    const audit = await withEntries(5);
    const row = (await t.store.sql.get<Parameters<typeof auditHash>[0] & { hash: string }>('SELECT * FROM audit_log WHERE seq = 2'))!;
    const forged = auditHash({ ...row, seq: Number(row.seq), at: Number(row.at), actor: 'mallory' });
    await tamper(`UPDATE audit_log SET actor = 'mallory', hash = '${forged}' WHERE seq = 2`);
    expect(await audit.verify()).toMatchObject({ ok: false, problem: { seq: 3 } });
  });

  it('finds a removed row in the middle', async () => {
    const audit = await withEntries(5);
    await tamper('DELETE FROM audit_log WHERE seq = 2');
    expect(await audit.verify()).toMatchObject({ ok: false, problem: { seq: 2, reason: expect.stringMatching(/mangler/) } });
  });

  it('finds removed newest rows through the separately kept head', async () => {
    const audit = await withEntries(5);
    await tamper('DELETE FROM audit_log WHERE seq >= 4');
    expect(await audit.verify()).toMatchObject({ ok: false, problem: { reason: expect.stringMatching(/nyeste/) } });
  });

  it('refuses updates and deletes through SQL while the triggers stand', async () => {
    await withEntries(1);
    await expect(t.store.sql.run("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.store.sql.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('is rolled back with the transaction that wrote it', async () => {
    const audit = await withEntries(2);
    await expect(
      t.store.uow.run(async () => {
        await audit.append({ actor: 'kari', action: 'x' }, 5000);
        throw new Error('domain change failed');
      }),
    ).rejects.toThrow();
    expect(await audit.count()).toBe(2);
    expect((await audit.verify()).ok).toBe(true);
  });
});
