import type { DesignRef, DesignStore, StoredDesign } from '../../core/ports/design-store.port';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import type { SqlClient } from '../sql/sql-client';

interface Row {
  kind: StoredDesign['kind'];
  profile_id: string;
  target: string;
  version: number;
  status: StoredDesign['status'];
  body: string;
  changed_by: string;
  changed_at: number;
  note: string | null;
}

const COLUMNS = 'kind, profile_id, target, version, status, body, changed_by, changed_at, note';
const REF = 'kind = @kind AND profile_id = @profileId AND target = @target';

const toDesign = (r: Row): StoredDesign => ({
  kind: r.kind,
  profileId: r.profile_id,
  target: r.target,
  version: r.version,
  status: r.status,
  body: r.body,
  changedBy: r.changed_by,
  changedAt: r.changed_at,
  note: r.note,
});


/** The versioned designs IT staff edit (#15): mappings per profile and target, a profile's rules. */
export function createDesignsRepo(sql: SqlClient, uow: UnitOfWork): DesignStore {
  const ref = (r: DesignRef) => ({ kind: r.kind, profileId: r.profileId, target: r.target });
  const one = async (r: DesignRef, where: string, extra: Record<string, string | number> = {}) => {
    const row = await sql.get<Row>(`SELECT ${COLUMNS} FROM designs WHERE ${REF} AND ${where}`, { ...ref(r), ...extra });
    return row ? toDesign(row) : undefined;
  };
  const nextVersion = async (r: DesignRef) => ((await sql.get<{ v: number | null }>(`SELECT max(version) AS v FROM designs WHERE ${REF}`, ref(r)))?.v ?? 0) + 1;
  const insert = (r: DesignRef, version: number, status: StoredDesign['status'], body: string, by: string, now: number, note: string | null) =>
    sql.run(`INSERT INTO designs (${COLUMNS}) VALUES (@kind, @profileId, @target, @version, @status, @body, @by, @now, @note)`, { ...ref(r), version, status, body, by, now, note });

  return {
    versions: async (r) => (await sql.all<Row>(`SELECT ${COLUMNS} FROM designs WHERE ${REF} ORDER BY version DESC`, ref(r))).map(toDesign),
    active: (r) => one(r, "status = 'active'"),
    draft: (r) => one(r, "status = 'draft'"),
    saveDraft: (r, body, by, note, now) =>
      uow.run(async () => {
        const draft = await one(r, "status = 'draft'");
        if (draft) {
          await sql.run(`UPDATE designs SET body = @body, changed_by = @by, changed_at = @now, note = @note WHERE ${REF} AND version = @version`, {
            ...ref(r), body, by, now, note, version: draft.version,
          });
          return { ...draft, body, changedBy: by, changedAt: now, note };
        }
        const version = await nextVersion(r);
        await insert(r, version, 'draft', body, by, now, note);
        return (await one(r, 'version = @version', { version }))!;
      }),
    activate: (r, version, by, now) =>
      uow.run(async () => {
        const chosen = await one(r, 'version = @version', { version });
        if (!chosen) throw new Error(`Versjon ${version} finnes ikke.`);
        if (chosen.status === 'active') return chosen;
        // the active one steps down first: one active version per design (a partial unique index)
        await sql.run(`UPDATE designs SET status = 'retired' WHERE ${REF} AND status = 'active'`, ref(r));
        if (chosen.status === 'draft') {
          await sql.run(`UPDATE designs SET status = 'active', changed_by = @by, changed_at = @now WHERE ${REF} AND version = @version`, { ...ref(r), by, now, version });
          return (await one(r, 'version = @version', { version }))!;
        }
        // a retired version comes back as a new one, so the history reads forward
        const next = await nextVersion(r);
        await insert(r, next, 'active', chosen.body, by, now, `Tilbake til versjon ${version}`);
        return (await one(r, 'version = @version', { version: next }))!;
      }),
    async seed(r, body, by, now) {
      const { changes } = await sql.run(
        `INSERT INTO designs (${COLUMNS}) SELECT @kind, @profileId, @target, 1, 'active', @body, @by, @now, NULL
         WHERE NOT EXISTS (SELECT 1 FROM designs WHERE ${REF}) ON CONFLICT DO NOTHING`,
        { ...ref(r), body, by, now },
      );
      return changes > 0;
    },
  };
}
