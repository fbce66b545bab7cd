import { describe, expect, it } from 'vitest';
import { catchScimError, expectScimError } from '../../../test/support/scim-error-assertions.js';
import type { ScimError } from '../errors.js';
import {
  declaresPatchOpSchema,
  describeOperation,
  MAX_PATCH_OPERATIONS,
  parsePatchOp,
  PATCH_OP_SCHEMA,
} from './patch-op.js';

function failure(body: unknown): ScimError {
  return catchScimError(() => parsePatchOp(body), 'expected parsePatchOp to throw');
}

describe('parsePatchOp', () => {
  it('returns the operations with lower-case op names, paths and values as sent', () => {
    const body = {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [
        { op: 'Replace', path: 'active', value: false },
        { op: 'add', value: { displayName: 'x' } },
        { op: 'REMOVE', path: 'members[value eq "u1"]' },
        { op: 'replace', path: 'title', value: null },
      ],
    };
    expect(parsePatchOp(body)).toEqual([
      { op: 'replace', path: 'active', value: false },
      { op: 'add', value: { displayName: 'x' } },
      { op: 'remove', path: 'members[value eq "u1"]' },
      { op: 'replace', path: 'title', value: null },
    ]);
  });

  it('distinguishes an absent value from null', () => {
    const [withNull, without] = parsePatchOp({
      Operations: [
        { op: 'replace', path: 'x', value: null },
        { op: 'remove', path: 'x' },
      ],
    });
    expect(withNull).toHaveProperty('value', null);
    expect(without).not.toHaveProperty('value');
  });

  it('reads keys case-insensitively and ignores stray ones', () => {
    expect(parsePatchOp({ id: 'x', OPERATIONS: [{ OP: 'add', Path: 'nickName', Value: 'B', name: 'nick' }] })).toEqual([
      { op: 'add', path: 'nickName', value: 'B' },
    ]);
  });

  it('treats an empty or null path as no path', () => {
    expect(parsePatchOp({ Operations: [{ op: 'replace', path: '', value: { active: true } }] })).toEqual([
      { op: 'replace', value: { active: true } },
    ]);
    expect(parsePatchOp({ Operations: [{ op: 'replace', path: null, value: { active: true } }] })).toEqual([
      { op: 'replace', value: { active: true } },
    ]);
  });

  it('accepts an empty Operations array as a no-op', () => {
    expect(parsePatchOp({ schemas: [PATCH_OP_SCHEMA], Operations: [] })).toEqual([]);
  });

  it('accepts exactly the maximum number of operations and refuses one more', () => {
    const op = { op: 'remove', path: 'nickName' };
    expect(parsePatchOp({ Operations: Array.from({ length: MAX_PATCH_OPERATIONS }, () => op) })).toHaveLength(
      MAX_PATCH_OPERATIONS,
    );
    const error = failure({ Operations: Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => op) });
    expect(error.status).toBe(400);
    expect(error.detail).toContain('Split the change');
  });

  it.each([
    [null, 'invalidSyntax', 'must be a JSON object'],
    [{ schemas: [PATCH_OP_SCHEMA] }, 'invalidSyntax', 'no "Operations" array'],
    [{ Operations: 'x' }, 'invalidSyntax', 'must be an array'],
    [{ Operations: [null] }, 'invalidSyntax', 'Operation 1 of "Operations"'],
    [{ Operations: [{ op: 'test', path: 'x' }] }, 'invalidSyntax', 'Operation 1 (path "x") has op "test"'],
    [
      { Operations: [{ op: 'add', path: ['x'], value: 1 }] },
      'invalidPath',
      'Operation 1 (op "add") has a "path" that is an array',
    ],
    [
      {
        Operations: [
          { op: 'remove', path: 'x' },
          { op: 'add', path: 'x' },
        ],
      },
      'invalidValue',
      'Operation 2 (op "add", path "x") has no "value"',
    ],
  ] as const)('refuses %j with %s', (body, scimType, detail) => {
    const error = failure(body);
    expectScimError(error, { status: 400, scimType, detail });
  });

  it('refuses values that are not JSON data', () => {
    expect(failure({ Operations: [{ op: 'add', path: 'x', value: Number.NaN }] }).scimType).toBe('invalidValue');
  });
});

describe('declaresPatchOpSchema', () => {
  it('finds the PatchOp URN in any case and tolerates its absence', () => {
    expect(declaresPatchOpSchema({ schemas: [PATCH_OP_SCHEMA.toUpperCase()] })).toBe(true);
    expect(declaresPatchOpSchema({ Operations: [] })).toBe(false);
    expect(declaresPatchOpSchema('x')).toBe(false);
  });
});

describe('describeOperation', () => {
  it('numbers operations from 1 and quotes the path as JSON', () => {
    expect(describeOperation(1, 'add', 'emails[type eq "work"].value')).toBe(
      'operation 2 (op "add", path "emails[type eq \\"work\\"].value")',
    );
    expect(describeOperation(0, 'replace', undefined)).toBe('operation 1 (op "replace", no path)');
  });
});

describe('parsePatchOp: ambiguous and pathological requests', () => {
  it.each([
    ['"value" and "Value"', { op: 'replace', path: 'title', value: 'a', Value: 'b' }, /"value" and "Value"/],
    ['"op" and "OP"', { op: 'replace', OP: 'remove', path: 'title', value: 'a' }, /"op" and "OP"/],
    ['"path" and "Path"', { op: 'replace', path: 'title', Path: 'nickName', value: 'a' }, /"path" and "Path"/],
  ])('refuses an operation with both %s, naming both', (_name, operation, detail) => {
    const error = failure({ Operations: [operation] });
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toMatch(/^Operation 1 has both/);
    expect(error.detail).toMatch(detail);
  });

  it('refuses a body with both "Operations" and "operations"', () => {
    const error = failure({ Operations: [], operations: [{ op: 'remove', path: 'title' }] });
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toMatch(/"Operations" and "operations"/);
  });

  it('still reads keys in any single case', () => {
    expect(parsePatchOp({ operations: [{ OP: 'Add', PATH: 'title', VALUE: 'x' }] })).toEqual([
      { op: 'add', path: 'title', value: 'x' },
    ]);
  });

  it('says when a value is nested too deep, rather than "not valid JSON"', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 500; level += 1) deep = { a: deep };
    const error = failure({ Operations: [{ op: 'add', path: 'title', value: deep }] });
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(/nested more than 100 levels deep/);
  });
});
