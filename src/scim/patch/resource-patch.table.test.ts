/**
 * The PATCH fixture table, strict half: every row of `fixtures/` without a `source` is strict RFC
 * 7644 and runs through the core alone (the PatchOp parser and the engine), and must give its
 * `after` document (and membership steps) or its error. The quirk rows, which name the client
 * that sends them, run through the HTTP edge's client dialects first:
 * `src/compat/patch-fixtures.table.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { parsePatchOp } from '../messages/patch-op.js';
import { ALL_PATCH_FIXTURES } from './fixtures/all-fixtures.js';
import { checkFixtureRow } from './fixtures/fixture-runner.js';

const STRICT_ROWS = ALL_PATCH_FIXTURES.filter((row) => row.source === undefined);

describe('PATCH fixture table: strict rows, through the core alone', () => {
  it('has several hundred rows with unique names', () => {
    const names = ALL_PATCH_FIXTURES.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(300);
    expect(STRICT_ROWS.length).toBeGreaterThan(200);
  });

  it.each(STRICT_ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    checkFixtureRow(row, (body) => parsePatchOp(body));
  });
});
