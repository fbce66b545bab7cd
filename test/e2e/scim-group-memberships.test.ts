/**
 * Group memberships as SCIM shows them, against a real server on SQLite and on PostgreSQL:
 * conditional reads when members change without the group's version, members left out of
 * responses on request, and groups reached through nested groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimUser, scimCall } from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe.each(['sqlite', 'postgres'] as const)('group memberships on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives no 304 for a group whose members are returned, since memberships change without its version', async () => {
    const member = await createScimUser(server, `leaves.${dialect}@example.com`);
    const group = await scimCall(server, 'POST', '/Groups', {
      displayName: `Conditional ${dialect}`,
      members: [{ value: member }],
    });
    const id = String(group.body?.['id']);
    const etag = group.headers.get('etag') ?? '';
    expect(
      (await scimCall(server, 'GET', `/Groups/${id}?excludedAttributes=members`, undefined, { 'If-None-Match': etag }))
        .status,
    ).toBe(304);
    expect((await scimCall(server, 'DELETE', `/Users/${member}`)).status).toBe(204);
    const read = await scimCall(server, 'GET', `/Groups/${id}`, undefined, { 'If-None-Match': etag });
    expect(read.status).toBe(200);
    expect(read.body?.['members']).toEqual([]);
  });

  it('leaves members out of POST and PUT responses when the client excludes them, and writes them all the same', async () => {
    const member = await createScimUser(server, `quiet.member.${dialect}@example.com`);
    const created = await scimCall(server, 'POST', '/Groups?excludedAttributes=members', {
      displayName: `Quiet ${dialect}`,
      members: [{ value: member }],
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('members');
    const id = String(created.body?.['id']);
    const replaced = await scimCall(server, 'PUT', `/Groups/${id}?excludedAttributes=members`, {
      displayName: `Quiet ${dialect}`,
      members: [{ value: member }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).not.toHaveProperty('members');
    const read = await scimCall(server, 'GET', `/Groups/${id}`);
    expect((read.body?.['members'] as { value: string }[]).map((entry) => entry.value)).toEqual([member]);
  });

  it("lists groups reached through nested groups as indirect in the user's groups", async () => {
    const member = await createScimUser(server, `nested.member.${dialect}@example.com`);
    const inner = await scimCall(server, 'POST', '/Groups', {
      displayName: `Inner ${dialect}`,
      members: [{ value: member }],
    });
    const outer = await scimCall(server, 'POST', '/Groups', {
      displayName: `Outer ${dialect}`,
      members: [{ value: String(inner.body?.['id']), type: 'Group' }],
    });
    const read = await scimCall(server, 'GET', `/Users/${member}`);
    const groups = read.body?.['groups'] as { value: string; display: string; type: string }[];
    expect(groups.map(({ value, display, type }) => ({ value, display, type }))).toEqual([
      { value: String(inner.body?.['id']), display: `Inner ${dialect}`, type: 'direct' },
      { value: String(outer.body?.['id']), display: `Outer ${dialect}`, type: 'indirect' },
    ]);
  });
});
