/**
 * The PATCH fixture table: every row of `fixtures/` runs through the client-quirk layer, the
 * PatchOp parser and the engine, exactly as `PATCH /Users/{id}` or `PATCH /Groups/{id}` would,
 * and must give the row's `after` document (and membership steps) or its error.
 */
import { describe, expect, it } from 'vitest';
import { normalizePatchBody } from '../../compat/client-quirks.js';
import { catchScimError } from '../../../test/support/scim-error-assertions.js';
import type { ScimError } from '../errors.js';
import { matchesElement } from '../filter/filter-evaluator.js';
import { normalizeResourceInput } from '../resources/resource-input.js';
import { ALL_PATCH_FIXTURES } from './fixtures/all-fixtures.js';
import { fixtureRegistry } from './fixtures/fixture-documents.js';
import {
  FIXTURE_GROUP_ID,
  FIXTURE_USER_ID,
  isErrorFixture,
  type ExpectedStep,
  type PatchFixture,
} from './fixtures/fixture-types.js';
import { parsePatchOp } from '../messages/patch-op.js';
import { applyPatch, type MembershipStep, type PatchResult } from './resource-patch.js';
import type { JsonObject, JsonValue } from '../json.js';
import { PATCH_OP_SCHEMA } from '../messages/patch-op.js';

const registry = fixtureRegistry();

function run(row: PatchFixture): PatchResult {
  const body: unknown =
    row.body !== undefined ? row.body : { schemas: [PATCH_OP_SCHEMA], Operations: row.operations ?? [] };
  const operations = parsePatchOp(normalizePatchBody(body, row.resourceType, registry));
  return applyPatch({
    document: row.before,
    resourceType: row.resourceType,
    resourceId: row.resourceType === 'User' ? FIXTURE_USER_ID : FIXTURE_GROUP_ID,
    registry,
    operations,
  });
}

function checkStep(actual: MembershipStep | undefined, expected: ExpectedStep): void {
  expect(actual?.kind).toBe(expected.kind);
  if (actual?.kind !== 'removeWhere' || expected.kind !== 'removeWhere') {
    expect(actual).toEqual(expected);
    return;
  }
  for (const member of expected.matches) expect(matchesElement(actual.filter, member)).toBe(true);
  for (const member of expected.spares) expect(matchesElement(actual.filter, member)).toBe(false);
}

function captureError(row: PatchFixture): ScimError {
  return catchScimError(() => run(row), `"${row.name}" was expected to fail but succeeded`);
}

describe('PATCH fixture table', () => {
  it('has several hundred rows with unique names', () => {
    const names = ALL_PATCH_FIXTURES.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(300);
  });

  it.each(ALL_PATCH_FIXTURES.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const before: JsonValue = structuredClone(row.before);
    if (isErrorFixture(row)) {
      const error = captureError(row);
      expect({ status: error.status, scimType: error.scimType }).toEqual({
        status: row.error.status,
        scimType: row.error.scimType,
      });
      for (const fragment of row.error.detailIncludes) expect(error.detail).toContain(fragment);
    } else {
      const result = run(row);
      expect(result.document).toEqual(row.after);
      const expectedSteps = row.membership ?? [];
      expect(result.membership).toHaveLength(expectedSteps.length);
      expectedSteps.forEach((step, index) => checkStep(result.membership[index], step));
      if (row.changed !== undefined) expect(result.changedAttributes).toEqual(row.changed);
      // What the engine returns must be storable: the directory re-validates it as a resource.
      const stored = normalizeResourceInput(result.document, row.resourceType, registry).document;
      expect(stored).toEqual(result.document as JsonObject);
    }
    expect(row.before).toEqual(before);
  });
});
