/**
 * The checks every SCIM write of a user or group makes in its transaction: the resource exists,
 * its version matches the client's If-Match, and a uniqueness clash becomes a 409 that says how
 * to link to the existing resource instead.
 */
import { ScimError } from '../scim/errors.js';
import { StoreConflictError } from '../store/store.js';
import { etagMatches } from './scim-representation.js';

export interface GuardedResource {
  version: number;
}

/** The record, or a 404; then a 412 when If-Match names another version. */
export function requireCurrent<T extends GuardedResource>(
  record: T | undefined,
  kind: 'user' | 'group',
  id: string,
  ifMatch: string | undefined,
  notFound: (id: string) => ScimError,
): T {
  if (!record) throw notFound(id);
  if (ifMatch !== undefined && !etagMatches(ifMatch, record.version)) {
    throw ScimError.preconditionFailed(
      `The ${kind} ${id} changed since it was read (If-Match ${ifMatch}, current version W/"${record.version}"). Read it again and retry the change.`,
    );
  }
  return record;
}

/** Run a store write; a missing row becomes `notFound`, a uniqueness clash `conflict`. */
export async function guardedWrite<T>(
  write: () => Promise<T | undefined>,
  constraint: StoreConflictError['constraint'],
  notFound: () => ScimError,
  conflict: () => ScimError | Promise<ScimError>,
): Promise<T> {
  let record: T | undefined;
  try {
    record = await write();
  } catch (error) {
    if (error instanceof StoreConflictError && error.constraint === constraint) throw await conflict();
    throw error;
  }
  if (record === undefined) throw notFound();
  return record;
}
