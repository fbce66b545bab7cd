/**
 * The PATCH fixture table, quirk half: every row of `src/scim/patch/fixtures/` with a `source`
 * (the client that sends it, cited from docs/clients.md) runs as `PATCH /Users/{id}` or
 * `PATCH /Groups/{id}` does: through the client dialects of the HTTP edge, then the strict
 * PatchOp parser and engine. The strict rows run through the core alone
 * (`src/scim/patch/resource-patch.table.test.ts`); here they show that the dialects pass RFC
 * requests on as the very same object.
 */
import { describe, expect, it } from 'vitest';
import { parsePatchOp } from '../scim/messages/patch-op.js';
import { ALL_PATCH_FIXTURES } from '../scim/patch/fixtures/all-fixtures.js';
import {
  checkFixtureRow,
  FIXTURE_REGISTRY,
  fixtureRequestBody,
  fixtureResourceId,
} from '../scim/patch/fixtures/fixture-runner.js';
import { normalizePatchBody } from './client-dialects.js';

const QUIRK_ROWS = ALL_PATCH_FIXTURES.filter((row) => row.source !== undefined);
const STRICT_ROWS = ALL_PATCH_FIXTURES.filter((row) => row.source === undefined);

describe('PATCH fixture table: quirk rows, through the client dialects and the core', () => {
  it('has the quirk rows of docs/clients.md, each naming its source', () => {
    expect(QUIRK_ROWS.length).toBeGreaterThanOrEqual(56);
  });

  it.each(QUIRK_ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    checkFixtureRow(row, (body) =>
      parsePatchOp(normalizePatchBody(body, row.resourceType, FIXTURE_REGISTRY, fixtureResourceId(row))),
    );
  });

  it.each(STRICT_ROWS.map((row) => [row.name, row] as const))('passes the strict row %s on untouched', (_name, row) => {
    const body = fixtureRequestBody(row);
    expect(normalizePatchBody(body, row.resourceType, FIXTURE_REGISTRY, fixtureResourceId(row))).toBe(body);
  });
});
