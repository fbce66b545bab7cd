/**
 * The shapes in which Entra and the Microsoft SCIM Validator send the enterprise `manager` (or
 * any complex single-valued attribute whose identity is its `value` sub-attribute). The strict
 * core wants `{"value": "<id>"}`, or null to remove it.
 *
 * Clients: Entra's historic documentation and the Microsoft SCIM Validator ("Patch User -
 * Add/Replace/Remove Manager"; pranems MANAGER_PATCH_STRING_COERCION.md), docs/clients.md §2.3,
 * §2.4, §2.6.
 */
import type { AttributeDefinition } from '../scim/schemas/types.js';
import { isPlainObject, subAttributeNamed, type PathTarget, type UnknownObject } from './schema-lookup.js';

/** A complex single-valued attribute whose identity is its `value` sub-attribute (`manager`). */
export function isReferenceLike(attr: AttributeDefinition): boolean {
  return attr.type === 'complex' && !attr.multiValued && subAttributeNamed(attr, 'value') !== undefined;
}

/** The manager sent as a bare id string: `"26118915-…"` becomes `{"value": "26118915-…"}` (validator). */
export function referenceFromBareString(attr: AttributeDefinition, value: unknown): unknown {
  if (!isReferenceLike(attr) || typeof value !== 'string' || value.trim() === '') return value;
  return { value };
}

/**
 * The manager sent as a one-element array, `[{"$ref": "…/Users/2611…", "value": "2611…"}]`, the
 * historic Entra documentation shape. The element is used.
 */
export function referenceFromSingletonArray(attr: AttributeDefinition, value: unknown): unknown {
  if (!isReferenceLike(attr) || !Array.isArray(value) || value.length !== 1) return value;
  const [element] = value as unknown[];
  return isPlainObject(element) || typeof element === 'string' ? element : value;
}

/**
 * A manager "emptied" as `""`, `{"value": ""}`, `{"value": null}` or `[]` means "no manager": the
 * value becomes `null`, which the core treats as removal (validator "Patch User - Remove Manager",
 * Entra's SCIM_Null_Update).
 */
export function emptiedReferenceAsNull(attr: AttributeDefinition, value: unknown): unknown {
  if (!isReferenceLike(attr)) return value;
  if (value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    const valueKey = entries.find(([key]) => key.toLowerCase() === 'value');
    if (valueKey !== undefined && (valueKey[1] === '' || valueKey[1] === null)) {
      const others = entries.filter(([key, sub]) => key !== valueKey[0] && sub !== null && sub !== '');
      if (others.length === 0) return null;
    }
  }
  return value;
}

/** The three shapes above, for a whole value of `attr`, applied before descending into it. */
export function managerShape(attr: AttributeDefinition, value: unknown): unknown {
  let result = referenceFromSingletonArray(attr, value);
  result = referenceFromBareString(attr, result);
  return emptiedReferenceAsNull(attr, result);
}

/**
 * A POST/PUT body's block (core top level or an extension) with the managers the shapes above
 * emptied to `null` dropped: no manager. A null the client sent itself is kept for the core, which
 * reads it as "no value" anyway.
 */
export function dropEmptiedManagers(block: UnknownObject, before: UnknownObject): UnknownObject {
  if (!Object.entries(block).some(([key, value]) => value === null && before[key] !== null)) return block;
  const result: UnknownObject = {};
  for (const [key, value] of Object.entries(block)) {
    if (value === null && before[key] !== null) continue;
    result[key] = value;
  }
  return result;
}

/**
 * Add or replace of a manager-like attribute with an emptied value (`""`, `{"value": ""}`, null,
 * already turned into null by `emptiedReferenceAsNull`) becomes a `remove` of that path
 * (validator "Patch User - Remove Manager").
 */
export function emptiedReferenceAsRemove(operation: UnknownObject, target: PathTarget): UnknownObject {
  if (operation.op === 'remove' || target.subAttribute !== undefined || !isReferenceLike(target.resolved.attribute)) {
    return operation;
  }
  if (operation.value !== null) return operation;
  return { op: 'remove', path: operation.path };
}
