/**
 * POST/PUT body quirks, one row per client quirk of docs/clients.md: each body goes
 * through `normalizeResourceBody` and then the strict core `normalizeResourceInput`, as a request
 * would, and must give the stored document (and group members) of the row.
 */
import { describe, expect, it } from 'vitest';
import { registryWithContractor } from '../scim/testing/schema-registries.js';
import { normalizeResourceInput, type ResourceInput } from '../scim/resources/resource-input.js';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  STRATEGY_USER_SCHEMA,
  type ResourceTypeName,
} from '../scim/schemas/types.js';
import { nullIdDropped as nullIdInBody } from './onelogin-null-id.js';
import { normalizeResourceBody } from './resource-body.js';
import type { JsonObject } from '../scim/json.js';

const registry = registryWithContractor();
const MS_GROUP_URN = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const MANAGER_ID = '26118915-6090-4610-87e4-49d8ca9f808d';

interface BodyRow {
  name: string;
  source: string;
  resourceType: ResourceTypeName;
  body: JsonObject;
  expected: ResourceInput;
}

const minimalUser = { schemas: [CORE_USER_SCHEMA], userName: 'jdoe@example.com' };

const ROWS: BodyRow[] = [
  {
    name: 'onelogin-active-string-true',
    source: 'OneLogin template "active": "{$user.active}", clients.md §3',
    resourceType: 'User',
    body: { ...minimalUser, active: 'true' },
    expected: { document: { userName: 'jdoe@example.com', active: true } },
  },
  {
    name: 'onelogin-id-null',
    source: 'OneLogin templates send "id": null, clients.md §3',
    resourceType: 'User',
    body: { ...minimalUser, id: null, active: 'false' },
    expected: { document: { userName: 'jdoe@example.com', active: false } },
  },
  {
    name: 'scimref-emp1-active-True',
    source: 'SCIMReferenceCode Postman "emp1" {active:"True"}, clients.md §2.4',
    resourceType: 'User',
    body: { ...minimalUser, active: 'True' },
    expected: { document: { userName: 'jdoe@example.com', active: true } },
  },
  {
    name: 'keycloak-active-string-false-put',
    source: 'Keycloak SCIM client, clients.md §3',
    resourceType: 'User',
    body: { ...minimalUser, active: 'FALSE' },
    expected: { document: { userName: 'jdoe@example.com', active: false } },
  },
  {
    name: 'entra-validator-post-roles-primary-True',
    source: 'Entra validator "Create a new User", clients.md §2.4, §2.6',
    resourceType: 'User',
    body: {
      ...minimalUser,
      schemas: [CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      roles: [{ primary: 'True', display: 'Librarian', value: 'librarian', type: 'WindowsAzureActiveDirectoryRole' }],
      emails: [{ primary: 'true', type: 'work', value: 'jdoe@example.com' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'Maps', manager: MANAGER_ID },
    },
    expected: {
      document: {
        userName: 'jdoe@example.com',
        roles: [{ primary: true, display: 'Librarian', value: 'librarian', type: 'WindowsAzureActiveDirectoryRole' }],
        emails: [{ primary: true, type: 'work', value: 'jdoe@example.com' }],
        [ENTERPRISE_USER_SCHEMA]: { department: 'Maps', manager: { value: MANAGER_ID } },
      },
    },
  },
  {
    name: 'entra-meta-and-roles-empty-in-post',
    source: 'Entra POST /Users with meta.resourceType and roles: [], clients.md §2.3',
    resourceType: 'User',
    body: { ...minimalUser, meta: { resourceType: 'User' }, roles: [], active: true },
    expected: { document: { userName: 'jdoe@example.com', active: true } },
  },
  {
    name: 'entra-manager-emptied-in-put',
    source: 'Entra validator "Remove Manager", SCIM_Null_Update, clients.md §2.3, §2.7',
    resourceType: 'User',
    body: { ...minimalUser, [ENTERPRISE_USER_SCHEMA]: { manager: { value: '' }, department: 'Maps' } },
    expected: { document: { userName: 'jdoe@example.com', [ENTERPRISE_USER_SCHEMA]: { department: 'Maps' } } },
  },
  {
    name: 'entra-historic-manager-array',
    source: 'historic Entra manager shape [{$ref, value}], clients.md §2.3',
    resourceType: 'User',
    body: {
      ...minimalUser,
      [ENTERPRISE_USER_SCHEMA]: { manager: [{ $ref: `../Users/${MANAGER_ID}`, value: MANAGER_ID }] },
    },
    expected: {
      document: {
        userName: 'jdoe@example.com',
        [ENTERPRISE_USER_SCHEMA]: { manager: { $ref: `../Users/${MANAGER_ID}`, value: MANAGER_ID } },
      },
    },
  },
  {
    name: 'okta-post-with-strategy-extension-and-echoes',
    source: 'Okta POST/PUT with password, groups: [], id, meta, clients.md §1.b, §1.c, §1.i',
    resourceType: 'User',
    body: {
      schemas: [CORE_USER_SCHEMA, STRATEGY_USER_SCHEMA],
      id: 'a-server-id',
      meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z' },
      userName: 'jdoe@example.com',
      password: '1mz050nq',
      groups: [],
      active: true,
      [STRATEGY_USER_SCHEMA]: { distinguishedName: 'CN=J Doe,OU=Staff,DC=example,DC=com', contractor: 'False' },
    },
    expected: {
      document: {
        userName: 'jdoe@example.com',
        active: true,
        [STRATEGY_USER_SCHEMA]: { distinguishedName: 'CN=J Doe,OU=Staff,DC=example,DC=com', contractor: false },
      },
    },
  },
  {
    name: 'string-booleans-at-every-depth',
    source: 'Entra without the flag and its validator, OneLogin, Keycloak, clients.md §2.4, §3',
    resourceType: 'User',
    body: { ...minimalUser, active: 'False', emails: [{ value: 'a', primary: 'TRUE' }] },
    expected: { document: { userName: 'jdoe@example.com', active: false, emails: [{ value: 'a', primary: true }] } },
  },
  {
    name: 'boolean-strings-only-where-the-schema-says-boolean',
    source: 'never coerce blindly, clients.md §6.1 "PATCH engine"',
    resourceType: 'User',
    body: { ...minimalUser, title: 'True', nickName: 'false' },
    expected: { document: { userName: 'jdoe@example.com', title: 'True', nickName: 'false' } },
  },
  {
    name: 'entra-microsoft-group-schema-urn',
    source: 'Entra POST /Groups with the ADSCIM URN, clients.md §2.3, §2.4',
    resourceType: 'Group',
    body: {
      schemas: [CORE_GROUP_SCHEMA, MS_GROUP_URN],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    },
    expected: { document: { externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'displayName' } },
  },
  {
    name: 'entra-member-ref-null-in-group-body',
    source: 'Entra member values with "$ref": null, clients.md §2.3, §2.4',
    resourceType: 'Group',
    body: {
      schemas: [CORE_GROUP_SCHEMA],
      displayName: 'Staff',
      members: [
        { $ref: null, value: 'u1' },
        { value: 'u2', type: 'User' },
      ],
    },
    expected: { document: { displayName: 'Staff' }, members: [{ value: 'u1' }, { value: 'u2', type: 'User' }] },
  },
  {
    name: 'okta-aiw-group-put-with-id-and-members',
    source: 'Okta AIW PUT /Groups/{id}, clients.md §1.e',
    resourceType: 'Group',
    body: {
      schemas: [CORE_GROUP_SCHEMA],
      id: 'g1',
      displayName: 'Sales',
      members: [{ value: 'u1', display: 'a@okta.local' }],
    },
    expected: { document: { displayName: 'Sales' }, members: [{ value: 'u1' }] },
  },
];

describe('POST/PUT body quirks', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const copy = structuredClone(row.body);
    const normalized = normalizeResourceBody(row.body, row.resourceType, registry);
    expect(normalizeResourceInput(normalized, row.resourceType, registry)).toEqual(row.expected);
    expect(row.body).toEqual(copy);
  });

  it('leaves non-object bodies for the core to reject', () => {
    expect(normalizeResourceBody('x', 'User', registry)).toBe('x');
    expect(normalizeResourceBody(null, 'User', registry)).toBeNull();
    expect(normalizeResourceBody([1], 'User', registry)).toEqual([1]);
  });

  it('drops only a null id', () => {
    expect(nullIdInBody({ id: null, userName: 'x' })).toEqual({ userName: 'x' });
    expect(nullIdInBody({ ID: null })).toEqual({});
    const body = { id: 'keep', userName: 'x' };
    expect(nullIdInBody(body)).toBe(body);
  });

  it('leaves a non-boolean string for the core to reject', () => {
    const normalized = normalizeResourceBody({ ...minimalUser, active: 'yes' }, 'User', registry);
    expect(() => normalizeResourceInput(normalized, 'User', registry)).toThrow(/active.*boolean/);
  });
});
