/**
 * What a write changed, for the activity log: attribute names only, never values, so that the log
 * can be shown to any admin without leaking personal data or secrets.
 */
import { isDeepStrictEqual } from 'node:util';
import type { JsonObject } from '../scim/json.js';

/** Top-level attributes (and extension URNs) whose values differ between two documents. */
export function changedKeys(before: JsonObject, after: JsonObject): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !isDeepStrictEqual(before[key], after[key])).sort();
}
