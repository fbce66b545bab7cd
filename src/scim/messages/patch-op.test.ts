import { describe, expect, it } from 'vitest';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
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

/** A PatchOp message with these operations. */
function message(...operations: unknown[]): unknown {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

describe('parsePatchOp', () => {
  it('returns the operations with op names, paths and values as sent', () => {
    const body = message(
      { op: 'replace', path: 'active', value: false },
      { op: 'add', value: { displayName: 'x' } },
      { op: 'remove', path: 'members[value eq "u1"]' },
      { op: 'replace', path: 'title', value: null },
    );
    expect(parsePatchOp(body)).toEqual([
      { op: 'replace', path: 'active', value: false },
      { op: 'add', value: { displayName: 'x' } },
      { op: 'remove', path: 'members[value eq "u1"]' },
      { op: 'replace', path: 'title', value: null },
    ]);
  });

  it('distinguishes an absent value from null', () => {
    const [withNull, without] = parsePatchOp(
      message({ op: 'replace', path: 'x', value: null }, { op: 'remove', path: 'x' }),
    );
    expect(withNull).toHaveProperty('value', null);
    expect(without).not.toHaveProperty('value');
  });

  it('reads member names case-insensitively (RFC 7643 section 2.1)', () => {
    expect(
      parsePatchOp({ Schemas: [PATCH_OP_SCHEMA], OPERATIONS: [{ OP: 'add', Path: 'nickName', Value: 'B' }] }),
    ).toEqual([{ op: 'add', path: 'nickName', value: 'B' }]);
  });

  it('keeps an empty path for the engine to refuse', () => {
    expect(parsePatchOp(message({ op: 'replace', path: '', value: { active: true } }))).toEqual([
      { op: 'replace', path: '', value: { active: true } },
    ]);
  });

  it('accepts an empty Operations array as a no-op', () => {
    expect(parsePatchOp({ schemas: [PATCH_OP_SCHEMA], Operations: [] })).toEqual([]);
  });

  it('accepts exactly the maximum number of operations and refuses one more', () => {
    const op = { op: 'remove', path: 'nickName' };
    expect(parsePatchOp(message(...Array.from({ length: MAX_PATCH_OPERATIONS }, () => op)))).toHaveLength(
      MAX_PATCH_OPERATIONS,
    );
    const error = failure(message(...Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => op)));
    expect(error.status).toBe(400);
    expect(error.detail).toContain('Split the change');
  });

  it.each([
    [null, 'invalidSyntax', 'must be a JSON object'],
    [{ schemas: [PATCH_OP_SCHEMA] }, 'invalidSyntax', 'no "Operations" array'],
    [{ schemas: [PATCH_OP_SCHEMA], Operations: 'x' }, 'invalidSyntax', 'must be an array'],
    [message(null), 'invalidSyntax', 'Operation 1 of "Operations"'],
    [message({ op: 'test', path: 'x' }), 'invalidSyntax', 'Operation 1 (path "x") has op "test"'],
    [
      message({ op: 'add', path: ['x'], value: 1 }),
      'invalidPath',
      'Operation 1 (op "add") has a "path" that is an array',
    ],
    [
      message({ op: 'remove', path: 'x' }, { op: 'add', path: 'x' }),
      'invalidValue',
      'Operation 2 (op "add", path "x") has no "value"',
    ],
  ] as const)('refuses %j with %s', (body, scimType, detail) => {
    const error = failure(body);
    expectScimError(error, { status: 400, scimType, detail });
  });

  it('refuses values that are not JSON data', () => {
    expect(failure(message({ op: 'add', path: 'x', value: Number.NaN })).scimType).toBe('invalidValue');
  });
});

describe('parsePatchOp is strict RFC 7644 (the HTTP edge normalises client dialects, src/compat)', () => {
  it.each(['Replace', 'ADD', 'Remove', ' add'])('refuses the op name %j', (op) => {
    expectScimError(failure(message({ op, path: 'title', value: 'x' })), {
      status: 400,
      scimType: 'invalidSyntax',
      detail: `Operation 1 (path "title") has op ${JSON.stringify(op)}; SCIM PATCH supports only "add", "replace" and "remove"`,
    });
  });

  it('refuses a member an operation does not have', () => {
    expectScimError(failure(message({ op: 'add', path: 'nickName', value: 'B', name: 'nick' })), {
      scimType: 'invalidSyntax',
      detail: 'Operation 1 (path "nickName") has the member "name"; an operation has only "op", "path" and "value"',
    });
  });

  it('refuses a member the message does not have', () => {
    expectScimError(failure({ id: 'x', schemas: [PATCH_OP_SCHEMA], Operations: [] }), {
      scimType: 'invalidSyntax',
      detail: 'The PATCH request body has the member "id"; a PatchOp message has only "schemas" and "Operations"',
    });
  });

  it('refuses a message without the PatchOp URN in schemas', () => {
    for (const body of [
      { Operations: [] },
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [] },
    ]) {
      expectScimError(failure(body), {
        scimType: 'invalidSyntax',
        detail: `must list "${PATCH_OP_SCHEMA}" in "schemas"`,
      });
    }
  });

  it('refuses a null path', () => {
    expectScimError(failure(message({ op: 'replace', path: null, value: { active: true } })), {
      scimType: 'invalidPath',
      detail: 'Operation 1 (op "replace") has a "path" that is null',
    });
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
    const error = failure(message(operation));
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
    expect(
      parsePatchOp({ schemas: [PATCH_OP_SCHEMA], operations: [{ OP: 'add', PATH: 'title', VALUE: 'x' }] }),
    ).toEqual([{ op: 'add', path: 'title', value: 'x' }]);
  });

  it('says when a value is nested too deep, rather than "not valid JSON"', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 500; level += 1) deep = { a: deep };
    const error = failure(message({ op: 'add', path: 'title', value: deep }));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(/nested more than 100 levels deep/);
  });
});
