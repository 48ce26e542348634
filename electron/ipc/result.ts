import { z } from 'zod';

/** Errors cross the contract as data. Codes are stable; messages are for people. */
export const appErrorSchema = z.object({ code: z.string(), message: z.string() });
export type AppError = z.infer<typeof appErrorSchema>;

export type HubResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ERROR_CODES = {
  badInput: 'bad-input',
  unknownChannel: 'unknown-channel',
  notFound: 'not-found',
  conflict: 'conflict',
  internal: 'internal',
  forbidden: 'forbidden',
} as const;
