/**
 * `"id": null`, which says nothing, dropped from POST/PUT bodies and from no-path PATCH values.
 * Other `id` values are left for the core: it ignores `id` on POST and PUT (RFC 7644 section
 * 3.5.1; Okta echoes it) and refuses it in a PATCH value.
 *
 * Clients: OneLogin templates, docs/clients.md §3.
 */
import { memberOf, type UnknownObject } from './schema-lookup.js';

export function nullIdDropped(object: UnknownObject): UnknownObject {
  const id = memberOf(object, 'id');
  if (id === undefined || id.value !== null) return object;
  const { [id.key]: _dropped, ...rest } = object;
  return rest;
}
