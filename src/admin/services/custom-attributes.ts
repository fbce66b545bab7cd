/**
 * Custom attributes an admin adds in the console: validated, stored, and published in `/Schemas`
 * at once (the schema catalog is invalidated). Okta's Profile Editor takes the attribute's name
 * as "External name" and its schema URN as "External namespace".
 */
import { randomUUID } from 'node:crypto';
import type { Directory } from '../../directory/directory.js';
import { toDefinition } from '../../directory/schema-catalog.js';
import { ScimError } from '../../scim/errors.js';
import { createSchemaRegistry } from '../../scim/schemas/schema-registry.js';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  STRATEGY_GROUP_SCHEMA,
  STRATEGY_USER_SCHEMA,
  type ResourceTypeName,
} from '../../scim/schemas/types.js';
import { type CustomAttributeRecord, StoreConflictError } from '../../store/store.js';
import type { CustomAttributeType, CustomAttributeView } from '../admin-api-types.js';

export const CUSTOM_ATTRIBUTE_TYPES: readonly CustomAttributeType[] = [
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'reference',
  'binary',
];
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const SCHEMA_URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}(?::[A-Za-z0-9()+,\-.=@;$_!*'%/?#]+)+$/;
const STANDARD_SCHEMAS = [CORE_USER_SCHEMA, CORE_GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA].map((urn) => urn.toLowerCase());

export function defaultSchemaFor(resourceType: ResourceTypeName): string {
  return resourceType === 'User' ? STRATEGY_USER_SCHEMA : STRATEGY_GROUP_SCHEMA;
}

export function toCustomAttributeView(record: CustomAttributeRecord): CustomAttributeView {
  return {
    ...record,
    path: `${record.schema}:${record.name}`,
    okta: record.resourceType === 'User' ? { externalName: record.name, externalNamespace: record.schema } : null,
  };
}

export async function listCustomAttributes(directory: Directory): Promise<CustomAttributeView[]> {
  const records = await directory.store.read((session) => session.schemaAttributes.list());
  return records.map(toCustomAttributeView);
}

/** Check a request and build the record to store; throws 400 with what to fix. */
export function parseCustomAttribute(body: unknown, now: Date = new Date()): CustomAttributeRecord {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ScimError.invalidSyntax('Send a JSON object such as {"name": "costCenterCode", "type": "string"}.');
  }
  const input = body as Record<string, unknown>;
  const name = typeof input['name'] === 'string' ? input['name'].trim() : '';
  if (!ATTRIBUTE_NAME.test(name)) {
    throw ScimError.invalidValue(
      `"${name}" is not a valid SCIM attribute name: start with a letter, then use letters, digits, "-" or "_" (at most 64 characters), e.g. "costCenterCode".`,
    );
  }
  const type = input['type'] ?? 'string';
  if (typeof type !== 'string' || !(CUSTOM_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
    throw ScimError.invalidValue(`"type" must be one of ${CUSTOM_ATTRIBUTE_TYPES.join(', ')}.`);
  }
  const resourceType = input['resourceType'] ?? 'User';
  if (resourceType !== 'User' && resourceType !== 'Group')
    throw ScimError.invalidValue('"resourceType" must be "User" or "Group".');
  const rawSchema = input['schema'];
  const schema =
    typeof rawSchema === 'string' && rawSchema.trim() !== '' ? rawSchema.trim() : defaultSchemaFor(resourceType);
  if (!SCHEMA_URN.test(schema)) {
    throw ScimError.invalidValue(
      `"${schema}" is not a schema URN. Use the Strategy extension (${defaultSchemaFor(resourceType)}) or a URN of your own such as "urn:example:params:scim:schemas:extension:acme:2.0:User".`,
    );
  }
  if (STANDARD_SCHEMAS.includes(schema.toLowerCase())) {
    throw ScimError.invalidValue(
      `${schema} is a standard schema that cannot be changed. Add the attribute to the Strategy extension (${defaultSchemaFor(resourceType)}) or a URN of your own.`,
    );
  }
  for (const flag of ['multiValued', 'caseExact'] as const) {
    if (input[flag] !== undefined && typeof input[flag] !== 'boolean')
      throw ScimError.invalidValue(`"${flag}" must be true or false.`);
  }
  const description = input['description'];
  if (description !== undefined && (typeof description !== 'string' || description.length > 500)) {
    throw ScimError.invalidValue('"description" must be a text of at most 500 characters.');
  }
  return {
    id: randomUUID(),
    resourceType,
    schema,
    name,
    type: type as CustomAttributeType,
    multiValued: input['multiValued'] === true,
    caseExact: input['caseExact'] === true,
    description:
      typeof description === 'string' && description.trim() !== ''
        ? description.trim()
        : 'Custom attribute added in the admin console.',
    created: now.toISOString(),
  };
}

export async function addCustomAttribute(directory: Directory, body: unknown): Promise<CustomAttributeView> {
  const record = parseCustomAttribute(body);
  const { registry, customAttributes } = await directory.catalog.current();
  const otherType: ResourceTypeName = record.resourceType === 'User' ? 'Group' : 'User';
  if (registry.isExtension(otherType, record.schema)) {
    throw ScimError.invalidValue(
      `${record.schema} is an extension of ${otherType}s; use ${defaultSchemaFor(record.resourceType)} for a ${record.resourceType} attribute.`,
    );
  }
  const existing = registry.resolve(record.resourceType, `${record.schema}:${record.name}`);
  if (existing && existing.schema.toLowerCase() === record.schema.toLowerCase()) {
    throw ScimError.uniqueness(
      `${record.schema} already has an attribute "${existing.attribute.name}". Choose another name.`,
    );
  }
  // Check that the new attribute resolves as itself once published (URN prefixes could shadow it).
  const next = createSchemaRegistry([...customAttributes, record].map(toDefinition));
  const resolved = next.resolve(record.resourceType, `${record.schema}:${record.name}`);
  if (
    !resolved ||
    resolved.attribute.name !== record.name ||
    resolved.schema.toLowerCase() !== record.schema.toLowerCase()
  ) {
    throw ScimError.invalidValue(
      `The attribute "${record.name}" in ${record.schema} would not be reachable as "${record.schema}:${record.name}". Choose another schema URN or name.`,
    );
  }
  try {
    await directory.store.write((session) => session.schemaAttributes.insert(record));
  } catch (error) {
    if (error instanceof StoreConflictError)
      throw ScimError.uniqueness(
        `${record.schema} already has an attribute named "${record.name}" (names are unique, ignoring case).`,
      );
    throw error;
  }
  directory.catalog.invalidate();
  return toCustomAttributeView(record);
}

/** Remove a custom attribute from the schemas; values already stored stay in the documents, unpublished. */
export async function removeCustomAttribute(directory: Directory, idOrPath: string): Promise<CustomAttributeView> {
  const records = await directory.store.read((session) => session.schemaAttributes.list());
  const wanted = idOrPath.toLowerCase();
  const record = records.find(
    (item) =>
      item.id === idOrPath ||
      `${item.schema}:${item.name}`.toLowerCase() === wanted ||
      item.name.toLowerCase() === wanted,
  );
  if (!record)
    throw ScimError.notFound(
      `No custom attribute has id or name "${idOrPath}". List them with GET /api/admin/attributes.`,
    );
  const sameName = records.filter((item) => item.name.toLowerCase() === wanted);
  if (sameName.length > 1 && record.id !== idOrPath) {
    throw ScimError.invalidValue(
      `Several custom attributes are named "${idOrPath}"; give the id or "<schema>:<name>".`,
    );
  }
  const { mappings } = await directory.catalog.current();
  const path = `${record.schema}:${record.name}`.toLowerCase();
  const feeding = [...mappings].filter(
    ([, scimPath]) => scimPath.toLowerCase() === path || scimPath.toLowerCase().startsWith(`${path}.`),
  );
  if (feeding.length > 0) {
    throw new ScimError(
      409,
      `"${record.name}" feeds the Library field ${feeding.map(([field]) => `"${field}"`).join(', ')}. Map that field to another attribute first (Mappings), then remove the attribute.`,
    );
  }
  await directory.store.write((session) => session.schemaAttributes.delete(record.id));
  directory.catalog.invalidate();
  return toCustomAttributeView(record);
}
