/**
 * Value-level client quirks: the shapes IdPs send for one attribute's value that the strict core
 * would reject. Each is a small function guided by the schema (never applied blindly), and
 * `normalizeAttributeValue` runs them over a value at any depth: top-level attributes,
 * sub-attributes, elements of multi-valued attributes.
 *
 * References are to /work/shared/docs/clients.md ("clients.md").
 */
import type { AttributeDefinition } from '../scim/schemas/types.js';
import { isPlainObject, subAttributeNamed, type UnknownObject } from './attribute-lookup.js';

/**
 * "True"/"False"/"true"/"false" (any case, surrounding spaces ignored) for a boolean attribute.
 *
 * Sent by Microsoft Entra ID without the `aadOptscim062020` flag (`"value":"False"` to disable a
 * user, `roles[{primary:"True"}]` from the validator; clients.md §2.4, §2.5), by a real Entra
 * unassign as lower-case `"false"` (scimmy issue #86, clients.md §2.4), by OneLogin templates
 * (`"active": "{$user.active}"`, clients.md §3) and by the Keycloak SCIM client (clients.md §3).
 * Any other string is left alone so that the core reports it as an invalid value.
 */
export function stringBooleanToBoolean(attr: AttributeDefinition, value: unknown): unknown {
  if (attr.type !== 'boolean' || typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return value;
}

/** A complex single-valued attribute whose identity is its `value` sub-attribute (`manager`). */
export function isReferenceLike(attr: AttributeDefinition): boolean {
  return attr.type === 'complex' && !attr.multiValued && subAttributeNamed(attr, 'value') !== undefined;
}

/**
 * The manager (or any complex single-valued attribute with a `value` sub-attribute) sent as a
 * bare id string: `"value": "26118915-…"` becomes `{"value": "26118915-…"}`.
 * Sent by the Microsoft SCIM Validator ("Patch User - Add/Replace Manager"; pranems
 * MANAGER_PATCH_STRING_COERCION.md; clients.md §2.3, §2.4, §2.6).
 */
export function referenceFromBareString(attr: AttributeDefinition, value: unknown): unknown {
  if (!isReferenceLike(attr) || typeof value !== 'string' || value.trim() === '') return value;
  return { value };
}

/**
 * The manager sent as a one-element array, `[{"$ref": "…/Users/2611…", "value": "2611…"}]`, the
 * historic Entra documentation shape (clients.md §2.3). The element is used.
 */
export function referenceFromSingletonArray(attr: AttributeDefinition, value: unknown): unknown {
  if (!isReferenceLike(attr) || !Array.isArray(value) || value.length !== 1) return value;
  const [element] = value as unknown[];
  return isPlainObject(element) || typeof element === 'string' ? element : value;
}

/**
 * A manager "emptied" as `""`, `{"value": ""}`, `{"value": null}` or `[]` means "no manager":
 * the value becomes `null`, which the core treats as removal (RFC 7644 §3.5.2.3, Entra's
 * SCIM_Null_Update). Sent by the Microsoft SCIM Validator ("Patch User - Remove Manager";
 * clients.md §2.3, §2.6).
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

/**
 * `"$ref": null` (or any null sub-attribute) inside an element of a multi-valued attribute:
 * `[{"$ref": null, "value": "f648f8d5ea4e4cd38e9c"}]`. Sent by Entra on every group member add and
 * remove (clients.md §2.3, §2.4). A null sub-attribute of an element means "absent", so the key
 * is dropped.
 */
export function dropNullSubAttributesInElement(attr: AttributeDefinition, element: unknown): unknown {
  if (!attr.multiValued || attr.type !== 'complex' || !isPlainObject(element)) return element;
  if (!Object.values(element).includes(null)) return element;
  return Object.fromEntries(Object.entries(element).filter(([, sub]) => sub !== null));
}

/** Shape quirks of a whole attribute value, applied before descending into it. */
function normalizeShape(attr: AttributeDefinition, value: unknown): unknown {
  let result = referenceFromSingletonArray(attr, value);
  result = referenceFromBareString(attr, result);
  return emptiedReferenceAsNull(attr, result);
}

function normalizeComplexObject(attr: AttributeDefinition, object: UnknownObject): UnknownObject {
  let changed = false;
  const entries = Object.entries(object).map(([key, sub]): [string, unknown] => {
    const definition = subAttributeNamed(attr, key);
    if (definition === undefined) return [key, sub];
    const normalized = normalizeAttributeValue(definition, sub);
    if (normalized !== sub) changed = true;
    return [key, normalized];
  });
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
 * Apply every value quirk to `value`, the whole value of `attr` (an array for a multi-valued
 * attribute, though a single element is tolerated). Returns the input itself when nothing
 * changed, and never mutates it.
 */
export function normalizeAttributeValue(attr: AttributeDefinition, value: unknown): unknown {
  const shaped = normalizeShape(attr, value);
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
