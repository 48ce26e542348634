import type { Migration } from './migration';

/**
 * #15: hand-overs of applications to the municipality's internal systems (one row per
 * application and target, its idempotency key the target's), the versioned designs IT staff
 * edit (a mapping per profile and target, a profile's rules: one draft and one active at a
 * time), and decisions made automatically by a profile's rules (shown and audited as such).
 */
export const m0090Routing: Migration = {
  version: 90,
  name: 'routing',
  up(db) {
    db.exec(`
      CREATE TABLE handovers (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        target TEXT NOT NULL,
        -- random per installation, never personal data: the target dedups by it
        handover_key TEXT NOT NULL UNIQUE,
        mode TEXT NOT NULL CHECK (mode IN ('automatic', 'manual')),
        status TEXT NOT NULL CHECK (status IN ('waiting', 'pending', 'awaiting-receipt', 'delivered', 'failed', 'manual', 'done')),
        after TEXT NOT NULL CHECK (after IN ('archived', 'decided')),
        reference TEXT,
        receipt_token TEXT,
        mapping_version INTEGER,
        -- the target's own message when it refused
        last_error TEXT,
        done_by TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        delivered_at INTEGER,
        UNIQUE (submission_id, target)
      ) STRICT;
      CREATE INDEX handovers_status ON handovers (status, id);
      CREATE TABLE designs (
        kind TEXT NOT NULL CHECK (kind IN ('mapping', 'rules')),
        profile_id TEXT NOT NULL,
        -- the mapping's target; '' for rules
        target TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
        body TEXT NOT NULL,
        changed_by TEXT NOT NULL,
        changed_at INTEGER NOT NULL,
        note TEXT,
        PRIMARY KEY (kind, profile_id, target, version),
        CHECK ((kind = 'rules') = (target = ''))
      ) STRICT;
      CREATE UNIQUE INDEX designs_one_active ON designs (kind, profile_id, target) WHERE status = 'active';
      CREATE UNIQUE INDEX designs_one_draft ON designs (kind, profile_id, target) WHERE status = 'draft';

      ALTER TABLE case_decisions ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1));
      -- the legal basis the rules stated when they decided: what the case shows later, whatever the rules say by then
      ALTER TABLE case_decisions ADD COLUMN legal_basis TEXT;
    `);
  },
};
