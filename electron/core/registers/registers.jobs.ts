import { z } from 'zod';

/** Durable job type of the register lookups (stored in users' databases, so never renamed without a migration). */
export const ENRICH_JOB = 'registers.enrich';
export const enrichJobKey = (submissionId: number): string => `${ENRICH_JOB}:${submissionId}`;
/** At most this many people are looked up for one application. */
export const ENRICH_MAX_PERSONS = 20;

/**
 * The submission's id, never the people (#12 item 11): the job reads the persons from the stored
 * submission when it runs (`applicationPersons`), so the jobs table holds no fødselsnummer.
 */
export const enrichPayload = z.object({ submissionId: z.number().int() }).strict();
