/**
 * Catching and checking the ScimError a unit under test throws. Anything else it throws is
 * re-thrown, so that an unexpected error fails the test as itself.
 */
import { expect } from 'vitest';
import { isScimError, type ScimError } from '../errors.js';

/** The ScimError `run` throws, or `undefined` when it returns. */
export function thrownScimError(run: () => unknown): ScimError | undefined {
  try {
    run();
  } catch (error) {
    if (isScimError(error)) return error;
    throw error;
  }
  return undefined;
}

/** The ScimError `run` throws; fails with `message` when it returns. */
export function catchScimError(run: () => unknown, message = 'expected a ScimError'): ScimError {
  const error = thrownScimError(run);
  if (error === undefined) throw new Error(message);
  return error;
}

export interface ExpectedScimError {
  status?: number;
  scimType?: string;
  /** A pattern, or text the detail must contain. */
  detail?: RegExp | string;
}

/** Assert each field of a ScimError that `expected` names (even when named with `undefined`); returns the error. */
export function expectScimError(error: ScimError, expected: ExpectedScimError): ScimError {
  if ('status' in expected) expect(error.status).toBe(expected.status);
  if ('scimType' in expected) expect(error.scimType).toBe(expected.scimType);
  if ('detail' in expected) expect(error.detail).toMatch(expected.detail as RegExp | string);
  return error;
}
