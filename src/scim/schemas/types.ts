/**
 * RFC 7643 section 7: the shapes that describe schemas and their attributes, and the registry
 * that answers "what is this attribute?" for every other part of the protocol layer.
 */

export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const STRATEGY_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:User';
export const STRATEGY_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:Group';

export type ResourceTypeName = 'User' | 'Group';

export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

export interface ResourceTypeDefinition {
  id: ResourceTypeName;
  name: ResourceTypeName;
  endpoint: '/Users' | '/Groups';
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
}

/** A custom attribute that an admin added in the console. Always a top-level attribute of `schema`. */
export interface CustomAttributeDefinition {
  schema: string;
  resourceType: ResourceTypeName;
  name: string;
  type: Exclude<AttributeType, 'complex'>;
  multiValued: boolean;
  caseExact: boolean;
  description: string;
}

/**
 * An attribute path resolved against the registry. Names are canonical (as the schema spells
 * them), whatever case the client used.
 */
export interface ResolvedAttribute {
  /** URN of the schema that owns the attribute. */
  schema: string;
  /** True when `schema` is the resource type's core schema (attribute stored at the top level). */
  core: boolean;
  /** The top-level attribute. */
  attribute: AttributeDefinition;
  /** The sub-attribute, when the path names one (`name.givenName`, `emails.value`). */
  subAttribute?: AttributeDefinition;
  /**
   * Where the value lives in a stored document: `['name', 'givenName']`, or for an extension
   * `['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'manager', 'value']`.
   * For a sub-attribute of a multi-valued attribute the last key applies to each element.
   */
  documentPath: string[];
}

export interface SchemaRegistry {
  readonly resourceTypes: readonly ResourceTypeDefinition[];
  resourceType(name: ResourceTypeName): ResourceTypeDefinition;
  /** Case-insensitive lookup by URN. */
  schema(urn: string): SchemaDefinition | undefined;
  /** The core schema first, then each extension, with custom attributes merged in. */
  schemasFor(resourceType: ResourceTypeName): SchemaDefinition[];
  /** Every schema the service publishes, for `/Schemas`. */
  allSchemas(): SchemaDefinition[];
  /** True when `urn` is a schema extension of the resource type (case-insensitive). */
  isExtension(resourceType: ResourceTypeName, urn: string): boolean;
  /** The canonical spelling of an extension URN of the resource type, or undefined. */
  canonicalExtensionUrn(resourceType: ResourceTypeName, urn: string): string | undefined;
  /**
   * Resolve a textual attribute path such as `userName`, `name.givenName`, `emails.value`,
   * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`, or a bare
   * schema-qualified core attribute `urn:ietf:params:scim:schemas:core:2.0:User:userName`.
   * Case-insensitive. Returns undefined for an unknown attribute.
   */
  resolve(resourceType: ResourceTypeName, path: string): ResolvedAttribute | undefined;
  /** The same, with the parts already split (as a filter or PATCH path parser produces them). */
  resolveParts(
    resourceType: ResourceTypeName,
    parts: { uri?: string | undefined; name: string; sub?: string | undefined },
  ): ResolvedAttribute | undefined;
}
