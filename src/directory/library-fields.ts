/**
 * The Library's own user and group fields (product.md section 3) and the SCIM attribute that
 * feeds each one. An admin can change the mapping; the fields are materialised into columns on
 * every write so that the application server can read them without parsing SCIM documents.
 */
import type { FieldMappingRecord, LibraryUserFields } from '../store/store.js';
import type { ResourceTypeName, SchemaRegistry } from '../scim/schemas/types.js';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  STRATEGY_GROUP_SCHEMA,
  STRATEGY_USER_SCHEMA,
} from '../scim/schemas/types.js';
import { isJsonObject as isObject, type JsonObject, type JsonValue } from '../scim/json.js';

export interface LibraryFieldDefinition {
  /** Stable key, such as `user.fullName`. */
  field: string;
  resourceType: ResourceTypeName;
  /** The label that the product uses. */
  label: string;
  /** The default SCIM attribute path. */
  defaultScimPath: string;
  /** Whether an admin may change the attribute that feeds it. */
  remappable: boolean;
}

export const LIBRARY_FIELDS: readonly LibraryFieldDefinition[] = [
  {
    field: 'user.fullName',
    resourceType: 'User',
    label: 'Full Name',
    defaultScimPath: 'displayName',
    remappable: true,
  },
  {
    field: 'user.userName',
    resourceType: 'User',
    label: 'Username (Login)',
    defaultScimPath: 'userName',
    remappable: false,
  },
  { field: 'user.email', resourceType: 'User', label: 'Email Address', defaultScimPath: 'emails', remappable: true },
  { field: 'user.trustId', resourceType: 'User', label: 'Trust Id', defaultScimPath: 'userName', remappable: true },
  {
    field: 'user.distinguishedName',
    resourceType: 'User',
    label: 'Distinguished Name',
    defaultScimPath: `${STRATEGY_USER_SCHEMA}:distinguishedName`,
    remappable: true,
  },
  { field: 'user.enabled', resourceType: 'User', label: 'Enabled', defaultScimPath: 'active', remappable: false },
  {
    field: 'group.name',
    resourceType: 'Group',
    label: 'User Group Name',
    defaultScimPath: 'displayName',
    remappable: false,
  },
  {
    field: 'group.distinguishedName',
    resourceType: 'Group',
    label: 'Distinguished Name',
    defaultScimPath: `${STRATEGY_GROUP_SCHEMA}:distinguishedName`,
    remappable: true,
  },
];

export interface FieldMappingView {
  field: string;
  label: string;
  resourceType: ResourceTypeName;
  scimPath: string;
  /** The schema URN that owns the attribute, for the console's "SCIM Schema" column. */
  schema: string;
  attribute: string;
  remappable: boolean;
}

/** The effective mapping: stored overrides on top of the defaults. */
export function effectiveMappings(stored: readonly FieldMappingRecord[]): Map<string, string> {
  const mappings = new Map<string, string>();
  for (const definition of LIBRARY_FIELDS) mappings.set(definition.field, definition.defaultScimPath);
  for (const record of stored) {
    const definition = LIBRARY_FIELDS.find((candidate) => candidate.field === record.field);
    if (definition?.remappable) mappings.set(record.field, record.scimPath);
  }
  return mappings;
}

export function describeMappings(mappings: Map<string, string>, registry: SchemaRegistry): FieldMappingView[] {
  return LIBRARY_FIELDS.map((definition) => {
    const scimPath = mappings.get(definition.field) ?? definition.defaultScimPath;
    const resolved = registry.resolve(definition.resourceType, scimPath);
    const coreSchema = definition.resourceType === 'User' ? CORE_USER_SCHEMA : CORE_GROUP_SCHEMA;
    const attribute = resolved
      ? [resolved.attribute.name, resolved.subAttribute?.name].filter(Boolean).join('.')
      : scimPath;
    return {
      field: definition.field,
      label: definition.label,
      resourceType: definition.resourceType,
      scimPath,
      schema: resolved?.schema ?? coreSchema,
      attribute,
      remappable: definition.remappable,
    };
  });
}

/** Read the value that a SCIM path holds in a canonical document, as the Library field's text. */
export function readFieldValue(
  document: JsonObject,
  resourceType: ResourceTypeName,
  scimPath: string,
  registry: SchemaRegistry,
): string | null {
  const resolved = registry.resolve(resourceType, scimPath);
  if (!resolved) return null;
  const [first, ...rest] = resolved.documentPath;
  if (first === undefined) return null;
  let value: JsonValue | undefined = document[first];
  if (resolved.attribute.multiValued) {
    const element = pickElement(value);
    if (element === undefined) return null;
    const sub = resolved.subAttribute?.name ?? 'value';
    value = isObject(element) ? element[sub] : element;
    return scalarText(value);
  }
  for (const key of rest) {
    if (!isObject(value)) return null;
    value = value[key];
  }
  if (isObject(value) && resolved.subAttribute === undefined) value = value['value'];
  return scalarText(value);
}

/** The primary element, else the `work` one, else the first (product.md section 3, Email Address). */
function pickElement(value: JsonValue | undefined): JsonValue | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const primary = value.find((element) => isObject(element) && element['primary'] === true);
  if (primary !== undefined) return primary;
  const work = value.find(
    (element) => isObject(element) && typeof element['type'] === 'string' && element['type'].toLowerCase() === 'work',
  );
  return work ?? value[0];
}

/** The value of the primary email, else the work one, else the first (the default Email Address). */
export function preferredEmail(document: JsonObject): string | null {
  const element = pickElement(document['emails']);
  return scalarText(isObject(element) ? element['value'] : element);
}

function scalarText(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function libraryUserFields(
  document: JsonObject,
  mappings: Map<string, string>,
  registry: SchemaRegistry,
): LibraryUserFields {
  const read = (field: string): string | null => readFieldValue(document, 'User', mappings.get(field) ?? '', registry);
  return {
    fullName: read('user.fullName'),
    email: read('user.email'),
    trustId: read('user.trustId'),
    distinguishedName: read('user.distinguishedName'),
  };
}

export function libraryGroupDistinguishedName(
  document: JsonObject,
  mappings: Map<string, string>,
  registry: SchemaRegistry,
): string | null {
  return readFieldValue(document, 'Group', mappings.get('group.distinguishedName') ?? '', registry);
}
