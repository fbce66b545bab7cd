/**
 * The claims about concurrent writes through different replicas, for either database: run by
 * `test/e2e/postgres-replicas.test.ts` (PostgreSQL) and `test/e2e/sqlite-replicas.test.ts` (SQLite).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { callReplica, createUsers, type ReplicaCluster, roundRobin } from './replica-cluster.js';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const STRATEGY_USER = 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export function patch(...operations: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [PATCH_OP], Operations: operations };
}

function memberIds(group: Record<string, unknown> | undefined): string[] {
  const members = group?.['members'];
  return Array.isArray(members) ? (members as { value: string }[]).map((member) => member.value) : [];
}

/** The value at a PATCH path such as `name.givenName` or `<urn>:department` in a resource. */
export function valueAt(resource: Record<string, unknown> | undefined, path: string): unknown {
  let holder: unknown = resource;
  let rest = path;
  const urn = /^(urn:.+):([^:]+)$/.exec(path);
  if (urn?.[1] !== undefined && urn[2] !== undefined) {
    holder = resource?.[urn[1]] ?? undefined;
    rest = urn[2];
  }
  for (const part of rest.split('.')) {
    holder = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[part] : undefined;
  }
  return holder;
}

/** The claims about concurrent writes through different replicas, for either database. */
export function concurrentWriteTests(cluster: () => ReplicaCluster): void {
  it('60 concurrent PATCH "add members" spread over the replicas lose no membership', async () => {
    const next = roundRobin(cluster().replicas);
    const { token } = cluster();
    const group = await callReplica(next(), 'POST', '/Groups', {
      token,
      body: { schemas: [CORE_GROUP], displayName: `Readers ${randomUUID()}` },
    });
    expect(group.status, group.text).toBe(201);
    const groupId = String(group.body?.['id']);
    const userIds = await createUsers(cluster(), next, `member-${randomUUID().slice(0, 8)}`, 60);
    const replies = await Promise.all(
      userIds.map((id) =>
        callReplica(next(), 'PATCH', `/Groups/${groupId}`, {
          token,
          body: patch({ op: 'add', path: 'members', value: [{ value: id }] }),
        }),
      ),
    );
    for (const reply of replies) expect(reply.status, reply.text).toBe(204);
    for (const replica of cluster().replicas) {
      const read = await callReplica(replica, 'GET', `/Groups/${groupId}`, { token });
      expect(read.status, read.text).toBe(200);
      expect(memberIds(read.body).sort(), `members read through ${replica.name}`).toEqual([...userIds].sort());
    }
  });

  it('30 concurrent PATCHes of different attributes of one user lose no update', async () => {
    const next = roundRobin(cluster().replicas);
    const { token } = cluster();
    const [userId] = await createUsers(cluster(), next, `attributes-${randomUUID().slice(0, 8)}`, 1);
    const simple: [string, unknown][] = [
      ['displayName', 'Ada Lovelace'],
      ['nickName', 'Ada'],
      ['title', 'Librarian'],
      ['userType', 'Employee'],
      ['preferredLanguage', 'en-GB'],
      ['locale', 'en-GB'],
      ['timezone', 'Europe/London'],
      ['externalId', 'ext-42'],
      ['profileUrl', 'https://example.com/ada'],
      ['name.formatted', 'Ada King'],
      ['name.familyName', 'King'],
      ['name.givenName', 'Augusta'],
      ['name.middleName', 'Ada'],
      ['name.honorificPrefix', 'Countess'],
      ['name.honorificSuffix', 'FRS'],
      [`${ENTERPRISE}:employeeNumber`, '1815'],
      [`${ENTERPRISE}:costCenter`, 'CC-7'],
      [`${ENTERPRISE}:organization`, 'Analytical Society'],
      [`${ENTERPRISE}:division`, 'Engines'],
      [`${ENTERPRISE}:department`, 'Notes'],
      [`${STRATEGY_USER}:distinguishedName`, 'CN=Ada,OU=Staff,DC=example,DC=com'],
      ['active', false],
    ];
    const multi: [string, Record<string, unknown>][] = [
      ['emails', { value: 'ada@example.com', type: 'work' }],
      ['phoneNumbers', { value: '+44 20 7946 0000', type: 'work' }],
      ['ims', { value: 'ada-im', type: 'xmpp' }],
      ['photos', { value: 'https://example.com/ada.png', type: 'photo' }],
      ['addresses', { locality: 'London', type: 'home' }],
      ['entitlements', { value: 'reading-room' }],
      ['roles', { value: 'curator' }],
      ['x509Certificates', { value: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A' }],
    ];
    expect(simple.length + multi.length).toBe(30);
    const operations = [
      ...simple.map(([path, value]) => ({ op: path === 'active' ? 'replace' : 'add', path, value })),
      ...multi.map(([path, value]) => ({ op: 'add', path, value: [value] })),
    ];
    const replies = await Promise.all(
      operations.map((operation) =>
        callReplica(next(), 'PATCH', `/Users/${String(userId)}`, { token, body: patch(operation) }),
      ),
    );
    for (const reply of replies) expect(reply.status, reply.text).toBe(200);
    for (const replica of cluster().replicas) {
      const read = await callReplica(replica, 'GET', `/Users/${String(userId)}`, { token });
      expect(read.status, read.text).toBe(200);
      for (const [path, value] of simple)
        expect(valueAt(read.body, path), `${path} through ${replica.name}`).toEqual(value);
      for (const [path, value] of multi) {
        expect(valueAt(read.body, path), `${path} through ${replica.name}`).toEqual([expect.objectContaining(value)]);
      }
      expect(read.headers.get('etag'), 'one version per PATCH').toBe('W/"31"');
    }
  });

  it('20 concurrent PUTs with If-Match of the same version: exactly one 200, the rest 412', async () => {
    const next = roundRobin(cluster().replicas);
    const { token } = cluster();
    const userName = `put-${randomUUID().slice(0, 8)}@example.com`;
    const created = await callReplica(next(), 'POST', '/Users', { token, body: { schemas: [CORE_USER], userName } });
    expect(created.status, created.text).toBe(201);
    const etag = String(created.headers.get('etag'));
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        callReplica(next(), 'PUT', `/Users/${String(created.body?.['id'])}`, {
          token,
          headers: { 'If-Match': etag },
          body: { schemas: [CORE_USER], userName, displayName: `Writer ${index}` },
        }),
      ),
    );
    const winners = replies.filter((reply) => reply.status === 200);
    expect(winners, replies.map((reply) => reply.status).join(',')).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 412)).toHaveLength(19);
    const read = await callReplica(next(), 'GET', `/Users/${String(created.body?.['id'])}`, { token });
    expect(read.body?.['displayName']).toBe(winners[0]?.body?.['displayName']);
    expect(read.headers.get('etag')).toBe(winners[0]?.headers.get('etag'));
  });

  it('one userName created at once on every replica: exactly one 201, the others 409 uniqueness', async () => {
    const { token, replicas } = cluster();
    for (let round = 0; round < 5; round += 1) {
      const userName = `race-${randomUUID().slice(0, 8)}@example.com`;
      const replies = await Promise.all(
        replicas.map((replica) =>
          callReplica(replica, 'POST', '/Users', { token, body: { schemas: [CORE_USER], userName } }),
        ),
      );
      expect(
        replies.filter((reply) => reply.status === 201),
        replies.map((reply) => reply.text).join('\n'),
      ).toHaveLength(1);
      for (const reply of replies.filter((candidate) => candidate.status !== 201)) {
        expect(reply.status, reply.text).toBe(409);
        expect(reply.body?.['scimType']).toBe('uniqueness');
        expect(String(reply.body?.['detail'])).toContain(userName);
      }
    }
  });
}
