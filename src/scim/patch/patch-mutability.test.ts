import { describe, expect, it } from 'vitest';
import { thrownScimError } from '../testing/scim-error-assertions.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import type { ResourceTypeName } from '../schemas/types.js';
import { assertImmutableUnchanged, assertNotReadOnly, assertRemovable, isDiscarded } from './patch-mutability.js';
import type { OperationContext } from './patch-operation.js';
import { resolvePatchTarget, type PatchTarget } from './patch-target.js';

const registry = createSchemaRegistry();
const context: OperationContext = { index: 2, op: 'replace', path: 'x' };

function target(path: string, resourceType: ResourceTypeName = 'User'): PatchTarget {
  return resolvePatchTarget(path, { resourceType, registry }, { ...context, path });
}

function scimTypeOf(run: () => void): string | undefined {
  const error = thrownScimError(run);
  return error === undefined ? undefined : `${error.scimType}: ${error.detail}`;
}

describe('patch mutability rules', () => {
  it('lets an immutable sub-attribute be set once but not changed or removed', () => {
    const memberValue = target('members.value', 'Group');
    expect(scimTypeOf(() => assertImmutableUnchanged(memberValue, context, undefined, 'u1'))).toBeUndefined();
    expect(scimTypeOf(() => assertImmutableUnchanged(memberValue, context, 'u1', 'u1'))).toBeUndefined();
    expect(scimTypeOf(() => assertImmutableUnchanged(memberValue, context, 'u1', 'u2'))).toMatch(
      /^mutability: Operation 3 \(op "replace", path "x"\): attribute "members.value" is immutable/,
    );
    expect(scimTypeOf(() => assertImmutableUnchanged(memberValue, context, 'u1', undefined))).toMatch(/^mutability/);
  });

  it('does not apply the immutable rule to readWrite attributes', () => {
    expect(scimTypeOf(() => assertImmutableUnchanged(target('nickName'), context, 'a', 'b'))).toBeUndefined();
  });

  it('refuses read-only attributes and sub-attributes', () => {
    expect(scimTypeOf(() => assertNotReadOnly(target('meta.version'), context))).toMatch(
      /^mutability: .*"meta.version" is read-only/,
    );
    expect(scimTypeOf(() => assertNotReadOnly(target('members.display', 'Group'), context))).toMatch(
      /^mutability: .*sub-attribute/,
    );
    expect(scimTypeOf(() => assertNotReadOnly(target('name.givenName'), context))).toBeUndefined();
  });

  it('refuses to unassign required attributes only', () => {
    expect(scimTypeOf(() => assertRemovable(target('userName'), context, 'User'))).toMatch(
      /^mutability: .*required for a User/,
    );
    expect(scimTypeOf(() => assertRemovable(target('displayName', 'Group'), context, 'Group'))).toMatch(
      /required for a Group/,
    );
    expect(scimTypeOf(() => assertRemovable(target('displayName'), context, 'User'))).toBeUndefined();
  });

  it('discards the write-only password', () => {
    expect(isDiscarded(target('password'))).toBe(true);
    expect(isDiscarded(target('title'))).toBe(false);
  });
});
