import { describe, expect, it } from 'vitest';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import type { ResourceTypeName } from '../schemas/types.js';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA as E,
  STRATEGY_GROUP_SCHEMA as SG,
  STRATEGY_USER_SCHEMA as S,
} from '../schemas/types.js';
import { canonicaliseValue, normalizeResourceInput } from './resource-input.js';

const ACME = 'urn:example:scim:extension:Acme:1.0:User';
const registry = createSchemaRegistry([
  {
    schema: ACME,
    resourceType: 'User',
    name: 'costCode',
    type: 'string',
    multiValued: false,
    caseExact: true,
    description: 'Cost code.',
  },
  {
    schema: S,
    resourceType: 'User',
    name: 'hired',
    type: 'dateTime',
    multiValued: false,
    caseExact: false,
    description: 'Hire date.',
  },
]);

const user = (body: Record<string, unknown>) => normalizeResourceInput({ userName: 'jdoe', ...body }, 'User', registry);

describe('normalizeResourceInput: Users', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['keeps a minimal user', {}, { userName: 'jdoe' }],
    [
      'folds attribute names to canonical case at every level',
      {
        USERNAME: 'jdoe',
        userName: null,
        Active: true,
        NAME: { GivenName: 'J', FAMILYNAME: 'Doe' },
        Emails: [{ VALUE: 'j@x', Primary: true, TYPE: 'work' }],
      },
      {
        userName: 'jdoe',
        active: true,
        name: { givenName: 'J', familyName: 'Doe' },
        emails: [{ value: 'j@x', primary: true, type: 'work' }],
      },
    ],
    [
      'writes extension blocks under the canonical URN, whatever case the client used',
      {
        [E.toLowerCase()]: { Department: 'Stacks', MANAGER: { Value: 'm1' } },
        [S.toUpperCase()]: { distinguishedname: 'CN=J Doe,OU=Staff,DC=example,DC=com' },
      },
      {
        userName: 'jdoe',
        [E]: { department: 'Stacks', manager: { value: 'm1' } },
        [S]: { distinguishedName: 'CN=J Doe,OU=Staff,DC=example,DC=com' },
      },
    ],
    [
      'keeps an admin-defined extension',
      { [ACME]: { COSTCODE: 'CC-1' } },
      { userName: 'jdoe', [ACME]: { costCode: 'CC-1' } },
    ],
    ['ignores schemas, whatever they list', { schemas: [CORE_USER_SCHEMA, 'urn:unknown:thing'] }, { userName: 'jdoe' }],
    ['ignores unknown attributes', { adreses: [{ street: 'x' }], nick: 'J' }, { userName: 'jdoe' }],
    [
      'ignores unknown sub-attributes',
      { name: { givenName: 'J', nick: 'x' } },
      { userName: 'jdoe', name: { givenName: 'J' } },
    ],
    ['ignores unknown extension URNs', { 'urn:unknown:ext:1.0:User': { a: 1 } }, { userName: 'jdoe' }],
    [
      'ignores a mistyped enterprise URN',
      { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User': { department: 'x' } },
      { userName: 'jdoe' },
    ],
    [
      'ignores unknown attributes inside an extension',
      { [E]: { department: 'd', shoeSize: 44 } },
      { userName: 'jdoe', [E]: { department: 'd' } },
    ],
    ['ignores a Group extension on a User', { [SG]: { distinguishedName: 'CN=x' } }, { userName: 'jdoe' }],
    ['ignores dotted top-level keys (PATCH syntax)', { 'name.givenName': 'J' }, { userName: 'jdoe' }],
    ['ignores URN-qualified top-level keys (PATCH syntax)', { [`${E}:department`]: 'd' }, { userName: 'jdoe' }],
    [
      'drops read-only echoes: id, meta, groups',
      {
        id: 'abc',
        meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z' },
        groups: [{ value: 'g1', display: 'Staff' }],
      },
      { userName: 'jdoe' },
    ],
    ['accepts id: null', { id: null }, { userName: 'jdoe' }],
    ['drops the password (the Library keeps none)', { password: 't1meMa$heen' }, { userName: 'jdoe' }],
    [
      'drops a read-only sub-attribute',
      { [E]: { manager: { value: 'm1', displayName: 'Boss' } } },
      { userName: 'jdoe', [E]: { manager: { value: 'm1' } } },
    ],
    [
      'drops null values and empty arrays',
      { displayName: null, roles: [], addresses: null, emails: [null], nickName: 'JD' },
      { userName: 'jdoe', nickName: 'JD' },
    ],
    ['drops an extension block that ends up empty', { [E]: { department: null, manager: {} } }, { userName: 'jdoe' }],
    ['drops a null extension block', { [E]: null }, { userName: 'jdoe' }],
    [
      'wraps a single email object into a list',
      { emails: { value: 'j@x' } },
      { userName: 'jdoe', emails: [{ value: 'j@x' }] },
    ],
    [
      'keeps non-canonical type values',
      { phoneNumbers: [{ value: '1', type: 'untyped' }] },
      { userName: 'jdoe', phoneNumbers: [{ value: '1', type: 'untyped' }] },
    ],
    [
      'keeps values exactly as written',
      { displayName: '  J  Doe ', externalId: 'AbC' },
      { userName: 'jdoe', displayName: '  J  Doe ', externalId: 'AbC' },
    ],
    [
      'keeps a dateTime as written',
      { [S]: { hired: '2024-05-01T08:00:00+02:00' } },
      { userName: 'jdoe', [S]: { hired: '2024-05-01T08:00:00+02:00' } },
    ],
    ['ignores members on a User', { members: [{ value: 'x' }] }, { userName: 'jdoe' }],
  ];

  it.each(cases)('%s', (_name, body, expected) => {
    const result = user(body);
    expect(result.document).toEqual(expected);
    expect(result.members).toBeUndefined();
  });

  it('normalises the Entra create body of the Microsoft documentation', () => {
    const body = {
      schemas: [CORE_USER_SCHEMA, E],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    };
    expect(normalizeResourceInput(body, 'User', registry).document).toEqual({
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    });
  });

  it('does not mutate the body', () => {
    const body = { userName: 'jdoe', NAME: { GivenName: 'J' }, password: 'x', [E.toLowerCase()]: { department: 'd' } };
    const copy = structuredClone(body);
    user(body);
    expect(body).toEqual(copy);
  });
});

describe('normalizeResourceInput: errors', () => {
  it.each([
    ['null', null],
    ['an array', [{ userName: 'x' }]],
    ['a string', 'userName=jdoe'],
    ['a number', 42],
    ['undefined', undefined],
  ])('refuses %s as the body with invalidSyntax', (_name, body) => {
    const error = catchScimError(() => normalizeResourceInput(body, 'User', registry));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toMatch(/^The request body must be a JSON object \(a SCIM User resource/);
  });

  const typeErrors: [string, ResourceTypeName, Record<string, unknown>, string][] = [
    [
      'active "yes"',
      'User',
      { userName: 'j', active: 'yes' },
      'Attribute "active" must be a boolean (true or false), but the request sent the string "yes".',
    ],
    [
      'a numeric userName',
      'User',
      { userName: 12345 },
      'Attribute "userName" must be a string, but the request sent the number 12345.',
    ],
    [
      'a numeric externalId',
      'User',
      { userName: 'j', externalId: 7 },
      'Attribute "externalId" must be a string, but the request sent the number 7.',
    ],
    [
      'emails as a string',
      'User',
      { userName: 'j', emails: 'j@x' },
      'Attribute "emails" is multi-valued and must be a JSON array of objects',
    ],
    ['name as a string', 'User', { userName: 'j', name: 'J Doe' }, 'Attribute "name" must be a JSON object'],
    [
      'a wrong type inside an extension',
      'User',
      { userName: 'j', [E]: { department: 12 } },
      `Attribute "${E}:department" must be a string, but the request sent the number 12.`,
    ],
    [
      'a bad dateTime in an extension',
      'User',
      { userName: 'j', [S]: { hired: 'last week' } },
      `Attribute "${S}:hired" must be an ISO 8601 date and time`,
    ],
    [
      'an extension block that is not an object',
      'User',
      { userName: 'j', [E]: 'Stacks' },
      `The extension "${E}" must be a JSON object holding its attributes, but the request sent the string "Stacks".`,
    ],
    [
      'two primary emails',
      'User',
      {
        userName: 'j',
        emails: [
          { value: 'a', primary: true },
          { value: 'b', primary: true },
        ],
      },
      'Attribute "emails" has 2 values marked "primary": true',
    ],
    [
      'a numeric group displayName',
      'Group',
      { displayName: 5 },
      'Attribute "displayName" must be a string, but the request sent the number 5.',
    ],
    [
      'a wrong type in a Strategy group block',
      'Group',
      { displayName: 'g', [SG]: { distinguishedName: false } },
      `Attribute "${SG}:distinguishedName" must be a string`,
    ],
  ];

  it.each(typeErrors)('refuses %s with invalidValue', (_name, resourceType, body, detail) => {
    const error = catchScimError(() => normalizeResourceInput(body, resourceType, registry));
    expectScimError(error, { status: 400, scimType: 'invalidValue', detail });
  });

  const required: [string, ResourceTypeName, Record<string, unknown>, string][] = [
    [
      'no userName',
      'User',
      { displayName: 'J' },
      'A User needs "userName" (a non-empty string, unique among Users), but the request has none.',
    ],
    [
      'a null userName',
      'User',
      { userName: null },
      'A User needs "userName" (a non-empty string, unique among Users), but the request has none.',
    ],
    [
      'an empty userName',
      'User',
      { userName: '' },
      'A User needs "userName" (a non-empty string, unique among Users), but the request sent an empty string.',
    ],
    ['a blank userName', 'User', { userName: '   ' }, 'but the request sent only white space.'],
    ['a read-only echo only', 'User', { id: 'x', meta: {} }, 'A User needs "userName"'],
    [
      'no displayName',
      'Group',
      { members: [] },
      'A Group needs "displayName" (a non-empty string, unique among Groups), but the request has none.',
    ],
    ['an empty displayName', 'Group', { displayName: '' }, 'A Group needs "displayName"'],
  ];

  it.each(required)('refuses %s', (_name, resourceType, body, detail) => {
    const error = catchScimError(() => normalizeResourceInput(body, resourceType, registry));
    expectScimError(error, { status: 400, scimType: 'invalidValue', detail });
    expect(error.detail).toContain('send it again');
  });

  it.each([
    [{ userName: 'a', USERNAME: 'b' }, 'The request body has both "userName" and "USERNAME"'],
    [
      { userName: 'a', [E]: { department: 'x' }, [E.toLowerCase()]: { department: 'y' } },
      `has both "${E}" and "${E.toLowerCase()}"`,
    ],
    [
      { userName: 'a', name: { givenName: 'a', GivenName: 'b' } },
      'The value of "name" has both "givenName" and "GivenName"',
    ],
  ])('refuses two spellings of one attribute %#', (body, detail) => {
    const error = catchScimError(() => normalizeResourceInput(body, 'User', registry));
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toContain(detail);
  });

  it('accepts two spellings when one of them is null', () => {
    expect(user({ UserName: null }).document).toEqual({ userName: 'jdoe' });
  });
});

describe('normalizeResourceInput: Groups', () => {
  const group = (body: Record<string, unknown>) =>
    normalizeResourceInput({ displayName: 'Staff', ...body }, 'Group', registry);

  it.each([
    ['no members key', {}, undefined],
    ['members null', { members: null }, []],
    ['members []', { members: [] }, []],
    ['members with ids', { members: [{ value: 'u1' }, { value: 'u2' }] }, [{ value: 'u1' }, { value: 'u2' }]],
    [
      'members with types, folded to canonical case',
      {
        members: [
          { value: 'u1', type: 'user' },
          { value: 'g1', TYPE: 'GROUP' },
          { value: 'x', type: 'Device' },
        ],
      },
      [
        { value: 'u1', type: 'User' },
        { value: 'g1', type: 'Group' },
        { value: 'x', type: 'Device' },
      ],
    ],
    [
      'members with display, $ref: null and other echoes',
      {
        members: [
          { value: 'u1', display: 'jdoe', $ref: null },
          { Value: 'u2', $ref: 'https://x/Users/u2', type: null },
        ],
      },
      [{ value: 'u1' }, { value: 'u2' }],
    ],
    [
      'duplicate members once',
      { members: [{ value: 'u1' }, { value: 'u1', type: 'User' }, { value: 'u2' }] },
      [{ value: 'u1' }, { value: 'u2' }],
    ],
    ['a single member object', { members: { value: 'u1' } }, [{ value: 'u1' }]],
    ['bare id strings', { members: ['u1', 'u2'] }, [{ value: 'u1' }, { value: 'u2' }]],
    ['null elements skipped', { members: [null, { value: 'u1' }] }, [{ value: 'u1' }]],
    ['the members key in any case', { MEMBERS: [{ value: 'u1' }] }, [{ value: 'u1' }]],
  ])('%s', (_name, body, members) => {
    const result = group(body);
    expect(result.members).toEqual(members);
    expect(result.document).toEqual({ displayName: 'Staff' });
  });

  it('normalises the Entra group create with the ADSCIM schema URN', () => {
    const result = normalizeResourceInput(
      {
        schemas: [CORE_GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'displayName',
        meta: { resourceType: 'Group' },
      },
      'Group',
      registry,
    );
    expect(result).toEqual({
      document: { externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'displayName' },
    });
  });

  it('keeps the Strategy group extension and drops User extensions', () => {
    const result = group({
      [SG.toLowerCase()]: { DistinguishedName: 'CN=Staff,DC=example,DC=com' },
      [E]: { department: 'x' },
    });
    expect(result.document).toEqual({
      displayName: 'Staff',
      [SG]: { distinguishedName: 'CN=Staff,DC=example,DC=com' },
    });
  });

  it.each([
    [
      'a member without value',
      { members: [{ display: 'jdoe' }] },
      'Member 1 of "members" has no "value"; each member needs "value" set to the id of a User or Group',
    ],
    [
      'a member with an empty value',
      { members: [{ value: 'u1' }, { value: ' ' }] },
      'Member 2 of "members" has a "value" of the string " "',
    ],
    [
      'a member with a numeric value',
      { members: [{ value: 17 }] },
      'Member 1 of "members" has a "value" of the number 17',
    ],
    [
      'a member that is a number',
      { members: [5] },
      'Member 1 of "members" is the number 5; each member must be a JSON object',
    ],
    ['a member with a numeric type', { members: [{ value: 'u1', type: 1 }] }, 'Member 1 has a "type" of the number 1'],
  ])('refuses %s', (_name, body, detail) => {
    const error = catchScimError(() => group(body));
    expectScimError(error, { status: 400, scimType: 'invalidValue', detail });
  });
});

describe('canonicaliseValue re-export', () => {
  it('is the same function the PATCH engine uses', () => {
    const active = registry.resolve('User', 'active')?.attribute;
    expect(active && canonicaliseValue(active, true, 'active')).toBe(true);
  });

  it('refuses string booleans: the HTTP edge turns the spellings clients send into booleans', () => {
    for (const body of [{ active: 'False' }, { emails: [{ value: 'a', primary: 'TRUE' }] }]) {
      const error = catchScimError(() => normalizeResourceInput({ userName: 'jdoe', ...body }, 'User', registry));
      expect(error.scimType).toBe('invalidValue');
      expect(error.detail).toMatch(/must be a boolean \(true or false\)/);
    }
  });
});

describe('normalizeResourceInput: a request without a body', () => {
  it('says that the request has no body', () => {
    const error = catchScimError(() => normalizeResourceInput(undefined, 'Group', registry));
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toMatch(/but the request has no body\.$/);
    expect(error.detail).not.toMatch(/but it is a JSON object/);
  });
});
