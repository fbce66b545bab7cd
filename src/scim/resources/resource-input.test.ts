import { describe, expect, it } from 'vitest';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import type { ResourceTypeName } from '../schemas/types.js';
import {
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
