/**
 * Properties of the engine itself, called directly (no client dialects): purity, atomicity,
 * changedAttributes, membership steps, and strict RFC behaviour. Per-case behaviour lives in the
 * fixture table (`resource-patch.table.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { catchScimError } from '../testing/scim-error-assertions.js';
import { matchesElement } from '../filter/filter-evaluator.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import { ENTERPRISE_USER_SCHEMA } from '../schemas/types.js';
import { elementFromFilter } from './multi-valued-patch.js';
import type { PatchOperation } from '../messages/patch-op.js';
import { applyPatch } from './resource-patch.js';
import { resolvePatchTarget } from './patch-target.js';
import type { JsonObject } from '../json.js';

const registry = createSchemaRegistry();
const USER_ID = 'u-1';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function patchUser(document: JsonObject, operations: PatchOperation[]) {
  return applyPatch({ document, resourceType: 'User', resourceId: USER_ID, registry, operations });
}

function patchGroup(operations: PatchOperation[]) {
  return applyPatch({
    document: { displayName: 'Staff' },
    resourceType: 'Group',
    resourceId: 'g-1',
    registry,
    operations,
  });
}

describe('applyPatch', () => {
  it('never mutates its input and returns a fresh document', () => {
    const document = deepFreeze({
      userName: 'a',
      emails: [{ value: 'a@x.org', type: 'work', primary: true }],
      name: { givenName: 'A' },
    });
    const result = patchUser(document, [
      { op: 'add', path: 'emails', value: [{ value: 'b@x.org', primary: true }] },
      { op: 'replace', path: 'name.givenName', value: 'B' },
      { op: 'remove', path: 'emails[type eq "work"]' },
    ]);
    expect(result.document).toEqual({
      userName: 'a',
      emails: [{ value: 'b@x.org', primary: true }],
      name: { givenName: 'B' },
    });
    expect(result.document).not.toBe(document);
  });

  it('is atomic: a failing operation leaves no partial result behind', () => {
    const document = { userName: 'a', nickName: 'n' };
    const error = catchScimError(() =>
      patchUser(document, [
        { op: 'replace', path: 'nickName', value: 'changed' },
        { op: 'remove', path: 'userName' },
      ]),
    );
    expect(error.scimType).toBe('mutability');
    expect(error.detail.startsWith('Operation 2 (op "remove", path "userName")')).toBe(true);
    expect(document).toEqual({ userName: 'a', nickName: 'n' });
  });

  it('reports changed attributes in schema order, extension attributes URN-qualified', () => {
    const result = patchUser({ userName: 'a', title: 't' }, [
      { op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'Maps' },
      { op: 'replace', path: 'title', value: 't' },
      { op: 'add', path: 'nickName', value: 'n' },
      { op: 'replace', path: 'userName', value: 'b' },
    ]);
    expect(result.changedAttributes).toEqual(['userName', 'nickName', `${ENTERPRISE_USER_SCHEMA}:department`]);
  });

  it('accepts the RFC spelling only at the core: a manager whose value is unassigned is removed', () => {
    const result = patchUser({ userName: 'a', [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'm' } } }, [
      { op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: { value: null } },
    ]);
    expect(result.document).toEqual({ userName: 'a' });
  });

  it('applies operations in order, later ones seeing earlier results', () => {
    const result = patchUser({ userName: 'a' }, [
      { op: 'add', path: 'emails[type eq "work"].value', value: 'w@x.org' },
      { op: 'replace', path: 'emails[value eq "w@x.org"].display', value: 'Work' },
    ]);
    expect(result.document).toEqual({ userName: 'a', emails: [{ type: 'work', value: 'w@x.org', display: 'Work' }] });
  });
});

describe('membership steps', () => {
  it('orders steps as sent and merges only neighbours of the same kind', () => {
    const result = patchGroup([
      { op: 'add', path: 'members', value: [{ value: 'u1' }] },
      { op: 'add', path: 'members', value: [{ value: 'u2' }] },
      { op: 'remove', path: 'members[value eq "u3"]' },
      { op: 'remove', path: 'members[value eq "u4"]' },
      { op: 'add', path: 'members', value: [{ value: 'u3' }] },
    ]);
    expect(result.membership).toEqual([
      { kind: 'add', members: [{ value: 'u1' }, { value: 'u2' }] },
      { kind: 'remove', ids: ['u3', 'u4'] },
      { kind: 'add', members: [{ value: 'u3' }] },
    ]);
    expect(result.document).toEqual({ displayName: 'Staff' });
    expect(result.changedAttributes).toEqual(['members']);
  });

  it('refuses a remove of "members" with a value list (the HTTP edge turns Entra\'s into filters)', () => {
    const error = catchScimError(() => patchGroup([{ op: 'remove', path: 'members', value: [{ value: 'u1' }, 'u2'] }]));
    expect(error.scimType).toBe('invalidPath');
    expect(error.detail).toContain('a "remove" of "members" takes no "value"');
    expect(error.detail).toContain('members[value eq');
  });

  it('gives removeWhere a filter that selects members by their fields', () => {
    const [step] = patchGroup([{ op: 'remove', path: 'members[type eq "Group" or display sw "Temp"]' }]).membership;
    expect(step?.kind).toBe('removeWhere');
    if (step?.kind !== 'removeWhere') return;
    expect(matchesElement(step.filter, { value: 'g', type: 'Group' })).toBe(true);
    expect(matchesElement(step.filter, { value: 'u', type: 'User', display: 'temp-worker' })).toBe(true);
    expect(matchesElement(step.filter, { value: 'u', type: 'User', display: 'Kim' })).toBe(false);
  });

  it('never writes members into the document', () => {
    const result = patchGroup([{ op: 'replace', value: { members: [{ value: 'u1' }], displayName: 'New' } }]);
    expect(result.document).toEqual({ displayName: 'New' });
    expect(result.membership).toEqual([{ kind: 'replace', members: [{ value: 'u1' }] }]);
  });
});

describe('elementFromFilter', () => {
  const context = { index: 0, op: 'add' as const, path: 'x' };
  const filterOf = (path: string) => {
    const target = resolvePatchTarget(path, { resourceType: 'User', registry }, { ...context, path });
    if (target.filter === undefined) throw new Error('test setup: no filter');
    return target.filter;
  };

  it('builds the element from eq comparisons joined by and, with canonical names and types', () => {
    expect(elementFromFilter(filterOf('emails[TYPE eq "work" and primary eq true]'))).toEqual({
      type: 'work',
      primary: true,
    });
  });

  it.each([
    'emails[type ne "work"]',
    'emails[type eq "work" or type eq "home"]',
    'emails[type pr]',
    'emails[not (type eq "work")]',
    'emails[type eq "a" and type eq "b"]',
  ])('cannot build an element from %s', (path) => {
    expect(elementFromFilter(filterOf(path))).toBeUndefined();
  });
});

describe('applyPatch: one attribute named twice in different case', () => {
  it.each<[string, PatchOperation, RegExp]>([
    ['a no-path value', { op: 'replace', value: { title: 'a', TITLE: 'b' } }, /The value has both "title" and "TITLE"/],
    [
      'an extension block',
      { op: 'replace', path: ENTERPRISE_USER_SCHEMA, value: { department: 'a', Department: 'b' } },
      /has both "department" and "Department"/,
    ],
  ])('refuses %s with invalidSyntax', (_name, operation, detail) => {
    const error = catchScimError(() => patchUser({ userName: 'a' }, [operation]));
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toMatch(/^Operation 1 /);
    expect(error.detail).toMatch(detail);
  });

  it('refuses a member given with both "value" and "VALUE"', () => {
    const error = catchScimError(() =>
      patchGroup([{ op: 'add', path: 'members', value: [{ value: 'u-1', VALUE: 'u-2' }] }]),
    );
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toMatch(/Member 1 has both "value" and "VALUE"/);
  });
});
