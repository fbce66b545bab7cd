/** Group bodies (POST, PUT): the document and the member list, kept apart. */
import { describe, expect, it } from 'vitest';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import { CORE_GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA as E, STRATEGY_GROUP_SCHEMA as SG } from '../schemas/types.js';
import { normalizeResourceInput } from './resource-input.js';

const registry = createSchemaRegistry();

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
