import { expect } from 'vitest';
import { IntegrationError } from '../../electron/core/errors';

/** The IntegrationError a call must fail with (the test fails if it succeeds or throws anything else). */
export async function failure(p: Promise<unknown>): Promise<IntegrationError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IntegrationError);
    return e as IntegrationError;
  }
  throw new Error('expected the call to fail');
}
