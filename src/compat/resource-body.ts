/**
 * A POST or PUT body from any supported client turned into the strict input that
 * `normalizeResourceInput` expects: `id: null` dropped (`onelogin-null-id.ts`), string booleans
 * turned into booleans where the schema says boolean (`string-booleans.ts`; top level, inside
 * complex and multi-valued attributes, inside extension blocks), the manager given as a bare id or
 * a one-element array turned into `{value}` and emptied managers dropped (`entra-manager.ts`),
 * and `"$ref": null` removed from member and other multi-valued elements
 * (`entra-null-references.ts`). Microsoft's non-standard group schema URN in `schemas` needs
 * nothing: the core does not check `schemas` against the attributes. Nothing here rejects a
 * request; a body that needs nothing is returned as the very same object; never mutates its input.
 */
import type { ResourceTypeName, SchemaRegistry } from '../scim/schemas/types.js';
import { normalizeAttributeValue } from './attribute-values.js';
import { dropEmptiedManagers } from './entra-manager.js';
import { nullIdDropped } from './onelogin-null-id.js';
import { isPlainObject, type UnknownObject } from './schema-lookup.js';

/** Value dialects for every attribute of one schema's block (core top level, or an extension). */
function normalizeBlock(
  block: UnknownObject,
  qualify: (key: string) => string,
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
): UnknownObject {
  let changed = false;
  const result: UnknownObject = {};
  for (const [key, value] of Object.entries(block)) {
    const found = key.includes(':') || key.includes('.') ? undefined : registry.resolve(resourceType, qualify(key));
    const normalized = found === undefined ? value : normalizeAttributeValue(found.attribute, value);
    if (normalized !== value) changed = true;
    result[key] = normalized;
  }
  return changed ? dropEmptiedManagers(result, block) : block;
}

/** Normalise a POST or PUT body for `resourceType`. Returns non-objects unchanged. */
export function normalizeResourceBody(
  body: unknown,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): unknown {
  if (!isPlainObject(body)) return body;
  const core = normalizeBlock(nullIdDropped(body), (key) => key, registry, resourceType);
  let changed = core !== body;
  const result: UnknownObject = {};
  for (const [key, value] of Object.entries(core)) {
    const urn = registry.canonicalExtensionUrn(resourceType, key);
    const normalized =
      urn !== undefined && isPlainObject(value)
        ? normalizeBlock(value, (name) => `${urn}:${name}`, registry, resourceType)
        : value;
    if (normalized !== value) changed = true;
    result[key] = normalized;
  }
  return changed ? result : body;
}
