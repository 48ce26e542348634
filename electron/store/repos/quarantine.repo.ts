import type { DuplicateCandidate, QuarantineAction, QuarantineResolution, QuarantineStore } from '../../core/ports/quarantine-store.port';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import type { SqlClient } from '../sql/sql-client';

interface ActionRow {
  kind: QuarantineAction['kind'];
  at: number;
  actor: string;
  actor_account: string;
  text: string | null;
  related_id: number | null;
}

interface CandidateRow {
  id: number;
  public_id: string;
  status: DuplicateCandidate['status'];
  applicant_name: string | null;
  title: string | null;
  submitted_at: number;
  received_at: number;
}

/** Quarantine's way out: the actions on a quarantined submission, how it ended, and a submission accepted into the desk. */
export function createQuarantineRepo(sql: SqlClient, uow: UnitOfWork): QuarantineStore {
  return {
    async addAction(submissionId, a) {
      await sql.run('INSERT INTO quarantine_actions (submission_id, kind, at, actor, actor_account, text, related_id) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        submissionId, a.kind, a.at, a.actor, a.actorAccount, a.text, a.relatedId,
      ]);
    },
    actions: async (submissionId) =>
      (await sql.all<ActionRow>('SELECT kind, at, actor, actor_account, text, related_id FROM quarantine_actions WHERE submission_id = ? ORDER BY at, id', [submissionId])).map(
        (r) => ({ kind: r.kind, at: r.at, actor: r.actor, actorAccount: r.actor_account, text: r.text, relatedId: r.related_id }),
      ),
    async resolution(submissionId) {
      const r = await sql.get<{ outcome: QuarantineResolution['outcome']; duplicate_of: number | null; reason: string | null; resolved_at: number; resolved_by: string }>(
        'SELECT outcome, duplicate_of, reason, resolved_at, resolved_by FROM quarantine_resolutions WHERE submission_id = ?',
        [submissionId],
      );
      return r ? { outcome: r.outcome, duplicateOf: r.duplicate_of, reason: r.reason, resolvedAt: r.resolved_at, resolvedBy: r.resolved_by } : undefined;
    },
    async resolve(submissionId, r) {
      await sql.run('INSERT INTO quarantine_resolutions (submission_id, outcome, duplicate_of, reason, resolved_at, resolved_by) VALUES (?, ?, ?, ?, ?, ?)', [
        submissionId, r.outcome, r.duplicateOf, r.reason, r.resolvedAt, r.resolvedBy,
      ]);
    },
    accept: (submissionId, f, c) =>
      // the submission and its case leave quarantine together
      uow.run(async () => {
        const { changes } = await sql.run(
          `UPDATE submissions SET status = 'received', quarantine_code = NULL, quarantine_reason = NULL, profile_id = @profileId, profile_version = @profileVersion,
             applicant_name = @applicantName, title = @title, title_public = @titlePublic, form_json = @formJson
           WHERE id = @id AND status = 'quarantined'`,
          {
            id: submissionId,
            profileId: f.profileId,
            profileVersion: f.profileVersion,
            applicantName: f.form.applicant.name || null,
            title: f.form.title,
            titlePublic: f.form.titlePublic,
            formJson: JSON.stringify(f.form),
          },
        );
        if (changes === 0) throw new Error(`Innsending ${submissionId} er ikke i karantene`);
        await sql.run(`UPDATE cases SET status = 'new', deadline_at = ?, preliminary_reply_at = ?, updated_at = ? WHERE submission_id = ? AND status = 'quarantined'`, [
          c.deadlineAt, c.preliminaryReplyAt, c.at, submissionId,
        ]);
      }),
    async requarantine(submissionId, q) {
      await sql.run(`UPDATE submissions SET quarantine_code = ?, quarantine_reason = ? WHERE id = ? AND status = 'quarantined'`, [q.code, q.reason, submissionId]);
    },
    candidates: async (q) =>
      (
        await sql.all<CandidateRow>(
          `SELECT id, public_id, status, applicant_name, title, submitted_at, received_at FROM submissions
           WHERE reportee_person_number = ? AND submitted_at BETWEEN ? AND ? AND id <> ?
             AND (profile_id = ? OR service_key = ?)
           ORDER BY abs(submitted_at - (SELECT submitted_at FROM submissions WHERE id = ?)), id
           LIMIT 20`,
          [q.personNumber, q.from, q.to, q.submissionId, q.profileId, q.serviceKey, q.submissionId],
        )
      )
        .slice(0, q.limit)
        .map((r) => ({
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
