import type Database from 'better-sqlite3';
import type { DuplicateCandidate, QuarantineAction, QuarantineResolution, QuarantineStore } from '../../core/ports/quarantine-store.port';

interface ActionRow {
  kind: QuarantineAction['kind'];
  at: number;
  actor: string;
  actor_account: string;
  text: string | null;
  related_id: number | null;
}

/** Quarantine's way out: the actions on a quarantined submission, how it ended, and a submission accepted into the desk. */
export function createQuarantineRepo(db: Database.Database): QuarantineStore {
  const insertAction = db.prepare('INSERT INTO quarantine_actions (submission_id, kind, at, actor, actor_account, text, related_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const actions = db.prepare<[number], ActionRow>('SELECT kind, at, actor, actor_account, text, related_id FROM quarantine_actions WHERE submission_id = ? ORDER BY at, id');
  const resolution = db.prepare<[number], { outcome: QuarantineResolution['outcome']; duplicate_of: number | null; reason: string | null; resolved_at: number; resolved_by: string }>(
    'SELECT outcome, duplicate_of, reason, resolved_at, resolved_by FROM quarantine_resolutions WHERE submission_id = ?',
  );
  const insertResolution = db.prepare('INSERT INTO quarantine_resolutions (submission_id, outcome, duplicate_of, reason, resolved_at, resolved_by) VALUES (?, ?, ?, ?, ?, ?)');
  const acceptSubmission = db.prepare(`
    UPDATE submissions SET status = 'received', quarantine_code = NULL, quarantine_reason = NULL, profile_id = @profileId, profile_version = @profileVersion,
      applicant_name = @applicantName, title = @title, title_public = @titlePublic, form_json = @formJson
    WHERE id = @id AND status = 'quarantined'`);
  const openCase = db.prepare("UPDATE cases SET status = 'new', deadline_at = ?, preliminary_reply_at = ?, updated_at = ? WHERE submission_id = ? AND status = 'quarantined'");
  const requarantine = db.prepare("UPDATE submissions SET quarantine_code = ?, quarantine_reason = ? WHERE id = ? AND status = 'quarantined'");
  const candidates = db.prepare<[string, number, number, number, string | null, string, number], DuplicateCandidate & { public_id: string; applicant_name: string | null; submitted_at: number; received_at: number }>(`
    SELECT id, public_id, status, applicant_name, title, submitted_at, received_at FROM submissions
    WHERE reportee_person_number = ? AND submitted_at BETWEEN ? AND ? AND id <> ?
      AND (profile_id = ? OR service_key = ?)
    ORDER BY abs(submitted_at - (SELECT submitted_at FROM submissions WHERE id = ?)), id
    LIMIT 20`);

  return {
    addAction(submissionId, a) {
      insertAction.run(submissionId, a.kind, a.at, a.actor, a.actorAccount, a.text, a.relatedId);
    },
    actions: (submissionId) =>
      actions.all(submissionId).map((r) => ({ kind: r.kind, at: r.at, actor: r.actor, actorAccount: r.actor_account, text: r.text, relatedId: r.related_id })),
    resolution(submissionId) {
      const r = resolution.get(submissionId);
      return r ? { outcome: r.outcome, duplicateOf: r.duplicate_of, reason: r.reason, resolvedAt: r.resolved_at, resolvedBy: r.resolved_by } : undefined;
    },
    resolve(submissionId, r) {
      insertResolution.run(submissionId, r.outcome, r.duplicateOf, r.reason, r.resolvedAt, r.resolvedBy);
    },
    accept(submissionId, f, c) {
      const changed = acceptSubmission.run({
        id: submissionId,
        profileId: f.profileId,
        profileVersion: f.profileVersion,
        applicantName: f.form.applicant.name || null,
        title: f.form.title,
        titlePublic: f.form.titlePublic,
        formJson: JSON.stringify(f.form),
      }).changes;
      if (changed === 0) throw new Error(`Innsending ${submissionId} er ikke i karantene`);
      openCase.run(c.deadlineAt, c.preliminaryReplyAt, c.at, submissionId);
    },
    requarantine(submissionId, q) {
      requarantine.run(q.code, q.reason, submissionId);
    },
    candidates: (q) =>
      candidates.all(q.personNumber, q.from, q.to, q.submissionId, q.profileId, q.serviceKey, q.submissionId).slice(0, q.limit).map((r) => ({
        id: r.id,
        publicId: r.public_id,
        status: r.status,
        applicantName: r.applicant_name,
        title: r.title,
        submittedAt: r.submitted_at,
        receivedAt: r.received_at,
      })),
  };
}
