/** The Mappings page through the admin API: the field table, remapping, and custom attributes end to end. */
import { describe, expect, it } from 'vitest';
import type { CustomAttributeView, MappingView, UserDetail } from '../../src/admin/admin-api-types.js';
import { type AdminClient, type AdminTestServer, useSignedInAdmin } from '../support/admin-test-server.js';
import { PATCH_OP, createUser, scimCall } from './scim-calls.js';

const STRATEGY_USER = 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:User';
const STRATEGY_GROUP = 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:Group';

let server: AdminTestServer;
let admin: AdminClient;
useSignedInAdmin((started) => ({ server, admin } = started));

async function mappings(): Promise<MappingView[]> {
  return (await admin.request<{ mappings: MappingView[] }>('GET', '/mappings')).body.mappings;
}

async function publishedAttributes(urn: string): Promise<string[] | undefined> {
  const answer = await scimCall(server.scimBase, server.token, 'GET', '/Schemas');
  const resources = answer.body['Resources'] as { id: string; attributes: { name: string }[] }[];
  return resources.find((schema) => schema.id === urn)?.attributes.map((attribute) => attribute.name);
}

describe('Library field mappings', () => {
  it('shows the product table with its SCIM schema column', async () => {
    const table = (await mappings()).map(({ label, resourceType, attribute, schema, remappable }) => ({
      label,
      resourceType,
      attribute,
      schema,
      remappable,
    }));
    expect(table).toEqual([
      {
        label: 'Full Name',
        resourceType: 'User',
        attribute: 'displayName',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        remappable: true,
      },
      {
        label: 'Username (Login)',
        resourceType: 'User',
        attribute: 'userName',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        remappable: false,
      },
      {
        label: 'Email Address',
        resourceType: 'User',
        attribute: 'emails',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        remappable: true,
      },
      {
        label: 'Trust Id',
        resourceType: 'User',
        attribute: 'userName',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        remappable: true,
      },
      {
        label: 'Distinguished Name',
        resourceType: 'User',
        attribute: 'distinguishedName',
        schema: STRATEGY_USER,
        remappable: true,
      },
      {
        label: 'Enabled',
        resourceType: 'User',
        attribute: 'active',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        remappable: false,
      },
      {
        label: 'User Group Name',
        resourceType: 'Group',
        attribute: 'displayName',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
        remappable: false,
      },
      {
        label: 'Distinguished Name',
        resourceType: 'Group',
        attribute: 'distinguishedName',
        schema: STRATEGY_GROUP,
        remappable: true,
      },
    ]);
    const fullName = (await mappings())[0];
    expect(fullName?.candidates).toEqual(
      expect.arrayContaining(['displayName', 'name.formatted', 'emails', `${STRATEGY_USER}:distinguishedName`]),
    );
    expect(fullName?.candidates).not.toContain('password');
    expect(fullName?.candidates).not.toContain('groups');
    expect(fullName?.candidates).not.toContain('name');
  });

  it('changes the attribute that feeds Full Name, and new writes fill the Library field from it', async () => {
    const changed = await admin.request<{ mappings: MappingView[] }>('PUT', '/mappings/user.fullName', {
      body: { scimPath: 'NAME.formatted' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.mappings[0]).toMatchObject({
      field: 'user.fullName',
      scimPath: 'name.formatted',
      attribute: 'name.formatted',
      defaultScimPath: 'displayName',
    });
    const id = await createUser(server.scimBase, server.token, 'mapped.user', {
      name: { formatted: 'Formatted Name', givenName: 'F' },
      displayName: 'Display Name',
    });
    const detail = (await admin.request<UserDetail>('GET', `/users/${id}`)).body;
    expect(detail.library.find((field) => field.field === 'user.fullName')?.value).toBe('Formatted Name');
    await admin.request('PUT', '/mappings/user.fullName', { body: { scimPath: 'displayName' } });
    expect((await mappings())[0]?.scimPath).toBe('displayName');
  });

  it.each([
    ['user.userName', { scimPath: 'emails' }, 400, 'cannot be remapped'],
    ['user.fullName', { scimPath: 'nickName.value' }, 400, 'cannot feed "Full Name"'],
    ['user.fullName', { scimPath: 'password' }, 400, 'cannot feed'],
    ['user.fullName', { scimPath: 'name' }, 400, 'cannot feed'],
    ['user.fullName', {}, 400, 'Send {"scimPath"'],
    ['user.shoeSize', { scimPath: 'displayName' }, 404, 'no Library field "user.shoeSize"'],
  ])('refuses to map %s to %j', async (field, body, status, words) => {
    const response = await admin.request('PUT', `/mappings/${field}`, { body });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ detail: expect.stringContaining(words) });
  });
});

describe('custom attributes', () => {
  let added: CustomAttributeView;

  it('adds an attribute to the Strategy user extension by default, published in /Schemas at once, with the Okta values', async () => {
    expect(await publishedAttributes(STRATEGY_USER)).not.toContain('costCenterCode');
    const response = await admin.request<CustomAttributeView>('POST', '/attributes', {
      body: { name: 'costCenterCode', type: 'string' },
    });
    expect(response.status).toBe(201);
    added = response.body;
    expect(added).toMatchObject({
      name: 'costCenterCode',
      type: 'string',
      resourceType: 'User',
      schema: STRATEGY_USER,
      multiValued: false,
      caseExact: false,
      path: `${STRATEGY_USER}:costCenterCode`,
      okta: { externalName: 'costCenterCode', externalNamespace: STRATEGY_USER },
    });
    expect(await publishedAttributes(STRATEGY_USER)).toEqual(['distinguishedName', 'costCenterCode']);
    const listed = (await admin.request<{ attributes: CustomAttributeView[] }>('GET', '/attributes')).body.attributes;
    expect(listed.map((attribute) => attribute.name)).toEqual(['costCenterCode']);
  });

  it('is accepted, stored, returned, filterable and reachable by PATCH', async () => {
    const id = await createUser(server.scimBase, server.token, 'custom.user', {
      [STRATEGY_USER]: { costCenterCode: 'CC-100' },
    });
    const read = await scimCall(server.scimBase, server.token, 'GET', `/Users/${id}`);
    expect(read.body[STRATEGY_USER]).toEqual({ costCenterCode: 'CC-100' });
    const filter = encodeURIComponent(`${STRATEGY_USER}:costCenterCode eq "cc-100"`);
    const found = await scimCall(server.scimBase, server.token, 'GET', `/Users?filter=${filter}`);
    expect(found.body['totalResults']).toBe(1);
    const patched = await scimCall(server.scimBase, server.token, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: `${STRATEGY_USER}:costCenterCode`, value: 'CC-200' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body[STRATEGY_USER]).toEqual({ costCenterCode: 'CC-200' });
  });

  it("creates a new extension for a URN of the admin's own, and group attributes carry no Okta values", async () => {
    const urn = 'urn:example:params:scim:schemas:extension:acme:2.0:Group';
    const response = await admin.request<CustomAttributeView>('POST', '/attributes', {
      body: {
        name: 'region',
        type: 'string',
        resourceType: 'Group',
        schema: urn,
        multiValued: true,
        caseExact: true,
        description: 'Sales region',
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      resourceType: 'Group',
      schema: urn,
      multiValued: true,
      caseExact: true,
      description: 'Sales region',
      okta: null,
    });
    expect(await publishedAttributes(urn)).toEqual(['region']);
    const types = await scimCall(server.scimBase, server.token, 'GET', '/ResourceTypes/Group');
    expect(JSON.stringify(types.body)).toContain(urn);
  });

  it.each([
    [{ name: '9lives' }, 400, 'not a valid SCIM attribute name'],
    [{ name: 'has space' }, 400, 'not a valid SCIM attribute name'],
    [{ name: 'ok', type: 'complex' }, 400, '"type" must be one of'],
    [{ name: 'ok', resourceType: 'Device' }, 400, '"resourceType" must be "User" or "Group"'],
    [{ name: 'ok', schema: 'not-a-urn' }, 400, 'is not a schema URN'],
    [{ name: 'ok', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' }, 400, 'standard schema'],
    [{ name: 'ok', schema: STRATEGY_GROUP }, 400, 'extension of Groups'],
    [{ name: 'ok', multiValued: 'yes' }, 400, '"multiValued" must be true or false'],
    [{ name: 'COSTCENTERCODE' }, 409, 'already has an attribute'],
    [{ name: 'distinguishedName' }, 409, 'already has an attribute'],
  ])('refuses %j', async (body, status, words) => {
    const response = await admin.request('POST', '/attributes', { body });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ detail: expect.stringContaining(words) });
  });

  it('removes an attribute from /Schemas at once', async () => {
    const removed = await admin.request<CustomAttributeView>('DELETE', `/attributes/${added.id}`);
    expect(removed.status).toBe(200);
    expect(await publishedAttributes(STRATEGY_USER)).toEqual(['distinguishedName']);
    expect((await admin.request('DELETE', `/attributes/${added.id}`)).status).toBe(404);
  });
});
