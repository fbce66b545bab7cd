/**
 * Schema look-ups shared by the client dialects. A dialect needs to know what an attribute is
 * (boolean? a manager-like reference? Group members?) before the strict core sees a value, so it
 * resolves names the same way the core does: case-insensitively, with URN-qualified and dotted
 * names, and with the core's own path parser.
 */
import { parsePatchPath } from '../scim/filter/patch-path-parser.js';
import type {
  AttributeDefinition,
  ResolvedAttribute,
  ResourceTypeName,
  SchemaRegistry,
} from '../scim/schemas/types.js';

export type UnknownObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is UnknownObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of `key` in `object`, matching the key case-insensitively (exact spelling first). */
export function memberOf(object: UnknownObject, key: string): { key: string; value: unknown } | undefined {
  if (Object.hasOwn(object, key)) return { key, value: object[key] };
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((name) => name.toLowerCase() === lower);
  return found === undefined ? undefined : { key: found, value: object[found] };
}

/**
 * True when `object` spells one of `keys` in two ways (`"value"` and `"Value"`). Such a body is
 * passed on untouched: picking one spelling here would hide the ambiguity from the core, which
 * refuses it with a detail naming both.
 */
export function hasCaseVariants(object: UnknownObject, keys: readonly string[]): boolean {
  return keys.some((key) => Object.keys(object).filter((name) => name.toLowerCase() === key).length > 1);
}

/** The sub-attribute of a complex attribute named `name`, case-insensitively. */
export function subAttributeNamed(attr: AttributeDefinition, name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return attr.subAttributes?.find((sub) => sub.name.toLowerCase() === lower);
}

/**
 * The URN of the single extension schema of `resourceType` that has a top-level attribute named
 * `name`, when `name` is not a core attribute. Undefined when none or several match.
 */
export function extensionOwningBareName(
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  const [core, ...extensions] = registry.schemasFor(resourceType);
  if (core?.attributes.some((attr) => attr.name.toLowerCase() === lower)) return undefined;
  const owners = extensions.filter((schema) => schema.attributes.some((attr) => attr.name.toLowerCase() === lower));
  return owners.length === 1 ? owners[0]?.id : undefined;
}

/**
 * Resolve a key of a body or of a no-path PATCH value (`active`, `name.givenName`,
 * `urn:…:enterprise:2.0:User:manager`). When the key names an extension attribute without its
 * URN (`manager`, `department`), it is qualified with the one extension that defines it;
 * `qualified` then holds the rewritten key.
 *
 * Clients: Entra's pre-2018 `customappsso` jobs and its historic documentation
 * (`"path": "manager"`), docs/clients.md §2.3, §2.5.
 */
export function resolveAttributeKey(
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
  key: string,
): { resolved: ResolvedAttribute; qualified: string } | undefined {
  const direct = registry.resolve(resourceType, key);
  if (direct !== undefined) return { resolved: direct, qualified: key };
  if (key.includes(':')) return undefined;
  const [name = ''] = key.split('.');
  const urn = extensionOwningBareName(registry, resourceType, name);
  if (urn === undefined) return undefined;
  const qualified = `${urn}:${key}`;
  const resolved = registry.resolve(resourceType, qualified);
  return resolved === undefined ? undefined : { resolved, qualified };
}

/** True for Group `members`. */
export function isGroupMembers(resourceType: ResourceTypeName, resolved: ResolvedAttribute): boolean {
  return resourceType === 'Group' && resolved.core && resolved.attribute.name === 'members';
}

/** What a PATCH path points at, as far as the dialects need to know. */
export interface PathTarget {
  resolved: ResolvedAttribute;
  /** The path text, rewritten when a bare extension attribute name was qualified. */
  path: string;
  hasFilter: boolean;
  /** The sub-attribute named after a value filter, or by a dotted path. */
  subAttribute: ResolvedAttribute['subAttribute'];
}

/**
 * Resolve the target of a PATCH path (already in RFC filter syntax). A path naming an extension
 * attribute without its URN (`"path": "manager"`, see `resolveAttributeKey`) is qualified with the
 * one extension that defines it. Undefined when the path cannot be parsed or resolved; the core
 * then reports it.
 */
export function resolvePathTarget(
  path: string,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): PathTarget | undefined {
  let parsed;
  try {
    parsed = parsePatchPath(path);
  } catch {
    return undefined;
  }
  const { attr, filter, subAfterFilter } = parsed;
  let resolved = registry.resolveParts(resourceType, attr);
  let rewritten = path;
  if (resolved === undefined && (attr.uri === undefined || attr.uri === '')) {
    const key = resolveAttributeKey(registry, resourceType, attr.name);
    if (key !== undefined) {
      rewritten = `${key.resolved.schema}:${path}`;
      resolved = registry.resolveParts(resourceType, { uri: key.resolved.schema, name: attr.name, sub: attr.sub });
    }
  }
  if (resolved === undefined) return undefined;
  const subAttribute =
    subAfterFilter !== undefined ? subAttributeNamed(resolved.attribute, subAfterFilter) : resolved.subAttribute;
  return { resolved, path: rewritten, hasFilter: filter !== undefined, subAttribute };
}
