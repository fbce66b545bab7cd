/** Custom attributes an admin adds, merged into the registry (and the definitions it skips). */
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from './schema-registry.js';
import type { CustomAttributeDefinition } from './types.js';
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
