/**
 * Okta's group rename, a no-path replace whose value repeats the group's own id:
 * `{"op":"replace","value":{"id":"abf4dd94-…","displayName":"Test SCIMv2"}}`. The id equal to the
 * resource's own is dropped (it changes nothing); any other id is left for the core, which refuses
 * it as a read-only attribute (RFC 7643 section 3.1).
 *
 * Clients: Okta OIN apps, with every group membership update, docs/clients.md §1.e.
 */
import { memberOf, type UnknownObject } from './schema-lookup.js';

export function ownIdDropped(value: UnknownObject, resourceId: string | undefined): UnknownObject {
  const id = memberOf(value, 'id');
  if (id === undefined || resourceId === undefined || id.value !== resourceId) return value;
  const { [id.key]: _dropped, ...rest } = value;
  return rest;
}
