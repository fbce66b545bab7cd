/** The built-in schemas as the registry publishes them: each attribute's characteristics (RFC 7643). */
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from './schema-registry.js';
import type { AttributeDefinition, ResourceTypeName, SchemaDefinition } from './types.js';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  STRATEGY_GROUP_SCHEMA,
  STRATEGY_USER_SCHEMA,
} from './types.js';

const registry = createSchemaRegistry();

describe('schema definitions', () => {
  const characteristic = (path: string, resourceType: ResourceTypeName = 'User'): AttributeDefinition => {
    const resolved = registry.resolve(resourceType, path);
    if (resolved === undefined) throw new Error(`${path} does not resolve`);
    return resolved.subAttribute ?? resolved.attribute;
  };

  it.each([
    [
      'userName',
      {
        type: 'string',
        required: true,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'server',
      },
    ],
    ['id', { type: 'string', caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }],
    ['externalId', { type: 'string', caseExact: true, mutability: 'readWrite', returned: 'default', required: false }],
    ['meta', { type: 'complex', mutability: 'readOnly', multiValued: false }],
    ['meta.lastModified', { type: 'dateTime', mutability: 'readOnly' }],
    ['meta.location', { type: 'reference', mutability: 'readOnly' }],
    ['password', { type: 'string', mutability: 'writeOnly', returned: 'never' }],
    ['active', { type: 'boolean', mutability: 'readWrite' }],
    ['groups', { type: 'complex', multiValued: true, mutability: 'readOnly' }],
    ['groups.value', { mutability: 'readOnly' }],
    ['emails', { type: 'complex', multiValued: true, mutability: 'readWrite' }],
    ['emails.type', { canonicalValues: ['work', 'home', 'other'] }],
    ['emails.primary', { type: 'boolean' }],
    ['phoneNumbers.type', { canonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] }],
    ['photos.value', { type: 'reference', referenceTypes: ['external'] }],
    ['profileUrl', { type: 'reference', referenceTypes: ['external'] }],
    ['x509Certificates.value', { type: 'binary' }],
    ['addresses.streetAddress', { type: 'string' }],
    [`${ENTERPRISE_USER_SCHEMA}:manager`, { type: 'complex', multiValued: false }],
    [`${ENTERPRISE_USER_SCHEMA}:manager.$ref`, { type: 'reference', referenceTypes: ['User'] }],
    [`${ENTERPRISE_USER_SCHEMA}:manager.displayName`, { mutability: 'readOnly' }],
    [
      `${STRATEGY_USER_SCHEMA}:distinguishedName`,
      { type: 'string', multiValued: false, caseExact: false, mutability: 'readWrite', returned: 'default' },
    ],
  ] as [string, Partial<AttributeDefinition>][])('User %s', (path, expected) => {
    expect(characteristic(path)).toMatchObject(expected);
  });

  it.each([
    ['displayName', { type: 'string', required: true, uniqueness: 'server' }],
    ['members', { type: 'complex', multiValued: true, mutability: 'readWrite' }],
    ['members.value', { mutability: 'immutable' }],
    ['members.$ref', { type: 'reference', referenceTypes: ['User', 'Group'] }],
    ['members.type', { canonicalValues: ['User', 'Group'] }],
    ['members.display', { mutability: 'readOnly' }],
    ['id', { returned: 'always', caseExact: true }],
  ] as [string, Partial<AttributeDefinition>][])('Group %s', (path, expected) => {
    expect(characteristic(path, 'Group')).toMatchObject(expected);
  });

  it('has every RFC 7643 User attribute, plus the common ones', () => {
    expect(registry.schema(CORE_USER_SCHEMA)?.attributes.map((a) => a.name)).toEqual([
      'id',
      'externalId',
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
      'meta',
    ]);
    expect(characteristic('name').subAttributes?.map((a) => a.name)).toEqual([
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ]);
    expect(characteristic('meta').subAttributes?.map((a) => a.name)).toEqual([
      'resourceType',
      'created',
      'lastModified',
      'location',
      'version',
    ]);
    expect(registry.schema(ENTERPRISE_USER_SCHEMA)?.attributes.map((a) => a.name)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
    expect(registry.schema(CORE_GROUP_SCHEMA)?.attributes.map((a) => a.name)).toEqual([
      'id',
      'externalId',
      'displayName',
      'members',
      'meta',
    ]);
  });

  function walk(
    attributes: AttributeDefinition[],
    visit: (attr: AttributeDefinition, depth: number) => void,
    depth = 0,
  ): void {
    for (const attr of attributes) {
      visit(attr, depth);
      walk(attr.subAttributes ?? [], visit, depth + 1);
    }
  }

  it.each(registry.allSchemas().map((schema): [string, SchemaDefinition] => [schema.id, schema]))(
    '%s is well formed',
    (_id, schema) => {
      expect(schema.description).not.toBe('');
      walk(schema.attributes, (attr, depth) => {
        expect(attr.description.length, attr.name).toBeGreaterThan(10);
        expect(depth).toBeLessThan(2);
        expect(attr.subAttributes !== undefined, attr.name).toBe(attr.type === 'complex');
      });
      const names = schema.attributes.map((a) => a.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
    },
  );

  it('describes the Strategy distinguished names for admins', () => {
    expect(characteristic(`${STRATEGY_USER_SCHEMA}:distinguishedName`).description).toBe(
      'The LDAP distinguished name of the user in the Library directory, e.g. CN=J Doe,OU=Staff,DC=example,DC=com',
    );
    expect(characteristic(`${STRATEGY_GROUP_SCHEMA}:distinguishedName`, 'Group').description).toContain(
      'of the group in the Library directory',
    );
  });
});
