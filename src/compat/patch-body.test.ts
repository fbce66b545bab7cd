import { describe, expect, it } from 'vitest';
import { registryWithContractor } from '../scim/testing/schema-registries.js';
import { parsePatchOp, PATCH_OP_SCHEMA as PATCH_OP } from '../scim/messages/patch-op.js';
import { ENTERPRISE_USER_SCHEMA, STRATEGY_USER_SCHEMA } from '../scim/schemas/types.js';
import { emptyPathAsNoPath, opNameInAnyCase, strayOperationKeys, strayPatchBodyKeys } from './entra-patch-dialect.js';
import { normalizePatchBody } from './patch-body.js';

const MANAGER = `${ENTERPRISE_USER_SCHEMA}:manager`;
const registry = registryWithContractor();

function user(...operations: unknown[]): unknown {
  return normalizePatchBody({ schemas: [PATCH_OP], Operations: operations }, 'User', registry);
}

function group(...operations: unknown[]): unknown {
  return normalizePatchBody({ schemas: [PATCH_OP], Operations: operations }, 'Group', registry);
}

function message(...operations: unknown[]): unknown {
  return { schemas: [PATCH_OP], Operations: operations };
}

describe('message and operation quirks', () => {
  it('lower-cases op names', () => {
    expect(opNameInAnyCase({ op: 'Replace' })).toEqual({ op: 'replace' });
    expect(user({ op: 'ADD', path: 'nickName', value: 'B' })).toEqual(
      message({ op: 'add', path: 'nickName', value: 'B' }),
    );
  });

  it('treats an empty path as no path', () => {
    expect(emptyPathAsNoPath({ op: 'replace', path: ' ', value: {} })).toEqual({ op: 'replace', value: {} });
    expect(emptyPathAsNoPath({ op: 'replace', path: null, value: {} })).toEqual({ op: 'replace', value: {} });
  });

  it('drops stray keys of operations and of the message', () => {
    expect(strayOperationKeys({ op: 'Remove', name: 'x', Path: 'title', VALUE: 1 })).toEqual({
      op: 'Remove',
      path: 'title',
      value: 1,
    });
    expect(strayPatchBodyKeys({ id: 'x', schemas: [PATCH_OP], operations: [] })).toEqual({
      schemas: [PATCH_OP],
      operations: [],
    });
  });

  it('lists the PatchOp URN when the client left schemas out', () => {
    expect(strayPatchBodyKeys({ Operations: [] })).toEqual({ schemas: [PATCH_OP], Operations: [] });
    expect(strayPatchBodyKeys({ schemas: ['urn:x'], Operations: [] })).toEqual({ schemas: [PATCH_OP], Operations: [] });
  });

  it('gives the strict PatchOp parser what it accepts: op names, stray keys, empty paths', () => {
    const strict = (body: unknown): unknown => parsePatchOp(normalizePatchBody(body, 'User', registry));
    expect(
      strict({
        Operations: [
          { op: 'Replace', path: 'active', value: false },
          { op: 'REMOVE', path: 'title' },
        ],
      }),
    ).toEqual([
      { op: 'replace', path: 'active', value: false },
      { op: 'remove', path: 'title' },
    ]);
    expect(strict({ id: 'x', OPERATIONS: [{ OP: 'add', Path: 'nickName', Value: 'B', name: 'nick' }] })).toEqual([
      { op: 'add', path: 'nickName', value: 'B' },
    ]);
    expect(strict({ Operations: [{ op: 'replace', path: '', value: { active: true } }] })).toEqual([
      { op: 'replace', value: { active: true } },
    ]);
    expect(strict({ Operations: [{ op: 'replace', path: null, value: { active: true } }] })).toEqual([
      { op: 'replace', value: { active: true } },
    ]);
  });

  it('returns a body that needs nothing as the very same object', () => {
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] };
    expect(normalizePatchBody(body, 'User', registry)).toBe(body);
  });

  it('keeps a null value (it means "unassign")', () => {
    expect(user({ op: 'replace', path: 'title', value: null })).toEqual(
      message({ op: 'replace', path: 'title', value: null }),
    );
  });

  it('passes through what it does not understand, for the core to report', () => {
    expect(normalizePatchBody('nope', 'User', registry)).toBe('nope');
    const noOperations = { schemas: [PATCH_OP] };
    expect(normalizePatchBody(noOperations, 'User', registry)).toBe(noOperations);
    expect(user('remove title', { op: 'replace', path: 'emails[type eq', value: 'x' })).toEqual(
      message('remove title', { op: 'replace', path: 'emails[type eq', value: 'x' }),
    );
  });

  it('never mutates the request body', () => {
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };
    const copy = structuredClone(body);
    normalizePatchBody(body, 'User', registry);
    expect(body).toEqual(copy);
  });
});

describe('value quirks in operations', () => {
  it('coerces string booleans by path, in no-path values and in extension blocks', () => {
    expect(user({ op: 'Replace', path: 'active', value: 'False' })).toEqual(
      message({ op: 'replace', path: 'active', value: false }),
    );
    expect(user({ op: 'replace', value: { active: 'true', nickName: 'true' } })).toEqual(
      message({ op: 'replace', value: { active: true, nickName: 'true' } }),
    );
    expect(user({ op: 'replace', value: { [STRATEGY_USER_SCHEMA]: { contractor: 'True' } } })).toEqual(
      message({ op: 'replace', value: { [STRATEGY_USER_SCHEMA]: { contractor: true } } }),
    );
    expect(user({ op: 'replace', path: 'emails[type eq "work"].primary', value: 'TRUE' })).toEqual(
      message({ op: 'replace', path: 'emails[type eq "work"].primary', value: true }),
    );
    expect(user({ op: 'add', path: 'roles', value: [{ primary: 'True', value: 'r' }] })).toEqual(
      message({ op: 'add', path: 'roles', value: [{ primary: true, value: 'r' }] }),
    );
  });

  it('wraps a bare manager id and qualifies the historic bare "manager" path', () => {
    expect(user({ op: 'Add', path: MANAGER, value: 'm1' })).toEqual(
      message({ op: 'add', path: MANAGER, value: { value: 'm1' } }),
    );
    expect(user({ op: 'Add', path: 'manager', value: [{ $ref: '../Users/m1', value: 'm1' }] })).toEqual(
      message({ op: 'add', path: MANAGER, value: { $ref: '../Users/m1', value: 'm1' } }),
    );
  });

  it('turns an emptied manager into a remove', () => {
    for (const value of ['', { value: '' }, null]) {
      expect(user({ op: 'Replace', path: MANAGER, value })).toEqual(message({ op: 'remove', path: MANAGER }));
    }
  });

  it('qualifies a bare extension attribute name in a no-path value', () => {
    expect(user({ op: 'replace', value: { department: 'Maps', manager: 'm1' } })).toEqual(
      message({
        op: 'replace',
        value: { [`${ENTERPRISE_USER_SCHEMA}:department`]: 'Maps', [MANAGER]: { value: 'm1' } },
      }),
    );
  });

  it('drops "id": null from a no-path value and keeps any other id for the engine', () => {
    expect(user({ op: 'replace', value: { id: null, active: true } })).toEqual(
      message({ op: 'replace', value: { active: true } }),
    );
    expect(group({ op: 'replace', value: { id: 'g1', displayName: 'X' } })).toEqual(
      message({ op: 'replace', value: { id: 'g1', displayName: 'X' } }),
    );
  });
});

describe('member quirks', () => {
  it('turns a member removal by value list into one filtered remove per member', () => {
    expect(group({ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u1' }, { value: 'u "2"' }] })).toEqual(
      message(
        { op: 'remove', path: 'members[value eq "u1"]' },
        { op: 'remove', path: 'members[value eq "u \\"2\\""]' },
      ),
    );
  });

  it('leaves a remove of all members alone', () => {
    expect(group({ op: 'remove', path: 'members' })).toEqual(message({ op: 'remove', path: 'members' }));
  });

  it('drops "$ref": null from added members', () => {
    expect(group({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }] })).toEqual(
      message({ op: 'add', path: 'members', value: [{ value: 'u1' }] }),
    );
  });

  it('does not rewrite a value list it cannot read', () => {
    expect(group({ op: 'remove', path: 'members', value: [{ display: 'no id' }] })).toEqual(
      message({ op: 'remove', path: 'members', value: [{ display: 'no id' }] }),
    );
  });
});

describe('ambiguous keys are left for the core to refuse', () => {
  it('passes an operation with two spellings of "value" on unchanged', () => {
    const operation = { op: 'Replace', path: 'title', value: 'a', Value: 'b' };
    expect(user(operation)).toEqual(message(operation));
  });

  it('passes a message with two spellings of "Operations" on unchanged', () => {
    const body = { Operations: [], operations: [{ op: 'Remove', path: 'title' }] };
    expect(normalizePatchBody(body, 'User', registry)).toBe(body);
  });
});
