import type { Migration } from './migration';

/** The kinds of problem an alert watches (core/operations/alerts.types.ts) and the states of each phase's e-mail. */
export const ALERT_KINDS = "('integration', 'job-dead', 'certificate', 'disk')";
export const MAIL_STATES = "('none', 'pending', 'sent', 'failed')";

/**
 * #17 item 4, alerts: one row per incident (a problem from when it was seen until it cleared).
 * At most one open incident per key (`integration:archive`, `job-dead:archive.deliver`,
 * `certificate:NAME`, `disk`), kept by a partial unique index, so two evaluations running at
 * once cannot open the same problem twice. The texts are stored redacted; the e-mail state of
 * each phase (the alert when it opened, the recovery when it cleared) is kept beside it.
 */
export const m0120Alerts: Migration = {
  version: 120,
  name: 'alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alert_incidents (
        id INTEGER PRIMARY KEY,
        incident_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ${ALERT_KINDS}),
        title TEXT NOT NULL,
        message TEXT NOT NULL,
        advice TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        -- the condition has been gone since then; the incident clears when it stays gone (hysteresis)
        clear_pending_since INTEGER,
        cleared_at INTEGER,
        acknowledged_at INTEGER,
        acknowledged_by TEXT,
        open_mail TEXT NOT NULL CHECK (open_mail IN ${MAIL_STATES}),
        open_mail_at INTEGER,
        -- NULL while the incident is open
        clear_mail TEXT CHECK (clear_mail IN ${MAIL_STATES}),
        clear_mail_at INTEGER,
        mail_error TEXT,
        CHECK (last_seen_at >= opened_at),
        CHECK (cleared_at IS NULL OR cleared_at >= opened_at),
        CHECK ((cleared_at IS NULL) = (clear_mail IS NULL)),
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      ) STRICT;

      CREATE UNIQUE INDEX alert_incidents_open_key ON alert_incidents (incident_key) WHERE cleared_at IS NULL;
      CREATE INDEX alert_incidents_cleared ON alert_incidents (cleared_at) WHERE cleared_at IS NOT NULL;
    `);
  },
};
