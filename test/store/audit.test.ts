import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditRepo, openStore } from '../../electron/store';
import { tempDir } from '../helpers/temp-dir';

function storeWithEntries(n: number) {
  const store = openStore(path.join(tempDir(), 'audit.db'));
  const audit = createAuditRepo(store.db);
  for (let i = 1; i <= n; i++) audit.append({ actor: 'kari', action: 'case.claim', subject: `case:${i}`, details: { i } }, 1000 + i);
  return { store, audit };
}

/** Tampering as an attacker with the database file would: triggers dropped first. */
function tamper(db: import('better-sqlite3').Database, sql: string) {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
}

describe('audit chain', () => {
  it('chains each row to the previous hash and verifies an intact log', () => {
    const { audit } = storeWithEntries(5);
    const rows = audit.recent(5).reverse();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(audit.verify()).toEqual({ ok: true, checked: 5, problem: null });
  });

  it('finds a changed row', () => {
    const { store, audit } = storeWithEntries(5);
    tamper(store.db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
    expect(audit.verify()).toMatchObject({ ok: false, problem: { seq: 3, reason: expect.stringMatching(/endret/) } });
  });

  it('finds a changed row even when its hash was recomputed (the next link breaks)', async () => {
    const { store, audit } = storeWithEntries(5);
    const { auditHash } = await import('../../electron/store/repos/audit.repo');
    const row = store.db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
    const forged = auditHash({ ...(row as unknown as Parameters<typeof auditHash>[0]), actor: 'mallory' });
    tamper(store.db, `UPDATE audit_log SET actor = 'mallory', hash = '${forged}' WHERE seq = 2`);
    expect(audit.verify()).toMatchObject({ ok: false, problem: { seq: 3 } });
  });

  it('finds a removed row in the middle', () => {
    const { store, audit } = storeWithEntries(5);
    tamper(store.db, 'DELETE FROM audit_log WHERE seq = 2');
    expect(audit.verify()).toMatchObject({ ok: false, problem: { seq: 2, reason: expect.stringMatching(/mangler/) } });
  });

  it('finds removed newest rows through the separately kept head', () => {
    const { store, audit } = storeWithEntries(5);
    tamper(store.db, 'DELETE FROM audit_log WHERE seq >= 4');
    expect(audit.verify()).toMatchObject({ ok: false, problem: { reason: expect.stringMatching(/nyeste/) } });
  });

  it('refuses updates and deletes through SQL while the triggers stand', () => {
    const { store } = storeWithEntries(1);
    expect(() => store.db.exec("UPDATE audit_log SET actor = 'x'")).toThrow(/append-only/);
  });

  it('is rolled back with the transaction that wrote it', () => {
    const { store, audit } = storeWithEntries(2);
    expect(() =>
      store.transaction(() => {
        audit.append({ actor: 'kari', action: 'x' }, 5000);
        throw new Error('domain change failed');
      }),
    ).toThrow();
    expect(audit.count()).toBe(2);
    expect(audit.verify().ok).toBe(true);
  });
});
