/**
 * Library field mappings and custom attributes through SCIM, against a real server on SQLite and
 * on PostgreSQL: a changed mapping applies to existing users at once, and an attribute that feeds
 * a field cannot be removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomAttribute, removeCustomAttribute } from '../../src/admin/services/custom-attributes.js';
import { setMapping } from '../../src/admin/services/field-mappings.js';
import { STRATEGY_USER_SCHEMA } from '../../src/scim/schemas/types.js';
import { createScimUser, scimCall } from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe.each(['sqlite', 'postgres'] as const)('field mappings on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server.close();
  });

  it('applies a changed mapping to existing users at once, and refuses to remove an attribute that feeds a field', async () => {
    const directory = server.server.directory;
    await addCustomAttribute(directory, { name: 'preferredFullName', type: 'string' });
    const id = await createScimUser(server, `mapped.${dialect}@example.com`, {
      displayName: 'Display Name',
      [STRATEGY_USER_SCHEMA]: { preferredFullName: 'Preferred Name' },
    });
    await setMapping(directory, 'user.fullName', `${STRATEGY_USER_SCHEMA}:preferredFullName`);
    const remapped = await directory.store.read((session) => session.users.get(id));
    expect(remapped?.library.fullName).toBe('Preferred Name');
    expect(remapped?.version).toBe(1);
    await expect(removeCustomAttribute(directory, 'preferredFullName')).rejects.toMatchObject({ status: 409 });
    await setMapping(directory, 'user.fullName', 'displayName');
    expect((await directory.store.read((session) => session.users.get(id)))?.library.fullName).toBe('Display Name');
    await removeCustomAttribute(directory, 'preferredFullName');
    directory.catalog.invalidate();
    const read = await scimCall(server, 'GET', `/Users/${id}`);
    expect(read.body?.[STRATEGY_USER_SCHEMA]).toBeUndefined();
    expect(read.body?.['schemas']).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });
});
