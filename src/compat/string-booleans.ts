/**
 * Booleans sent as strings, for attributes whose schema says boolean (never applied blindly: a
 * `title` of "True" stays a string).
 *
 * Clients (docs/clients.md §2.4, §2.5, §3):
 * - Microsoft Entra ID without the `aadOptscim062020` flag: `{"op":"Replace","path":"active","value":"False"}`;
 * - a real Entra unassign with the lower-case `"false"` (scimmy issue #86);
 * - the Microsoft SCIM Validator: `roles[{"primary":"True"}]` in POST bodies and PATCH values;
 * - OneLogin templates: `"active": "{$user.active}"` renders as a string;
 * - the Keycloak SCIM client: `active` as `"true"`/`"false"` (mitodl/keycloak-scim #184).
 */
import type { AttributeDefinition } from '../scim/schemas/types.js';

/**
 * "True"/"False"/"true"/"false" (any case, surrounding spaces ignored) for a boolean attribute.
 * Any other string is left alone so that the core reports it as an invalid value.
 */
export function stringBooleanToBoolean(attr: AttributeDefinition, value: unknown): unknown {
  if (attr.type !== 'boolean' || typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return value;
}
