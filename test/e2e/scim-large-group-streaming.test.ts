/**
 * A group with more members than fit comfortably in one document is streamed page by page. The
 * streamed JSON must be exactly the document the in-memory path would build: same keys, members in
 * member-id order with value, display, $ref and type, and meta last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAMED_MEMBERS } from '../../src/directory/group-directory.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const MEMBERS = STREAMED_MEMBERS + 1_500;

describe.each(['sqlite', 'postgres'] as const)('streaming a large group on %s', (dialect) => {
  let server: TestServer;
  let groupId = '';
  let userIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const context = { scimBaseUrl: server.scimBase };
    userIds = [];
    for (let n = 0; n < MEMBERS; n += 1) {
      userIds.push((await server.server.directory.users.create({ userName: `stream.${n}@example.com` }, context)).id);
    }
    const group = await server.server.directory.groups.create(
      { displayName: 'Everyone', members: userIds.map((value) => ({ value })) },
      { ...context, projection: { excludedAttributes: ['members'] } },
    );
    groupId = group.id;
  }, 120_000);

  afterAll(async () => {
    await server.close();
  });

  it('streams every member, in member-id order, inside an ordinary SCIM Group document', async () => {
    const response = await fetch(`${server.scimBase}/Groups/${groupId}`, {
      headers: { Authorization: `Bearer ${server.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^W\/"\d+"$/);
    const group = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(group)).toEqual(['schemas', 'id', 'displayName', 'members', 'meta']);
    const members = group['members'] as { value: string; display: string; $ref: string; type: string }[];
    expect(members).toHaveLength(MEMBERS);
    expect(members.map((member) => member.value)).toEqual([...userIds].sort());
    const first = members[0];
    expect(first?.type).toBe('User');
    expect(first?.$ref).toBe(`${server.scimBase}/Users/${first?.value}`);
    expect(first?.display).toMatch(/^stream\.\d+@example\.com$/);
    expect((group['meta'] as Record<string, unknown>)['location']).toBe(`${server.scimBase}/Groups/${groupId}`);
  });

  it('returns the same members as the in-memory path that serves projections', async () => {
    const streamed = (await (
      await fetch(`${server.scimBase}/Groups/${groupId}`, { headers: { Authorization: `Bearer ${server.token}` } })
    ).json()) as { members: unknown[] };
    const projected = (await (
      await fetch(`${server.scimBase}/Groups/${groupId}?attributes=members,displayName`, {
        headers: { Authorization: `Bearer ${server.token}` },
      })
    ).json()) as { members: unknown[] };
    expect(projected.members).toEqual(streamed.members);
  });
});
