/**
 * `"$ref": null` (or any null sub-attribute) inside an element of a multi-valued attribute:
 * `[{"$ref": null, "value": "f648f8d5ea4e4cd38e9c"}]`. A null sub-attribute of an element means
 * "absent", so the key is dropped.
 *
 * Clients: Entra, on every group member add and remove, docs/clients.md §2.3, §2.4.
 */
import type { AttributeDefinition } from '../scim/schemas/types.js';
import { isPlainObject } from './schema-lookup.js';

export function dropNullSubAttributesInElement(attr: AttributeDefinition, element: unknown): unknown {
  if (!attr.multiValued || attr.type !== 'complex' || !isPlainObject(element)) return element;
  if (!Object.values(element).includes(null)) return element;
  return Object.fromEntries(Object.entries(element).filter(([, sub]) => sub !== null));
}
