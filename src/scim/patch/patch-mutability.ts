/**
 * RFC 7644 section 3.5.2: "Each operation against an attribute MUST be compatible with the
 * attribute's mutability and schema". readOnly attributes cannot be written; immutable ones can be
 * added when they have no value but not changed; and (section 3.5.2.2) removing or unassigning a
 * required or read-only attribute is a `mutability` error.
 */
import type { ResourceTypeName } from '../schemas/types.js';
import { jsonEqual } from './patch-document.js';
import { operationError, type OperationContext } from './patch-operation.js';
import type { PatchTarget } from './patch-target.js';
import type { JsonValue } from '../json.js';

const READ_ONLY_ADVICE: Record<string, string> = {
  id: 'The id is assigned by the server and never changes.',
  meta: 'meta is maintained by the server.',
  groups: 'Group membership is changed on the Group: PATCH /Groups/{id} with "members".',
};

/** True for attributes the Library accepts and discards (the writeOnly `password`). */
export function isDiscarded(target: PatchTarget): boolean {
  return target.resolved.attribute.mutability === 'writeOnly' || target.sub?.mutability === 'writeOnly';
}

/** @throws 400 `mutability` when the attribute or the addressed sub-attribute is readOnly. */
export function assertNotReadOnly(target: PatchTarget, context: OperationContext): void {
  const { attribute } = target.resolved;
  if (attribute.mutability === 'readOnly') {
    const advice = READ_ONLY_ADVICE[attribute.name] ?? 'The server maintains it.';
    throw operationError(
      context,
      'mutability',
      `attribute "${target.label}" is read-only (mutability "readOnly") and cannot be changed by a client. ${advice} ` +
        'Remove this operation from the request.',
    );
  }
  if (target.sub?.mutability === 'readOnly') {
    throw operationError(
      context,
      'mutability',
      `sub-attribute "${target.label}" is read-only (mutability "readOnly"); the server fills it in. ` +
        'Remove this operation from the request.',
    );
  }
}

/**
 * @throws 400 `mutability` when an immutable attribute (or sub-attribute) that already has a
 *   value would get a different one.
 */
export function assertImmutableUnchanged(
  target: PatchTarget,
  context: OperationContext,
  current: JsonValue | undefined,
  next: JsonValue | undefined,
): void {
  const immutable =
    target.sub !== undefined
      ? target.sub.mutability === 'immutable'
      : target.resolved.attribute.mutability === 'immutable';
  if (!immutable || current === undefined || current === null || jsonEqual(current, next)) return;
  throw operationError(
    context,
    'mutability',
    `attribute "${target.label}" is immutable: it can be set once, but it already has a value and cannot be changed or removed.`,
  );
}

/**
 * @throws 400 `mutability` (RFC 7644 §3.5.2.2) when the operation would remove or empty a required
 *   attribute such as a User's `userName` or a Group's `displayName`.
 */
export function assertRemovable(target: PatchTarget, context: OperationContext, resourceType: ResourceTypeName): void {
  if (target.sub !== undefined || !target.resolved.attribute.required) return;
  throw operationError(
    context,
    'mutability',
    `attribute "${target.label}" is required for a ${resourceType} and cannot be removed or set to an empty value ` +
      '(RFC 7644 section 3.5.2.2). Replace it with a new non-empty value instead.',
  );
}
