import type { Migration } from './migration';

/** Eleven digits standing alone: a fødselsnummer or D-nummer as the old rows held them. */
const ELEVEN_DIGITS = /(?<!\d)(\d{6})\d{5}(?!\d)/g;

/**
 * #12 item 11: the jobs table no longer holds fødselsnummer. `registers.enrich` carried the
 * people it looks up (`personNumbers`); it now carries the submission's id and reads the people
 * from the stored submission when it runs. Existing rows are rewritten to that shape, and an
 * eleven-digit number left in a job's last error is masked as the UI shows it (birth date and
 * five stars). Runs in migrate()'s transaction with the rest.
 */
export const m0060JobsWithoutPersonNumbers: Migration = {
  version: 60,
  name: 'jobs-without-person-numbers',
  up(db) {
    const enrich = db.prepare<[], { id: number; payload: string }>("SELECT id, payload FROM jobs WHERE type = 'registers.enrich'").all();
    const setPayload = db.prepare<[string, number]>('UPDATE jobs SET payload = ? WHERE id = ?');
    const drop = db.prepare<[number]>('DELETE FROM jobs WHERE id = ?');
    for (const row of enrich) {
      let submissionId: unknown;
      try {
        submissionId = (JSON.parse(row.payload) as { submissionId?: unknown }).submissionId;
      } catch {
        submissionId = undefined;
      }
      // a row without a usable id cannot run anyway: it goes, with whatever it held
      if (typeof submissionId === 'number' && Number.isInteger(submissionId)) setPayload.run(JSON.stringify({ submissionId }), row.id);
      else drop.run(row.id);
    }
    const errors = db.prepare<[], { id: number; last_error: string }>("SELECT id, last_error FROM jobs WHERE last_error GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'").all();
    const setError = db.prepare<[string, number]>('UPDATE jobs SET last_error = ? WHERE id = ?');
    for (const row of errors) setError.run(row.last_error.replace(ELEVEN_DIGITS, '$1*****'), row.id);
  },
};
