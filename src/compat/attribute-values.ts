/**
 * The value dialects of one attribute, applied at any depth (top-level attributes,
 * sub-attributes, elements of multi-valued attributes) and guided by the schema: string booleans
 * (`string-booleans.ts`), manager shapes (`entra-manager.ts`) and `"$ref": null` in elements
 * (`entra-null-references.ts`). Shared by PATCH values and POST/PUT bodies.
 */
import type { AttributeDefinition } from '../scim/schemas/types.js';
import { managerShape } from './entra-manager.js';
import { dropNullSubAttributesInElement } from './entra-null-references.js';
import { isPlainObject, subAttributeNamed, type UnknownObject } from './schema-lookup.js';
import { stringBooleanToBoolean } from './string-booleans.js';

function normalizeComplexObject(attr: AttributeDefinition, object: UnknownObject): UnknownObject {
  let changed = false;
  const entries: [string, unknown][] = [];
  for (const [key, sub] of Object.entries(object)) {
    const definition = subAttributeNamed(attr, key);
    const normalized = definition === undefined ? sub : normalizeAttributeValue(definition, sub);
    if (normalized !== sub) changed = true;
    entries.push([key, normalized]);
  }
  return changed ? Object.fromEntries(entries) : object;
}

/** One element of `attr` (or the value of a single-valued `attr`). */
export function normalizeSingleValue(attr: AttributeDefinition, value: unknown): unknown {
  let result = stringBooleanToBoolean(attr, value);
  if (attr.type === 'complex' && isPlainObject(result)) {
    result = normalizeComplexObject(attr, result);
    result = dropNullSubAttributesInElement(attr, result);
  }
  return result;
}

/**
 * Apply every value dialect to `value`, the whole value of `attr` (an array for a multi-valued
 * attribute, though a single element is tolerated). Returns the input itself when nothing
 * changed, and never mutates it.
 */
export function normalizeAttributeValue(attr: AttributeDefinition, value: unknown): unknown {
  const shaped = managerShape(attr, value);
  if (attr.multiValued && Array.isArray(shaped)) {
    let changed = shaped !== value;
    const elements = shaped.map((element: unknown) => {
      const normalized = normalizeSingleValue(attr, element);
      if (normalized !== element) changed = true;
      return normalized;
    });
    return changed ? elements : value;
  }
  return normalizeSingleValue(attr, shaped);
}
