import { describe, expect, it } from 'vitest';
import { attributeByName, createSchemaRegistry, findSubAttribute } from './schema-registry.js';
import type { AttributeDefinition, ResourceTypeName, SchemaDefinition } from './types.js';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  STRATEGY_GROUP_SCHEMA,
  STRATEGY_USER_SCHEMA,
} from './types.js';

const registry = createSchemaRegistry();

describe('resolve', () => {
  const E = ENTERPRISE_USER_SCHEMA;
  const S = STRATEGY_USER_SCHEMA;
  const cases: [ResourceTypeName, string, string, boolean, string, string | undefined, string[]][] = [
    ['User', 'userName', CORE_USER_SCHEMA, true, 'userName', undefined, ['userName']],
    ['User', 'USERNAME', CORE_USER_SCHEMA, true, 'userName', undefined, ['userName']],
    ['User', 'username', CORE_USER_SCHEMA, true, 'userName', undefined, ['userName']],
    ['User', 'name.givenName', CORE_USER_SCHEMA, true, 'name', 'givenName', ['name', 'givenName']],
    ['User', 'Name.GivenName', CORE_USER_SCHEMA, true, 'name', 'givenName', ['name', 'givenName']],
    ['User', 'name', CORE_USER_SCHEMA, true, 'name', undefined, ['name']],
    ['User', 'emails', CORE_USER_SCHEMA, true, 'emails', undefined, ['emails']],
    ['User', 'emails.value', CORE_USER_SCHEMA, true, 'emails', 'value', ['emails', 'value']],
    ['User', 'EMAILS.Primary', CORE_USER_SCHEMA, true, 'emails', 'primary', ['emails', 'primary']],
    ['User', 'meta.lastModified', CORE_USER_SCHEMA, true, 'meta', 'lastModified', ['meta', 'lastModified']],
    ['User', 'meta.created', CORE_USER_SCHEMA, true, 'meta', 'created', ['meta', 'created']],
    ['User', 'id', CORE_USER_SCHEMA, true, 'id', undefined, ['id']],
    ['User', 'externalid', CORE_USER_SCHEMA, true, 'externalId', undefined, ['externalId']],
    ['User', 'groups.$ref', CORE_USER_SCHEMA, true, 'groups', '$ref', ['groups', '$ref']],
    ['User', `${CORE_USER_SCHEMA}:userName`, CORE_USER_SCHEMA, true, 'userName', undefined, ['userName']],
    ['User', `${CORE_USER_SCHEMA.toLowerCase()}:USERNAME`, CORE_USER_SCHEMA, true, 'userName', undefined, ['userName']],
    [
      'User',
      `${CORE_USER_SCHEMA}:name.familyName`,
      CORE_USER_SCHEMA,
      true,
      'name',
      'familyName',
      ['name', 'familyName'],
    ],
    ['User', `${E}:manager`, E, false, 'manager', undefined, [E, 'manager']],
    ['User', `${E}:manager.value`, E, false, 'manager', 'value', [E, 'manager', 'value']],
    ['User', `${E.toUpperCase()}:Manager.Value`, E, false, 'manager', 'value', [E, 'manager', 'value']],
    ['User', `${E}:employeeNumber`, E, false, 'employeeNumber', undefined, [E, 'employeeNumber']],
    ['User', `${S}:distinguishedName`, S, false, 'distinguishedName', undefined, [S, 'distinguishedName']],
    [
      'User',
      `${S.toLowerCase()}:distinguishedname`,
      S,
      false,
      'distinguishedName',
      undefined,
      [S, 'distinguishedName'],
    ],
    ['User', '  userName  ', CORE_USER_SCHEMA, true, 'userName', undefined, ['userName']],
    ['Group', 'displayName', CORE_GROUP_SCHEMA, true, 'displayName', undefined, ['displayName']],
    ['Group', 'members', CORE_GROUP_SCHEMA, true, 'members', undefined, ['members']],
    ['Group', 'members.value', CORE_GROUP_SCHEMA, true, 'members', 'value', ['members', 'value']],
    ['Group', 'Members.$REF', CORE_GROUP_SCHEMA, true, 'members', '$ref', ['members', '$ref']],
    ['Group', 'members.type', CORE_GROUP_SCHEMA, true, 'members', 'type', ['members', 'type']],
    ['Group', 'meta.lastModified', CORE_GROUP_SCHEMA, true, 'meta', 'lastModified', ['meta', 'lastModified']],
    ['Group', `${CORE_GROUP_SCHEMA}:displayName`, CORE_GROUP_SCHEMA, true, 'displayName', undefined, ['displayName']],
    [
      'Group',
      `${STRATEGY_GROUP_SCHEMA}:distinguishedName`,
      STRATEGY_GROUP_SCHEMA,
      false,
      'distinguishedName',
      undefined,
      [STRATEGY_GROUP_SCHEMA, 'distinguishedName'],
    ],
  ];

  it.each(cases)('%s %s', (resourceType, path, schema, core, attribute, sub, documentPath) => {
    const resolved = registry.resolve(resourceType, path);
    expect(resolved).toBeDefined();
    expect(resolved?.schema).toBe(schema);
    expect(resolved?.core).toBe(core);
    expect(resolved?.attribute.name).toBe(attribute);
    expect(resolved?.subAttribute?.name).toBe(sub);
    expect(resolved?.documentPath).toEqual(documentPath);
  });

  it('leaves subAttribute undefined for a complex attribute named without a sub-attribute', () => {
    const resolved = registry.resolve('User', 'name');
    expect(resolved?.attribute.type).toBe('complex');
    expect(resolved?.subAttribute).toBeUndefined();
  });

  it('returns the very definitions the schemas publish', () => {
    const schema = registry.schema(CORE_USER_SCHEMA);
    expect(registry.resolve('User', 'emails.value')?.attribute).toBe(
      schema?.attributes.find((a) => a.name === 'emails'),
    );
  });

  const unknown: [ResourceTypeName, string][] = [
    ['User', 'nope'],
    ['User', 'name.nope'],
    ['User', 'userName.value'],
    ['User', 'emails.value.extra'],
    ['User', ''],
    ['User', '.'],
    ['User', 'name.'],
    ['User', '.givenName'],
    ['User', 'distinguishedName'],
    ['User', 'members'],
    ['User', 'schemas'],
    ['User', ENTERPRISE_USER_SCHEMA],
    ['User', `${ENTERPRISE_USER_SCHEMA}:`],
    ['User', `${ENTERPRISE_USER_SCHEMA}:nope`],
    ['User', `${ENTERPRISE_USER_SCHEMA}:userName`],
    ['User', `${STRATEGY_GROUP_SCHEMA}:distinguishedName`],
    ['User', `${CORE_GROUP_SCHEMA}:displayName.x`],
    ['User', 'urn:acme:unknown:1.0:User:badge'],
    ['User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User:department'],
    ['Group', 'userName'],
    ['Group', 'groups'],
    ['Group', `${ENTERPRISE_USER_SCHEMA}:manager`],
    ['Group', 'members.display.x'],
  ];

  it.each(unknown)('%s %j is unknown', (resourceType, path) => {
    expect(registry.resolve(resourceType, path)).toBeUndefined();
  });
});

describe('resolveParts', () => {
  const E = ENTERPRISE_USER_SCHEMA;
  const cases: [{ uri?: string; name: string; sub?: string }, string | undefined, string | undefined][] = [
    [{ name: 'userName' }, 'userName', undefined],
    [{ name: 'NAME', sub: 'familyname' }, 'name', 'familyName'],
    [{ uri: E, name: 'manager', sub: 'value' }, 'manager', 'value'],
    [{ uri: E.toLowerCase(), name: 'DEPARTMENT' }, 'department', undefined],
    [{ uri: CORE_USER_SCHEMA, name: 'emails', sub: 'type' }, 'emails', 'type'],
    [{ uri: '', name: 'active' }, 'active', undefined],
    // Lenient: a parser that did not split off the URN or the sub-attribute.
    [{ name: `${E}:manager.value` }, 'manager', 'value'],
    [{ name: `${E}:manager`, sub: 'value' }, 'manager', 'value'],
    [{ name: 'name.givenName' }, 'name', 'givenName'],
    [{ uri: E, name: 'manager.value' }, 'manager', 'value'],
    // Unknown.
    [{ uri: 'urn:acme:nope', name: 'manager' }, undefined, undefined],
    [{ uri: E, name: 'userName' }, undefined, undefined],
    [{ name: 'name', sub: '' }, undefined, undefined],
    [{ name: '', sub: 'value' }, undefined, undefined],
    [{ name: 'emails', sub: 'nope' }, undefined, undefined],
  ];

  it.each(cases)('%j', (parts, attribute, sub) => {
    const resolved = registry.resolveParts('User', parts);
    expect(resolved?.attribute.name).toBe(attribute);
    expect(resolved?.subAttribute?.name).toBe(sub);
  });

  it('gives the same answer as resolve', () => {
    expect(registry.resolveParts('User', { uri: E, name: 'manager', sub: 'value' })).toEqual(
      registry.resolve('User', `${E}:manager.value`),
    );
  });
});

describe('resource types and schemas', () => {
  it('lists User first, then Group, with their endpoints and extensions', () => {
    expect(registry.resourceTypes.map((type) => [type.name, type.endpoint, type.schema])).toEqual([
      ['User', '/Users', CORE_USER_SCHEMA],
      ['Group', '/Groups', CORE_GROUP_SCHEMA],
    ]);
    expect(registry.resourceType('User').schemaExtensions).toEqual([
      { schema: ENTERPRISE_USER_SCHEMA, required: false },
      { schema: STRATEGY_USER_SCHEMA, required: false },
    ]);
    expect(registry.resourceType('Group').schemaExtensions).toEqual([
      { schema: STRATEGY_GROUP_SCHEMA, required: false },
    ]);
  });

  it('gives the core schema first, then the extensions', () => {
    expect(registry.schemasFor('User').map((s) => s.id)).toEqual([
      CORE_USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
      STRATEGY_USER_SCHEMA,
    ]);
    expect(registry.schemasFor('Group').map((s) => s.id)).toEqual([CORE_GROUP_SCHEMA, STRATEGY_GROUP_SCHEMA]);
    expect(registry.allSchemas().map((s) => s.id)).toEqual([
      CORE_USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
      STRATEGY_USER_SCHEMA,
      CORE_GROUP_SCHEMA,
      STRATEGY_GROUP_SCHEMA,
    ]);
  });

  it.each([
    [CORE_USER_SCHEMA, 'User'],
    [CORE_USER_SCHEMA.toUpperCase(), 'User'],
    [ENTERPRISE_USER_SCHEMA.toLowerCase(), 'EnterpriseUser'],
    [STRATEGY_GROUP_SCHEMA, 'StrategyGroup'],
  ])('finds schema %s case-insensitively', (urn, name) => {
    expect(registry.schema(urn)?.name).toBe(name);
  });

  it('does not know other schemas', () => {
    expect(registry.schema('urn:ietf:params:scim:api:messages:2.0:PatchOp')).toBeUndefined();
    expect(registry.schema('http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group')).toBeUndefined();
  });

  it.each([
    ['User', ENTERPRISE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    ['User', ENTERPRISE_USER_SCHEMA.toLowerCase(), ENTERPRISE_USER_SCHEMA],
    ['User', 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:STRATEGY:2.0:USER', STRATEGY_USER_SCHEMA],
    ['User', CORE_USER_SCHEMA, undefined],
    ['User', STRATEGY_GROUP_SCHEMA, undefined],
    ['User', 'urn:acme:nope', undefined],
    ['Group', STRATEGY_GROUP_SCHEMA.toLowerCase(), STRATEGY_GROUP_SCHEMA],
    ['Group', ENTERPRISE_USER_SCHEMA, undefined],
    ['Group', CORE_GROUP_SCHEMA, undefined],
  ] as [ResourceTypeName, string, string | undefined][])('%s extension %s', (resourceType, urn, canonical) => {
    expect(registry.canonicalExtensionUrn(resourceType, urn)).toBe(canonical);
    expect(registry.isExtension(resourceType, urn)).toBe(canonical !== undefined);
  });

  it('throws a programming error for an unknown resource type', () => {
    expect(() => registry.resourceType('Device' as ResourceTypeName)).toThrow(/Unknown resource type/);
  });
});

describe('immutability', () => {
  it('freezes the registry, its resource types and its schemas', () => {
    expect(Object.isFrozen(registry)).toBe(true);
    expect(() => registry.resourceType('User').schemaExtensions.push({ schema: 'urn:x', required: false })).toThrow(
      TypeError,
    );
    const schema = registry.schema(CORE_USER_SCHEMA);
    expect(() => schema?.attributes.pop()).toThrow(TypeError);
    const userName = registry.resolve('User', 'userName')?.attribute;
    expect(() => {
      if (userName) userName.required = false;
    }).toThrow(TypeError);
    expect(registry.resolve('User', 'userName')?.attribute.required).toBe(true);
  });

  it('hands out copies of its lists', () => {
    registry.allSchemas().pop();
    registry.schemasFor('User').pop();
    expect(registry.allSchemas()).toHaveLength(5);
    expect(registry.schemasFor('User')).toHaveLength(3);
  });
});

describe('findSubAttribute and attributeByName', () => {
  const core = registry.schema(CORE_USER_SCHEMA) as SchemaDefinition;

  it.each([
    ['emails', 'emails'],
    ['EMAILS', 'emails'],
    ['phonenumbers', 'phoneNumbers'],
    ['nope', undefined],
  ])('attributeByName(%s)', (name, expected) => {
    expect(attributeByName(core, name)?.name).toBe(expected);
  });

  it.each([
    ['value', 'value'],
    ['PRIMARY', 'primary'],
    ['Type', 'type'],
    ['nope', undefined],
  ])('findSubAttribute(emails, %s)', (name, expected) => {
    const emails = attributeByName(core, 'emails') as AttributeDefinition;
    expect(findSubAttribute(emails, name)?.name).toBe(expected);
  });

  it('finds no sub-attribute of a simple attribute', () => {
    expect(findSubAttribute(attributeByName(core, 'userName') as AttributeDefinition, 'value')).toBeUndefined();
  });
});
