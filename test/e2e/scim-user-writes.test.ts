/**
 * User writes where the order of events matters, against a real server on SQLite and on
 * PostgreSQL: concurrent renames onto one userName, a soft-deleted userName provisioned again, a
 * PUT that leaves `active` out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimUser, scimCall } from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe.each(['sqlite', 'postgres'] as const)('user writes on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers concurrent renames onto one userName with one success and 409s, never 500', async () => {
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, n) => createScimUser(server, `rename.${dialect}.${n}@example.com`)),
    );
    const replies = await Promise.all(
      ids.map((id) =>
        scimCall(server, 'PATCH', `/Users/${id}`, {
          Operations: [{ op: 'replace', path: 'userName', value: `taken.${dialect}@example.com` }],
        }),
      ),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
    for (const reply of replies.filter((candidate) => candidate.status === 409)) {
      expect(reply.body?.['scimType']).toBe('uniqueness');
      expect(String(reply.body?.['detail'])).toMatch(/Another user.* already has userName/);
    }
  });

  it('revives a soft-deleted user without its old memberships when its userName is provisioned again', async () => {
    await server.server.directory.settings.update({ deprovisioningPolicy: 'soft' });
    try {
      const old = await createScimUser(server, `reused.${dialect}@example.com`);
      const group = await scimCall(server, 'POST', '/Groups', {
        displayName: `Engineering ${dialect}`,
        members: [{ value: old }],
      });
      expect(group.status).toBe(201);
      expect((await scimCall(server, 'DELETE', `/Users/${old}`)).status).toBe(204);
      const again = await scimCall(server, 'POST', '/Users', { userName: `REUSED.${dialect}@example.com` });
      expect(again.status).toBe(201);
      expect(again.body?.['id']).toBe(old);
      const members = await scimCall(server, 'GET', `/Groups/${String(group.body?.['id'])}`);
      expect(members.body?.['members']).toEqual([]);
    } finally {
      await server.server.directory.settings.update({ deprovisioningPolicy: 'hard' });
    }
  });

  it('keeps a deactivated user inactive when a PUT leaves "active" out', async () => {
    const id = await createScimUser(server, `stays.off.${dialect}@example.com`, { active: false });
    const put = await scimCall(server, 'PUT', `/Users/${id}`, {
      userName: `stays.off.${dialect}@example.com`,
      displayName: 'Still Off',
    });
    expect(put.status).toBe(200);
    expect(put.body?.['active']).toBe(false);
    expect((await scimCall(server, 'GET', `/Users/${id}`)).body?.['active']).toBe(false);
    const found = await scimCall(
      server,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "stays.off.${dialect}@example.com" and active eq false`)}`,
    );
    expect(found.body?.['totalResults']).toBe(1);
  });
});
