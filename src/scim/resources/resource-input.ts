/**
 * POST and PUT bodies (RFC 7644 sections 3.3 and 3.5.1) turned into the canonical document that
 * the directory stores: core attributes at the top level, extension attributes under the
 * canonical URN key, every name in the schema's spelling, every value type-checked.
 *
 * Client dialects (string booleans, `id: null`, manager shapes ...) are normalised before this at
 * the HTTP edge (`src/compat/`); values here must have their schema's types. What this module
 * ignores, it ignores because RFC 7643/7644 let a service provider do so:
 * - `schemas` is not checked against the attributes sent (clients list URNs we do not know, such
 *   as Microsoft's ADSCIM group URN);
 * - unknown attributes and unknown extension URNs are ignored, as are dotted or URN-qualified
 *   top-level keys (those are PATCH syntax);
 * - read-only attributes (`id`, `meta`, `groups`, ...) are dropped silently (RFC 7644 section
 *   3.5.1: the service provider ignores readOnly values on replace; clients echo them back);
 * - `password` (writeOnly) is dropped: the Library does not keep passwords, it authenticates
 *   users through its own directory. Okta sends a placeholder password on create;
 * - `null` and empty arrays mean "no value" and are dropped (RFC 7643 section 2.5).
 */
import { ScimError } from '../errors.js';
import type { AttributeDefinition, ResourceTypeName, SchemaDefinition, SchemaRegistry } from '../schemas/types.js';
import { canonicaliseValue, describeJson, keysByLowerName } from './attribute-value.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';

export { canonicaliseValue } from './attribute-value.js';

/** A member reference from a Group body. `type` is "User"/"Group" in canonical case when it is one of those. */
export interface MemberInput {
  value: string;
  type?: string;
}

export interface ResourceInput {
  /** Canonical document without `schemas`, `id`, `meta` (and for Groups without `members`). */
  document: JsonObject;
  /** Group members: undefined when the body has no `members` key; `null` gives []. */
  members?: MemberInput[];
}

function isWritable(attr: AttributeDefinition): boolean {
  return attr.mutability !== 'readOnly' && attr.mutability !== 'writeOnly';
}

/** Attributes of one schema, case-insensitively, into `target` under canonical names. */
function copyAttributes(
  source: JsonObject,
  schema: SchemaDefinition,
  target: JsonObject,
  where: string,
  prefix: string,
  skip: (attr: AttributeDefinition) => boolean,
): void {
  const byName = new Map(schema.attributes.map((attr) => [attr.name.toLowerCase(), attr]));
  for (const [lower, [, value]] of keysByLowerName(source, where)) {
    const attr = byName.get(lower);
    if (attr === undefined || !isWritable(attr) || skip(attr)) continue;
    const canonical = canonicaliseValue(attr, value, `${prefix}${attr.name}`);
    if (canonical !== undefined) target[attr.name] = canonical;
  }
}

function memberType(type: JsonValue | undefined, position: number): string | undefined {
  if (type === undefined || type === null) return undefined;
  if (typeof type !== 'string') {
    throw ScimError.invalidValue(
      `Member ${position} has a "type" of ${describeJson(type)}; a member's type must be the string "User" or "Group".`,
    );
  }
  const lower = type.toLowerCase();
  return lower === 'user' ? 'User' : lower === 'group' ? 'Group' : type;
}

function memberEntry(element: JsonValue, position: number): MemberInput {
  if (typeof element === 'string') return { value: element };
  if (!isJsonObject(element)) {
    throw ScimError.invalidValue(
      `Member ${position} of "members" is ${describeJson(element)}; each member must be a JSON object such as ` +
        '{"value": "<id of a User or Group>"}.',
    );
  }
  const fields = keysByLowerName(element, `Member ${position} of "members"`);
  const value = fields.get('value')?.[1];
  if (typeof value !== 'string' || value.trim() === '') {
    throw ScimError.invalidValue(
      `Member ${position} of "members" has ${value === undefined ? 'no "value"' : `a "value" of ${describeJson(value)}`}; ` +
        'each member needs "value" set to the id of a User or Group of this service.',
    );
  }
  const type = memberType(fields.get('type')?.[1], position);
  return type === undefined ? { value } : { value, type };
}

/** `members` of a Group body: a list of `{value, type?}`, duplicates (same id) removed. */
function memberList(value: JsonValue): MemberInput[] {
  if (value === null) return [];
  const elements = Array.isArray(value) ? value : [value];
  const members = new Map<string, MemberInput>();
  elements.forEach((element, index) => {
    if (element === null) return;
    const member = memberEntry(element, index + 1);
    if (!members.has(member.value)) members.set(member.value, member);
  });
  return [...members.values()];
}

function requireAttributes(document: JsonObject, resourceType: ResourceTypeName, registry: SchemaRegistry): void {
  for (const schema of registry.schemasFor(resourceType)) {
    const core = schema.id === registry.resourceType(resourceType).schema;
    const holder = core ? document : document[schema.id];
    for (const attr of schema.attributes) {
      if (!attr.required || !isWritable(attr)) continue;
      const value = isJsonObject(holder) ? holder[attr.name] : undefined;
      const blank = value === undefined || (typeof value === 'string' && value.trim() === '');
      if (!blank) continue;
      const name = core ? attr.name : `${schema.id}:${attr.name}`;
      const unique = attr.uniqueness === 'none' ? '' : `, unique among ${resourceType}s`;
      const sent = value === undefined ? 'has none' : value === '' ? 'sent an empty string' : 'sent only white space';
      throw ScimError.invalidValue(
        `A ${resourceType} needs "${name}" (a non-empty ${attr.type}${unique}), but the request ${sent}. ` +
          `Map an attribute to "${name}" in the identity provider and send it again.`,
      );
    }
  }
}

/**
 * Normalise a POST or PUT body for `resourceType`. Throws ScimError 400: `invalidSyntax` when the
 * body is not a JSON object, `invalidValue` for a wrong type, a missing required attribute or a
 * second primary value.
 */
export function normalizeResourceInput(
  body: unknown,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): ResourceInput {
  if (!isJsonObject(body)) {
    throw ScimError.invalidSyntax(
      `The request body must be a JSON object (a SCIM ${resourceType} resource with "schemas" and its attributes), ` +
        (body === undefined ? 'but the request has no body.' : `but it is ${describeJson(body)}.`),
    );
  }
  const type = registry.resourceType(resourceType);
  const document: JsonObject = {};
  let members: MemberInput[] | undefined;
  const topLevel = keysByLowerName(body, 'The request body');
  const extensionBlocks: [string, JsonValue][] = [];
  for (const [lower, [key, value]] of topLevel) {
    if (resourceType === 'Group' && lower === 'members') members = memberList(value);
    const urn = key.includes(':') ? registry.canonicalExtensionUrn(resourceType, key) : undefined;
    if (urn !== undefined) extensionBlocks.push([urn, value]);
  }

  const coreSchema = registry.schema(type.schema);
  if (coreSchema === undefined) throw new Error(`Core schema ${type.schema} is missing from the registry.`);
  const isMembers = (attr: AttributeDefinition) => resourceType === 'Group' && attr.name === 'members';
  copyAttributes(body, coreSchema, document, 'The request body', '', isMembers);

  for (const [urn, value] of extensionBlocks) {
    if (value === null) continue;
    if (!isJsonObject(value)) {
      throw ScimError.invalidValue(
        `The extension "${urn}" must be a JSON object holding its attributes, but the request sent ${describeJson(value)}.`,
      );
    }
    const schema = registry.schema(urn);
    if (schema === undefined) continue;
    const block: JsonObject = {};
    copyAttributes(value, schema, block, `The extension "${urn}"`, `${urn}:`, () => false);
    if (Object.keys(block).length > 0) document[urn] = block;
  }

  requireAttributes(document, resourceType, registry);
  return members === undefined ? { document } : { document, members };
}
