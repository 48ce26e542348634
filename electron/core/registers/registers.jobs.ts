import { z } from 'zod';
import { PERSON_NUMBER } from '../fodselsnummer';

/** Durable job type of the register lookups (stored in users' databases, so never renamed without a migration). */
export const ENRICH_JOB = 'registers.enrich';
export const enrichJobKey = (submissionId: number): string => `${ENRICH_JOB}:${submissionId}`;
/** At most this many people are looked up for one application. */
export const ENRICH_MAX_PERSONS = 20;

export const enrichPayload = z.object({ submissionId: z.number().int(), personNumbers: z.array(z.string().regex(PERSON_NUMBER)).max(ENRICH_MAX_PERSONS) });
