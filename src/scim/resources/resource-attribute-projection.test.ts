import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import type { ResourceTypeName } from '../schemas/types.js';
import {
  CORE_GROUP_SCHEMA as CG,
  CORE_USER_SCHEMA as CU,
  ENTERPRISE_USER_SCHEMA as E,
  STRATEGY_GROUP_SCHEMA as SG,
  STRATEGY_USER_SCHEMA as S,
} from '../schemas/types.js';
import type { ProjectionOptions } from './resource-attribute-projection.js';
import {
  createResourceProjection,
  isAttributeRequested,
  parseAttributeList,
  projectResource,
} from './resource-attribute-projection.js';
import type { JsonObject } from '../json.js';

const registry = createSchemaRegistry();

const meta = {
  resourceType: 'User',
  created: '2025-01-01T00:00:00.000Z',
  lastModified: '2025-01-02T00:00:00.000Z',
  location: 'https://h/Users/u1',
  version: 'W/"2"',
};
const userDoc: JsonObject = {
  schemas: [CU, E, S],
  id: 'u1',
  externalId: 'ext-1',
  userName: 'jdoe',
  password: 'should never leave',
  name: { givenName: 'J', familyName: 'Doe' },
  displayName: 'J Doe',
  active: true,
  emails: [
    { value: 'j@work.example', type: 'work', primary: true },
    { value: 'j@home.example', type: 'home' },
  ],
  groups: [{ value: 'g1', display: 'Staff', type: 'direct' }],
  [E]: { department: 'Stacks', manager: { value: 'm1', displayName: 'Boss' } },
  [S]: { distinguishedName: 'CN=J Doe,OU=Staff,DC=example,DC=com' },
  meta,
};
const { password: _password, ...userDefault } = userDoc;

const groupMeta = { ...meta, resourceType: 'Group', location: 'https://h/Groups/g1' };
const groupDoc: JsonObject = {
  schemas: [CG, SG],
  id: 'g1',
  displayName: 'Staff',
  members: [
    { value: 'u1', display: 'jdoe', type: 'User', $ref: 'https://h/Users/u1' },
    { value: 'g2', display: 'Night', type: 'Group', $ref: 'https://h/Groups/g2' },
  ],
  [SG]: { distinguishedName: 'CN=Staff,DC=example,DC=com' },
  meta: groupMeta,
};

describe('parseAttributeList', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    [' , ,', undefined],
    ['userName', ['userName']],
    ['userName, name.givenName ,emails', ['userName', 'name.givenName', 'emails']],
    ['members,,', ['members']],
    [`${E}:manager.value,${S}`, [`${E}:manager.value`, S]],
  ])('%j', (param, expected) => {
    expect(parseAttributeList(param)).toEqual(expected);
  });
});

describe('projectResource on a User', () => {
  const cases: [string, ProjectionOptions, JsonObject][] = [
    ['returns every default attribute, never the password', {}, userDefault],
    ['treats empty lists as no parameter', { attributes: [], excludedAttributes: [] }, userDefault],
    [
      'keeps only the named attributes, plus id and schemas',
      { attributes: ['userName'] },
      { schemas: [CU], id: 'u1', userName: 'jdoe' },
    ],
    [
      'matches names case-insensitively',
      { attributes: ['USERNAME', 'DisplayName'] },
      { schemas: [CU], id: 'u1', userName: 'jdoe', displayName: 'J Doe' },
    ],
    [
      'keeps only a named sub-attribute of a complex attribute',
      { attributes: ['name.givenName'] },
      { schemas: [CU], id: 'u1', name: { givenName: 'J' } },
    ],
    [
      'keeps only a named sub-attribute in each element',
      { attributes: ['emails.value'] },
      { schemas: [CU], id: 'u1', emails: [{ value: 'j@work.example' }, { value: 'j@home.example' }] },
    ],
    [
      'keeps several named sub-attributes',
      { attributes: ['emails.value', 'EMAILS.TYPE'] },
      {
        schemas: [CU],
        id: 'u1',
        emails: [
          { value: 'j@work.example', type: 'work' },
          { value: 'j@home.example', type: 'home' },
        ],
      },
    ],
    [
      'drops elements that have none of the named sub-attributes',
      { attributes: ['emails.primary'] },
      { schemas: [CU], id: 'u1', emails: [{ primary: true }] },
    ],
    [
      'drops a parent with none of the named sub-attributes',
      { attributes: ['name.middleName'] },
      { schemas: [CU], id: 'u1' },
    ],
    [
      'lets a whole attribute win over its sub-attribute',
      { attributes: ['name.givenName', 'name'] },
      { schemas: [CU], id: 'u1', name: { givenName: 'J', familyName: 'Doe' } },
    ],
    [
      'keeps a whole extension block named by its URN',
      { attributes: [E] },
      { schemas: [CU, E], id: 'u1', [E]: userDoc[E] as JsonObject },
    ],
    [
      'matches an extension URN case-insensitively',
      { attributes: [S.toLowerCase()] },
      { schemas: [CU, S], id: 'u1', [S]: userDoc[S] as JsonObject },
    ],
    [
      'keeps a URN-qualified extension attribute',
      { attributes: [`${E}:department`] },
      { schemas: [CU, E], id: 'u1', [E]: { department: 'Stacks' } },
    ],
    [
      'keeps a URN-qualified extension sub-attribute',
      { attributes: [`${E.toUpperCase()}:MANAGER.VALUE`] },
      { schemas: [CU, E], id: 'u1', [E]: { manager: { value: 'm1' } } },
    ],
    [
      'keeps a URN-qualified core attribute',
      { attributes: [`${CU}:userName`] },
      { schemas: [CU], id: 'u1', userName: 'jdoe' },
    ],
    [
      'keeps meta when named',
      { attributes: ['meta.lastModified'] },
      { schemas: [CU], id: 'u1', meta: { lastModified: meta.lastModified } },
    ],
    [
      'never returns the password, even when named',
      { attributes: ['password', 'userName'] },
      { schemas: [CU], id: 'u1', userName: 'jdoe' },
    ],
    [
      'keeps id and schemas when only unknown names are given',
      { attributes: ['bogus', 'name.bogus', 'urn:x:y'] },
      { schemas: [CU], id: 'u1' },
    ],
    ['keeps id even when id is not named', { attributes: ['active'] }, { schemas: [CU], id: 'u1', active: true }],
    [
      'lets attributes win over excludedAttributes',
      { attributes: ['userName'], excludedAttributes: ['userName'] },
      { schemas: [CU], id: 'u1', userName: 'jdoe' },
    ],
  ];

  it.each(cases)('%s', (_name, options, expected) => {
    expect(projectResource(userDoc, 'User', registry, options)).toEqual(expected);
  });

  const { [E]: _enterprise, ...withoutEnterprise } = userDefault;
  const excluded: [string, string[], JsonObject][] = [
    ['removes an excluded attribute', ['emails'], (({ emails: _e, ...rest }) => rest)(userDefault)],
    [
      'removes several, case-insensitively',
      ['EMAILS', 'Groups', 'meta'],
      (({ emails: _e, groups: _g, meta: _m, ...rest }) => rest)(userDefault),
    ],
    ['never removes id', ['id'], userDefault],
    ['ignores schemas', ['schemas'], userDefault],
    [
      'removes an excluded sub-attribute from each element',
      ['emails.type'],
      { ...userDefault, emails: [{ value: 'j@work.example', primary: true }, { value: 'j@home.example' }] },
    ],
    [
      'removes a parent left empty',
      ['name.givenName', 'name.familyName'],
      (({ name: _n, ...rest }) => rest)(userDefault),
    ],
    ['removes a whole extension block and its URN from schemas', [E], { ...withoutEnterprise, schemas: [CU, S] }],
    [
      'removes the URN when the last attribute of a block goes',
      [`${S}:distinguishedName`],
      { ...(({ [S]: _s, ...rest }) => rest)(userDefault), schemas: [CU, E] },
    ],
    [
      'removes an extension sub-attribute',
      [`${E}:manager.displayName`],
      { ...userDefault, [E]: { department: 'Stacks', manager: { value: 'm1' } } },
    ],
    ['ignores unknown names', ['bogus', `${E}:bogus`, 'urn:x'], userDefault],
  ];

  it.each(excluded)('excludedAttributes %s', (_name, excludedAttributes, expected) => {
    expect(projectResource(userDoc, 'User', registry, { excludedAttributes })).toEqual(expected);
  });

  it('does not mutate the document', () => {
    const copy = structuredClone(userDoc);
    projectResource(userDoc, 'User', registry, { attributes: ['emails.value', E] });
    projectResource(userDoc, 'User', registry, { excludedAttributes: ['emails.type', S] });
    expect(userDoc).toEqual(copy);
  });

  it('keeps the key order of the document', () => {
    const projected = projectResource(userDoc, 'User', registry, { excludedAttributes: ['name'] });
    expect(Object.keys(projected)).toEqual(Object.keys(userDoc).filter((key) => key !== 'name' && key !== 'password'));
  });

  it('keeps document keys outside the schema unless attributes are listed', () => {
    const doc = { ...userDoc, 'x-debug': 1 };
    expect(projectResource(doc, 'User', registry, {})['x-debug']).toBe(1);
    expect(projectResource(doc, 'User', registry, { excludedAttributes: ['emails'] })['x-debug']).toBe(1);
    expect(projectResource(doc, 'User', registry, { attributes: ['userName'] })['x-debug']).toBeUndefined();
  });

  it('drops an empty extension block and its URN', () => {
    const doc = { ...userDoc, [S]: {} };
    const projected = projectResource(doc, 'User', registry, {});
    expect(projected[S]).toBeUndefined();
    expect(projected['schemas']).toEqual([CU, E]);
  });

  it('projects custom attributes like the built-in ones', () => {
    const withCustom = createSchemaRegistry([
      {
        schema: S,
        resourceType: 'User',
        name: 'note',
        type: 'string',
        multiValued: false,
        caseExact: false,
        description: 'A note.',
      },
    ]);
    const doc = { ...userDoc, [S]: { distinguishedName: 'CN=x', note: 'n' } };
    expect(projectResource(doc, 'User', withCustom, { attributes: [`${S}:NOTE`] })).toEqual({
      schemas: [CU, S],
      id: 'u1',
      [S]: { note: 'n' },
    });
    expect(projectResource(doc, 'User', withCustom, { excludedAttributes: [`${S}:note`] })[S]).toEqual({
      distinguishedName: 'CN=x',
    });
  });

  it('resolves the attribute lists once and projects many documents', () => {
    const project = createResourceProjection('User', registry, { attributes: ['userName'] });
    const docs = [userDoc, { ...userDoc, id: 'u2', userName: 'asmith' }];
    expect(docs.map(project)).toEqual([
      { schemas: [CU], id: 'u1', userName: 'jdoe' },
      { schemas: [CU], id: 'u2', userName: 'asmith' },
    ]);
  });

  it('passes whole values through without copying them', () => {
    const projected = projectResource(groupDoc, 'Group', registry, {});
    expect(projected['members']).toBe(groupDoc['members']);
  });
});

describe('projectResource on a Group', () => {
  const cases: [string, ProjectionOptions, JsonObject][] = [
    ['returns everything by default', {}, groupDoc],
    [
      'drops members when excluded (Entra)',
      { excludedAttributes: ['members'] },
      (({ members: _m, ...rest }) => rest)(groupDoc),
    ],
    [
      'drops members case-insensitively',
      { excludedAttributes: ['MEMBERS'] },
      (({ members: _m, ...rest }) => rest)(groupDoc),
    ],
    [
      'keeps only displayName and id',
      { attributes: ['displayName'] },
      { schemas: [CG], id: 'g1', displayName: 'Staff' },
    ],
    [
      'keeps member ids only',
      { attributes: ['members.value'] },
      { schemas: [CG], id: 'g1', members: [{ value: 'u1' }, { value: 'g2' }] },
    ],
    [
      'drops a sub-attribute of each member',
      { excludedAttributes: ['members.$ref', 'members.display'] },
      {
        ...groupDoc,
        members: [
          { value: 'u1', type: 'User' },
          { value: 'g2', type: 'Group' },
        ],
      },
    ],
    [
      'keeps the Strategy block',
      { attributes: [`${SG}:distinguishedName`] },
      { schemas: [CG, SG], id: 'g1', [SG]: groupDoc[SG] as JsonObject },
    ],
    [
      'drops the Strategy block and its URN',
      { excludedAttributes: [SG] },
      { ...(({ [SG]: _s, ...rest }) => rest)(groupDoc), schemas: [CG] },
    ],
    ['ignores User attributes on a Group', { attributes: ['userName', E] }, { schemas: [CG], id: 'g1' }],
  ];

  it.each(cases)('%s', (_name, options, expected) => {
    expect(projectResource(groupDoc, 'Group', registry, options)).toEqual(expected);
  });
});

describe('isAttributeRequested', () => {
  const cases: [ResourceTypeName, ProjectionOptions, string, boolean][] = [
    ['Group', {}, 'members', true],
    ['Group', { excludedAttributes: ['members'] }, 'members', false],
    ['Group', { excludedAttributes: ['Members'] }, 'members', false],
    ['Group', { excludedAttributes: ['displayName'] }, 'members', true],
    ['Group', { excludedAttributes: ['members.display'] }, 'members', true],
    ['Group', { excludedAttributes: ['members.display'] }, 'members.display', false],
    ['Group', { excludedAttributes: ['members.display'] }, 'members.value', true],
    ['Group', { attributes: ['displayName'] }, 'members', false],
    ['Group', { attributes: ['members'] }, 'members', true],
    ['Group', { attributes: ['members.value'] }, 'members', true],
    ['Group', { attributes: ['members.value'] }, 'members.display', false],
    ['Group', { attributes: ['displayName'], excludedAttributes: ['members'] }, 'displayName', true],
    ['Group', { attributes: ['displayName'] }, 'id', true],
    ['Group', { excludedAttributes: ['id'] }, 'id', true],
    ['Group', {}, SG, true],
    ['Group', { excludedAttributes: [SG] }, SG, false],
    ['Group', { attributes: [`${SG}:distinguishedName`] }, SG, true],
    ['Group', { attributes: ['displayName'] }, SG, false],
    ['User', {}, 'groups', true],
    ['User', { excludedAttributes: ['groups'] }, 'groups', false],
    ['User', { attributes: ['userName'] }, 'groups', false],
    ['User', { attributes: ['groups.display'] }, 'groups', true],
    ['User', {}, 'password', false],
    ['User', { attributes: ['password'] }, 'password', false],
    ['User', {}, 'members', false],
    ['User', {}, 'bogus', false],
    ['User', { attributes: [E] }, `${E}:manager`, true],
    ['User', { excludedAttributes: [E] }, `${E}:manager.value`, false],
    ['User', { attributes: [`${E}:manager.value`] }, `${E}:manager`, true],
    ['User', { attributes: [`${E}:manager.value`] }, `${E}:department`, false],
  ];

  it.each(cases)('%s %j → %s is %s', (resourceType, options, name, expected) => {
    expect(isAttributeRequested(resourceType, registry, options, name)).toBe(expected);
  });

  it('agrees with projectResource about members', () => {
    for (const options of [
      {},
      { excludedAttributes: ['members'] },
      { attributes: ['displayName'] },
      { attributes: ['members.value'] },
    ]) {
      const projected = projectResource(groupDoc, 'Group', registry, options);
      expect(isAttributeRequested('Group', registry, options, 'members'), JSON.stringify(options)).toBe(
        'members' in projected,
      );
    }
  });
});
