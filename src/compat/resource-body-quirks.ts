/**
 * POST and PUT body dialects of real SCIM clients, normalised at the HTTP edge before
 * `normalizeResourceInput` (which ignores `schemas`, `id`, `meta`, `groups` and unknown
 * attributes on its own). Nothing here rejects a request; never mutates its input.
 *
 * References are to /work/shared/docs/clients.md ("clients.md").
 */
import type { ResourceTypeName, SchemaRegistry } from '../scim/schemas/types.js';
import { isPlainObject, type UnknownObject } from './attribute-lookup.js';
import { normalizeAttributeValue } from './value-quirks.js';

/**
 * `"id": null` in a POST body (OneLogin templates, clients.md §3) is dropped. Other `id` values
 * are left for the core, which ignores `id` on POST and PUT (Okta echoes it, clients.md §1.c).
 */
export function nullIdInBody(body: UnknownObject): UnknownObject {
  const key = Object.keys(body).find((name) => name.toLowerCase() === 'id');
  if (key === undefined || body[key] !== null) return body;
  const { [key]: _dropped, ...rest } = body;
  return rest;
}

/**
 * A manager emptied to `null` by the value quirks (`"manager": ""`, `{"value": ""}`) is dropped
 * from a POST/PUT body: no manager. The Microsoft SCIM Validator and Entra's SCIM_Null_Update
 * send such values (clients.md §2.3, §2.7).
 */
function dropNulls(object: UnknownObject, before: UnknownObject): UnknownObject {
  const result: UnknownObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === null && before[key] !== null) continue;
    result[key] = value;
  }
  return result;
}

/** Value quirks for every attribute of one schema's block (core top level, or an extension). */
function normalizeBlock(
  block: UnknownObject,
  qualify: (key: string) => string,
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
): UnknownObject {
  const result: UnknownObject = {};
  for (const [key, value] of Object.entries(block)) {
    const found = key.includes(':') || key.includes('.') ? undefined : registry.resolve(resourceType, qualify(key));
    result[key] = found === undefined ? value : normalizeAttributeValue(found.attribute, value);
  }
  return dropNulls(result, block);
}

/**
 * Normalise a POST or PUT body from any supported client: `id: null` dropped, string booleans
 * ("True", "false", …) turned into booleans where the schema says boolean (top level, inside
 * complex and multi-valued attributes, inside extension blocks), the manager given as a bare id
 * or a one-element array turned into `{value}`, emptied managers dropped, and `"$ref": null`
 * removed from member and other multi-valued elements. Microsoft's non-standard group schema URN
 * in `schemas` needs nothing: the core ignores `schemas` on input. Returns non-objects unchanged.
 */
export function normalizeResourceBody(
  body: unknown,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): unknown {
  if (!isPlainObject(body)) return body;
  const withoutNullId = nullIdInBody(body);
  const core = normalizeBlock(withoutNullId, (key) => key, registry, resourceType);
  const result: UnknownObject = {};
  for (const [key, value] of Object.entries(core)) {
    const urn = registry.canonicalExtensionUrn(resourceType, key);
    result[key] =
      urn !== undefined && isPlainObject(value)
        ? normalizeBlock(value, (name) => `${urn}:${name}`, registry, resourceType)
        : value;
  }
  return result;
}
