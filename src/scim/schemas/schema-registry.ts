/**
 * The schema registry: which schemas each resource type has, with the admin's custom attributes
 * merged in, and the resolution of textual attribute paths (RFC 7644 section 3.10) to their
 * definitions. Every lookup is case-insensitive (RFC 7643 section 2.1); results carry the
 * canonical spelling.
 *
 * The registry is immutable: `createSchemaRegistry` builds every lookup map once and returns a
 * frozen object whose schemas are frozen too. Build a new registry when custom attributes change.
 */
import { deepFreeze, simpleAttribute } from './attribute-definition.js';
import { coreGroupSchema } from './core-group-schema.js';
import { coreUserSchema } from './core-user-schema.js';
import { enterpriseUserSchema } from './enterprise-user-schema.js';
import { builtInResourceTypes } from './resource-types.js';
import { strategyGroupSchema, strategyUserSchema } from './strategy-schemas.js';
import type {
  AttributeDefinition,
  CustomAttributeDefinition,
  ResolvedAttribute,
  ResourceTypeDefinition,
  ResourceTypeName,
  SchemaDefinition,
  SchemaRegistry,
} from './types.js';

/** The sub-attribute of a complex attribute, by case-insensitive name. */
export function findSubAttribute(def: AttributeDefinition, name: string): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return def.subAttributes?.find((sub) => sub.name.toLowerCase() === wanted);
}

/** The top-level attribute of a schema, by case-insensitive name. */
export function attributeByName(schema: SchemaDefinition, name: string): AttributeDefinition | undefined {
  const wanted = name.toLowerCase();
  return schema.attributes.find((attribute) => attribute.name.toLowerCase() === wanted);
}

/** RFC 7643 section 2.1 ATTRNAME: `ALPHA *(nameChar)`, nameChar = "-" / "_" / DIGIT / ALPHA. */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** A schema URN an admin may create: `urn:` and at least one more segment, no blanks. */
const EXTENSION_URN = /^urn:[^\s:]+(?::[^\s:]+)+$/i;
const CUSTOM_TYPES: ReadonlySet<string> = new Set([
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'reference',
  'binary',
]);

interface SchemaIndex {
  schema: SchemaDefinition;
  lowerUrn: string;
  core: boolean;
  attributes: ReadonlyMap<string, AttributeDefinition>;
  subAttributes: ReadonlyMap<AttributeDefinition, ReadonlyMap<string, AttributeDefinition>>;
}

interface ResourceIndex {
  type: ResourceTypeDefinition;
  core: SchemaIndex;
  /** Core first, then extensions, in resource type order. */
  schemas: SchemaIndex[];
  byUrn: ReadonlyMap<string, SchemaIndex>;
  /** For the URN/attribute split: the longest URN that prefixes a path wins. */
  longestUrnFirst: SchemaIndex[];
}

/** Mutable working state while the factory merges custom attributes; frozen before use. */
interface SchemaDraft {
  schema: SchemaDefinition;
  owner: ResourceTypeName;
}

function customAttribute(def: CustomAttributeDefinition): AttributeDefinition {
  const description =
    def.description.trim() === '' ? `Custom attribute "${def.name}", added in the admin console.` : def.description;
  return simpleAttribute(def.name, def.type, description, {
    multiValued: def.multiValued,
    caseExact: def.caseExact,
    required: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...(def.type === 'reference' ? { referenceTypes: ['external'] } : {}),
  });
}

function lastUrnSegment(urn: string): string {
  const segments = urn.split(':');
  return segments[segments.length - 1] ?? urn;
}

/**
 * Merge the custom attributes into working copies of the schemas. A definition is skipped (never
 * throws: the definitions come from the database and must not stop the server) when its name is
 * not a valid attribute name, its type is unknown, its schema belongs to the other resource type,
 * its name is already taken in that schema, or it names an unknown schema that is not a URN.
 */
function mergeCustomAttributes(
  drafts: Map<string, SchemaDraft>,
  resourceTypes: ResourceTypeDefinition[],
  custom: readonly CustomAttributeDefinition[],
): void {
  for (const def of custom) {
    if (!ATTRIBUTE_NAME.test(def.name) || !CUSTOM_TYPES.has(def.type)) continue;
    const resourceType = resourceTypes.find((type) => type.name === def.resourceType);
    if (resourceType === undefined) continue;
    const urn = def.schema.trim();
    let draft = drafts.get(urn.toLowerCase());
    if (draft === undefined) {
      if (!EXTENSION_URN.test(urn)) continue;
      draft = {
        owner: resourceType.name,
        schema: {
          id: urn,
          name: lastUrnSegment(urn),
          description: `Admin-defined extension of the ${resourceType.name} resource, created in the admin console.`,
          attributes: [],
        },
      };
      drafts.set(urn.toLowerCase(), draft);
      resourceType.schemaExtensions.push({ schema: urn, required: false });
    }
    if (draft.owner !== resourceType.name) continue;
    if (attributeByName(draft.schema, def.name) !== undefined) continue;
    draft.schema.attributes.push(customAttribute(def));
  }
}

function indexSchema(schema: SchemaDefinition, core: boolean): SchemaIndex {
  const attributes = new Map<string, AttributeDefinition>();
  const subAttributes = new Map<AttributeDefinition, Map<string, AttributeDefinition>>();
  for (const attribute of schema.attributes) {
    attributes.set(attribute.name.toLowerCase(), attribute);
    if (attribute.subAttributes !== undefined) {
      subAttributes.set(attribute, new Map(attribute.subAttributes.map((sub) => [sub.name.toLowerCase(), sub])));
    }
  }
  return { schema, lowerUrn: schema.id.toLowerCase(), core, attributes, subAttributes };
}

function indexResourceType(type: ResourceTypeDefinition, drafts: Map<string, SchemaDraft>): ResourceIndex {
  const schemaOf = (urn: string): SchemaDefinition => {
    const draft = drafts.get(urn.toLowerCase());
    if (draft === undefined) throw new Error(`Schema ${urn} of resource type ${type.name} is not defined.`);
    return draft.schema;
  };
  const core = indexSchema(schemaOf(type.schema), true);
  const schemas = [core, ...type.schemaExtensions.map((extension) => indexSchema(schemaOf(extension.schema), false))];
  return {
    type,
    core,
    schemas,
    byUrn: new Map(schemas.map((entry) => [entry.lowerUrn, entry])),
    longestUrnFirst: [...schemas].sort((a, b) => b.lowerUrn.length - a.lowerUrn.length),
  };
}

function lookup(index: SchemaIndex, name: string, sub: string | undefined): ResolvedAttribute | undefined {
  const attribute = index.attributes.get(name.toLowerCase());
  if (attribute === undefined) return undefined;
  const base = index.core ? [attribute.name] : [index.schema.id, attribute.name];
  if (sub === undefined) {
    return { schema: index.schema.id, core: index.core, attribute, documentPath: base };
  }
  const subAttribute = index.subAttributes.get(attribute)?.get(sub.toLowerCase());
  if (subAttribute === undefined) return undefined;
  return {
    schema: index.schema.id,
    core: index.core,
    attribute,
    subAttribute,
    documentPath: [...base, subAttribute.name],
  };
}

/** `name` or `name.sub` within one schema; anything else (empty parts, a second dot) is unknown. */
function lookupDotted(index: SchemaIndex, path: string): ResolvedAttribute | undefined {
  const parts = path.split('.');
  const [name, sub] = parts;
  if (parts.length > 2 || name === undefined || name === '' || sub === '') return undefined;
  return lookup(index, name, sub);
}

/** Parts as a parser split them; a `name` still holding `.sub` is split here. */
function lookupParts(index: SchemaIndex, name: string, sub: string | undefined): ResolvedAttribute | undefined {
  if (sub === undefined) return lookupDotted(index, name);
  if (name === '' || sub === '') return undefined;
  return lookup(index, name, sub);
}

export function createSchemaRegistry(custom: readonly CustomAttributeDefinition[] = []): SchemaRegistry {
  const resourceTypes = builtInResourceTypes();
  const drafts = new Map<string, SchemaDraft>();
  const builtIns: [SchemaDefinition, ResourceTypeName][] = [
    [coreUserSchema(), 'User'],
    [enterpriseUserSchema(), 'User'],
    [strategyUserSchema(), 'User'],
    [coreGroupSchema(), 'Group'],
    [strategyGroupSchema(), 'Group'],
  ];
  for (const [schema, owner] of builtIns) {
    drafts.set(schema.id.toLowerCase(), { owner, schema: { ...schema, attributes: [...schema.attributes] } });
  }
  mergeCustomAttributes(drafts, resourceTypes, custom);
  deepFreeze(resourceTypes);
  for (const draft of drafts.values()) deepFreeze(draft.schema);

  const indexes = new Map<ResourceTypeName, ResourceIndex>(
    resourceTypes.map((type) => [type.name, indexResourceType(type, drafts)]),
  );
  const indexOf = (name: ResourceTypeName): ResourceIndex => {
    const index = indexes.get(name);
    if (index === undefined) throw new Error(`Unknown resource type "${name}"; expected User or Group.`);
    return index;
  };
  const allSchemas = Object.freeze(
    resourceTypes.flatMap((type) => indexOf(type.name).schemas.map((entry) => entry.schema)),
  );

  const extensionIndex = (resourceType: ResourceTypeName, urn: string): SchemaIndex | undefined => {
    const entry = indexOf(resourceType).byUrn.get(urn.trim().toLowerCase());
    return entry !== undefined && !entry.core ? entry : undefined;
  };

  const resolve = (resourceType: ResourceTypeName, path: string): ResolvedAttribute | undefined => {
    const index = indexOf(resourceType);
    const text = path.trim();
    const lower = text.toLowerCase();
    for (const entry of index.longestUrnFirst) {
      if (lower.length > entry.lowerUrn.length + 1 && lower.startsWith(`${entry.lowerUrn}:`)) {
        return lookupDotted(entry, text.slice(entry.lowerUrn.length + 1));
      }
    }
    return lookupDotted(index.core, text);
  };

  const registry: SchemaRegistry = {
    resourceTypes: resourceTypes,
    resourceType: (name) => indexOf(name).type,
    schema: (urn) => drafts.get(urn.trim().toLowerCase())?.schema,
    schemasFor: (resourceType) => indexOf(resourceType).schemas.map((entry) => entry.schema),
    allSchemas: () => [...allSchemas],
    isExtension: (resourceType, urn) => extensionIndex(resourceType, urn) !== undefined,
    canonicalExtensionUrn: (resourceType, urn) => extensionIndex(resourceType, urn)?.schema.id,
    resolve,
    resolveParts: (resourceType, parts) => {
      const { uri, name, sub } = parts;
      if (uri === undefined || uri === '') {
        // A parser that did not split off the URN: resolve the whole text.
        if (name.includes(':')) return resolve(resourceType, sub === undefined ? name : `${name}.${sub}`);
        return lookupParts(indexOf(resourceType).core, name, sub);
      }
      const entry = indexOf(resourceType).byUrn.get(uri.trim().toLowerCase());
      return entry === undefined ? undefined : lookupParts(entry, name, sub);
    },
  };
  return Object.freeze(registry);
}
