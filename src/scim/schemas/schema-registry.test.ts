import { describe, expect, it } from 'vitest';
import { attributeByName, createSchemaRegistry, findSubAttribute } from './schema-registry.js';
import type { AttributeDefinition, CustomAttributeDefinition, ResourceTypeName, SchemaDefinition } from './types.js';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  STRATEGY_GROUP_SCHEMA,
  STRATEGY_USER_SCHEMA,
} from './types.js';

const registry = createSchemaRegistry();

function custom(overrides: Partial<CustomAttributeDefinition>): CustomAttributeDefinition {
  return {
    schema: STRATEGY_USER_SCHEMA,
    resourceType: 'User',
    name: 'badgeNumber',
    type: 'string',
    multiValued: false,
    caseExact: false,
    description: 'Badge printed on the library card.',
    ...overrides,
  };
}

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

describe('custom attributes', () => {
  it('merges a custom attribute into the Strategy User extension', () => {
    const withCustom = createSchemaRegistry([custom({})]);
    const resolved = withCustom.resolve('User', `${STRATEGY_USER_SCHEMA}:BADGENUMBER`);
    expect(resolved?.attribute).toEqual({
      name: 'badgeNumber',
      type: 'string',
      description: 'Badge printed on the library card.',
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    });
    expect(resolved?.documentPath).toEqual([STRATEGY_USER_SCHEMA, 'badgeNumber']);
    expect(withCustom.schema(STRATEGY_USER_SCHEMA)?.attributes.map((a) => a.name)).toEqual([
      'distinguishedName',
      'badgeNumber',
    ]);
    expect(withCustom.resourceType('User').schemaExtensions).toHaveLength(2);
  });

  it('merges into a schema named in any case, and into the core schema at the top level', () => {
    const withCustom = createSchemaRegistry([
      custom({ schema: ENTERPRISE_USER_SCHEMA.toLowerCase(), name: 'site', caseExact: true }),
      custom({ schema: CORE_USER_SCHEMA, name: 'libraryCard', type: 'integer' }),
      custom({ schema: CORE_GROUP_SCHEMA, resourceType: 'Group', name: 'room', multiValued: true }),
    ]);
    expect(withCustom.resolve('User', `${ENTERPRISE_USER_SCHEMA}:site`)?.attribute.caseExact).toBe(true);
    const card = withCustom.resolve('User', 'librarycard');
    expect(card).toMatchObject({ schema: CORE_USER_SCHEMA, core: true, documentPath: ['libraryCard'] });
    expect(card?.attribute.type).toBe('integer');
    expect(withCustom.resolve('Group', 'room')?.attribute.multiValued).toBe(true);
  });

  it('creates an admin-defined extension for an unknown URN and publishes it', () => {
    const urn = 'urn:example:params:scim:schemas:extension:Acme:1.0:User';
    const withCustom = createSchemaRegistry([
      custom({ schema: urn, name: 'costCode' }),
      custom({ schema: urn.toUpperCase(), name: 'floor', type: 'integer' }),
      custom({ schema: 'urn:example:ext:Acme:1.0:Group', resourceType: 'Group', name: 'shelf', type: 'boolean' }),
    ]);
    expect(withCustom.resourceType('User').schemaExtensions).toEqual([
      { schema: ENTERPRISE_USER_SCHEMA, required: false },
      { schema: STRATEGY_USER_SCHEMA, required: false },
      { schema: urn, required: false },
    ]);
    const schema = withCustom.schema(urn);
    expect(schema?.name).toBe('User');
    expect(schema?.description).toMatch(/admin-defined extension of the User resource/i);
    expect(schema?.attributes.map((a) => a.name)).toEqual(['costCode', 'floor']);
    expect(withCustom.schemasFor('User').map((s) => s.id)).toContain(urn);
    expect(withCustom.allSchemas()).toHaveLength(7);
    expect(withCustom.isExtension('User', urn.toLowerCase())).toBe(true);
    expect(withCustom.canonicalExtensionUrn('User', urn.toLowerCase())).toBe(urn);
    expect(withCustom.resolve('User', `${urn}:FLOOR`)).toMatchObject({
      schema: urn,
      core: false,
      documentPath: [urn, 'floor'],
    });
    expect(withCustom.resolve('Group', 'urn:example:ext:Acme:1.0:Group:shelf')?.attribute.type).toBe('boolean');
    expect(withCustom.schema('urn:example:ext:Acme:1.0:Group')?.name).toBe('Group');
    expect(withCustom.isExtension('Group', urn)).toBe(false);
  });

  it('splits at the longest known URN', () => {
    const withCustom = createSchemaRegistry([
      custom({ schema: 'urn:acme:ext', name: 'level' }),
      custom({ schema: 'urn:acme:ext:v2', name: 'badge' }),
    ]);
    expect(withCustom.resolve('User', 'urn:acme:ext:v2:badge')).toMatchObject({ schema: 'urn:acme:ext:v2' });
    expect(withCustom.resolve('User', 'urn:acme:ext:level')).toMatchObject({ schema: 'urn:acme:ext' });
    expect(withCustom.resolve('User', 'urn:acme:ext:badge')).toBeUndefined();
  });

  it.each([
    ['an invalid attribute name', custom({ name: 'badge number' })],
    ['a name starting with a digit', custom({ name: '1badge' })],
    ['a dotted name', custom({ name: 'badge.number' })],
    ['a name the schema already has', custom({ name: 'DistinguishedName' })],
    ['a core attribute name', custom({ schema: CORE_USER_SCHEMA, name: 'userName', type: 'integer' })],
    ['a schema of the other resource type', custom({ schema: STRATEGY_GROUP_SCHEMA })],
    ['an unknown schema that is not a URN', custom({ schema: 'acme-extension' })],
    ['an unknown complex type', custom({ type: 'complex' as CustomAttributeDefinition['type'] })],
  ])('skips %s', (_reason, definition) => {
    const withCustom = createSchemaRegistry([definition]);
    expect(withCustom.allSchemas()).toEqual(registry.allSchemas());
    expect(withCustom.resourceTypes).toEqual(registry.resourceTypes);
  });

  it('keeps the first of two definitions of one name', () => {
    const withCustom = createSchemaRegistry([
      custom({ type: 'integer' }),
      custom({ name: 'BADGENUMBER', type: 'string' }),
    ]);
    expect(withCustom.resolve('User', `${STRATEGY_USER_SCHEMA}:badgeNumber`)?.attribute.type).toBe('integer');
  });

  it('shares nothing between registries', () => {
    createSchemaRegistry([custom({}), custom({ schema: 'urn:acme:ext', name: 'x' })]);
    const fresh = createSchemaRegistry();
    expect(fresh.resolve('User', `${STRATEGY_USER_SCHEMA}:badgeNumber`)).toBeUndefined();
    expect(fresh.resourceType('User').schemaExtensions).toHaveLength(2);
    expect(fresh.allSchemas()).toHaveLength(5);
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
