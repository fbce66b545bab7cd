/**
 * Schema look-ups shared by the client-quirk normalisers. The quirk layer needs to know what an
 * attribute is (boolean? a manager-like reference? Group members?) before the strict core sees a
 * value, so it resolves names the same way the core does: case-insensitively, with URN-qualified
 * and dotted names.
 */
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
 * URN (`manager`, `department`, as older Entra jobs send), it is qualified with the one extension
 * that defines it; `qualified` then holds the rewritten key.
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
