/**
 * Racing and large writes over real HTTP, on SQLite and on PostgreSQL: concurrent PUT/PATCH of
 * one user with and without If-Match (exactly one winner, no lost update), 50 concurrent
 * membership adds, concurrent creates of one name, nesting races that could close a cycle, a
 * member added while its user is deleted, a 20,000-member group changed by one member, cycles
 * through three groups, deletes of members, and the soft-delete policy. Nothing acknowledged may
 * be lost, no failed write may leave a trace, and nothing may answer 500.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScimReply as Reply, expectScimErrorReply, scimRequest } from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const LEAK =
  /\bat [\w.<>]+ \(|\.[cm]?[jt]s:\d+|node_modules|SQLITE_|\bselect\b.{0,200}\bfrom\b|deadlock|serializ|violates|duplicate key|TypeError|RangeError|\bundefined\b/i;

function expectScimError(reply: Reply, status: number, scimType?: string): string {
  return expectScimErrorReply(reply, status, { scimType, leak: LEAK, envelope: false });
}

function patch(...operations: unknown[]): Record<string, unknown> {
  return { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations };
}

function statuses(replies: Reply[]): number[] {
  return replies.map((reply) => reply.status).sort();
}

describe.each(['sqlite', 'postgres'] as const)('racing and large writes on %s', (dialect) => {
  let server: TestServer;

  function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return scimRequest(server, method, path, {
      body,
      headers,
      token: server.token,
      timeoutMs: 60_000,
      requireJson: true,
    });
  }

  async function createUser(userName: string, extra: Record<string, unknown> = {}): Promise<string> {
    const reply = await call('POST', '/Users', { userName, ...extra });
    expect(reply.status, reply.text).toBe(201);
    return String(reply.body?.['id']);
  }

  async function createGroup(displayName: string, members: string[] = []): Promise<string> {
    const reply = await call('POST', '/Groups', { displayName, members: members.map((value) => ({ value })) });
    expect(reply.status, reply.text).toBe(201);
    return String(reply.body?.['id']);
  }

  async function memberIds(groupId: string): Promise<string[]> {
    const reply = await call('GET', `/Groups/${groupId}`);
    expect(reply.status, reply.text).toBe(200);
    return ((reply.body?.['members'] ?? []) as { value: string }[]).map((member) => member.value).sort();
  }

  const addMember = (groupId: string, memberId: string) =>
    call('PATCH', `/Groups/${groupId}`, patch({ op: 'add', path: 'members', value: [{ value: memberId }] }));

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });

  afterAll(async () => {
    await server.close();
  });

  describe('one user, many writers', () => {
    it('six PUTs with the same If-Match: exactly one wins, the others get 412 and change nothing', async () => {
      const id = await createUser('etag.race@example.com');
      const etag = String((await call('GET', `/Users/${id}`)).headers.get('etag'));
      const replies = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) =>
          call('PUT', `/Users/${id}`, { userName: 'etag.race@example.com', title: `Title ${n}` }, { 'If-Match': etag }),
        ),
      );
      expect(statuses(replies)).toEqual([200, 412, 412, 412, 412, 412]);
      for (const loser of replies.filter((reply) => reply.status === 412))
        expect(expectScimError(loser, 412)).toContain(id);
      const winner = replies.find((reply) => reply.status === 200);
      const stored = await call('GET', `/Users/${id}`);
      expect(stored.body?.['title']).toBe(winner?.body?.['title']);
      expect(stored.headers.get('etag')).toBe('W/"2"');
    });

    it('six PATCHes with the same If-Match: exactly one wins', async () => {
      const id = await createUser('etag.patch@example.com');
      const etag = String((await call('GET', `/Users/${id}`)).headers.get('etag'));
      const replies = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) =>
          call('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'nickName', value: `N${n}` }), {
            'If-Match': etag,
          }),
        ),
      );
      expect(statuses(replies)).toEqual([200, 412, 412, 412, 412, 412]);
      expect((await call('GET', `/Users/${id}`)).headers.get('etag')).toBe('W/"2"');
    });

    it('ten PATCHes of different attributes without If-Match: every change is kept', async () => {
      const id = await createUser('no.lost.update@example.com');
      const changes: [string, string][] = [
        ['title', 'Archivist'],
        ['nickName', 'Ada'],
        ['displayName', 'Ada L.'],
        ['userType', 'Staff'],
        ['locale', 'en-GB'],
        ['timezone', 'Europe/London'],
        ['preferredLanguage', 'en'],
        ['profileUrl', 'https://example.com/ada'],
        [`${ENTERPRISE}:department`, 'Rare Books'],
        [`${ENTERPRISE}:employeeNumber`, '1815'],
      ];
      const replies = await Promise.all(
        changes.map(([path, value]) => call('PATCH', `/Users/${id}`, patch({ op: 'replace', path, value }))),
      );
      expect(new Set(statuses(replies))).toEqual(new Set([200]));
      const stored = await call('GET', `/Users/${id}`);
      for (const [path, value] of changes) {
        const [holder, name] = path.startsWith(ENTERPRISE)
          ? [stored.body?.[ENTERPRISE] as Record<string, unknown>, path.slice(ENTERPRISE.length + 1)]
          : [stored.body, path];
        expect(holder?.[name], path).toBe(value);
      }
      expect(stored.headers.get('etag')).toBe(`W/"${1 + changes.length}"`);
    });

    it('thirty concurrent email adds: all thirty kept', async () => {
      const id = await createUser('many.emails@example.com');
      const replies = await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          call('PATCH', `/Users/${id}`, patch({ op: 'add', path: 'emails', value: [{ value: `e${n}@example.com` }] })),
        ),
      );
      expect(new Set(statuses(replies))).toEqual(new Set([200]));
      expect(((await call('GET', `/Users/${id}`)).body?.['emails'] as unknown[]).length).toBe(30);
    });

    it('eight concurrent PUTs without If-Match: the user ends as exactly one of them', async () => {
      const id = await createUser('last.writer@example.com');
      const bodies = Array.from({ length: 8 }, (_, n) => ({
        userName: 'last.writer@example.com',
        title: `T${n}`,
        nickName: `N${n}`,
      }));
      const replies = await Promise.all(bodies.map((body) => call('PUT', `/Users/${id}`, body)));
      expect(new Set(statuses(replies))).toEqual(new Set([200]));
      const stored = await call('GET', `/Users/${id}`);
      const n = String(stored.body?.['title']).slice(1);
      expect(stored.body?.['nickName']).toBe(`N${n}`);
      expect(stored.headers.get('etag')).toBe('W/"9"');
    });

    it('ten concurrent creates of one userName in different case: one 201, nine 409 uniqueness', async () => {
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          call('POST', '/Users', { userName: n % 2 === 0 ? 'Twin@Example.com' : 'twin@example.COM' }),
        ),
      );
      expect(statuses(replies)).toEqual([201, ...Array<number>(9).fill(409)]);
      for (const reply of replies.filter((r) => r.status === 409)) expectScimError(reply, 409, 'uniqueness');
      expect(
        (await call('GET', `/Users?filter=${encodeURIComponent('userName eq "twin@example.com"')}`)).body?.[
          'totalResults'
        ],
      ).toBe(1);
    });

    it('ten concurrent creates of one group name, and four concurrent DELETEs of one user', async () => {
      const groups = await Promise.all(
        Array.from({ length: 10 }, () => call('POST', '/Groups', { displayName: 'Race Room' })),
      );
      expect(statuses(groups)).toEqual([201, ...Array<number>(9).fill(409)]);
      const id = await createUser('deleted.four.times@example.com');
      const deletes = await Promise.all([1, 2, 3, 4].map(() => call('DELETE', `/Users/${id}`)));
      expect(statuses(deletes)).toEqual([204, 404, 404, 404]);
    });
  });

  describe('memberships under contention', () => {
    it('fifty concurrent adds to one group: all fifty members present, one version per add', async () => {
      const groupId = await createGroup('Fifty Readers');
      const users = await Promise.all(Array.from({ length: 50 }, (_, n) => createUser(`fifty.${n}@example.com`)));
      const replies = await Promise.all(users.map((userId) => addMember(groupId, userId)));
      expect(new Set(statuses(replies))).toEqual(new Set([204]));
      expect(await memberIds(groupId)).toEqual([...users].sort());
      expect((await call('GET', `/Groups/${groupId}`)).headers.get('etag')).toBe('W/"51"');
    });

    it('twenty adds and twenty removes at once end in exactly the expected set', async () => {
      const users = await Promise.all(Array.from({ length: 40 }, (_, n) => createUser(`mix.${n}@example.com`)));
      const [leaving, joining] = [users.slice(0, 20), users.slice(20)];
      const groupId = await createGroup('Mixed Traffic', leaving);
      const replies = await Promise.all([
        ...joining.map((userId) => addMember(groupId, userId)),
        ...leaving.map((userId) =>
          call('PATCH', `/Groups/${groupId}`, patch({ op: 'remove', path: `members[value eq "${userId}"]` })),
        ),
      ]);
      expect(new Set(statuses(replies))).toEqual(new Set([204]));
      expect(await memberIds(groupId)).toEqual([...joining].sort());
    });

    it('two groups nested into each other at the same moment never form a cycle', async () => {
      for (let round = 0; round < 8; round += 1) {
        const a = await createGroup(`Ring A${round}`);
        const b = await createGroup(`Ring B${round}`);
        const replies = await Promise.all([addMember(a, b), addMember(b, a)]);
        expect(statuses(replies)).toEqual([204, 400]);
        expect(expectScimError(replies.find((r) => r.status === 400) as Reply, 400, 'invalidValue')).toMatch(/itself/);
        const nested = [(await memberIds(a)).length, (await memberIds(b)).length].sort();
        expect(nested).toEqual([0, 1]);
      }
    });

    it('closing a three-group loop from two sides at once: at most one side succeeds', async () => {
      for (let round = 0; round < 5; round += 1) {
        const a = await createGroup(`Loop A${round}`);
        const b = await createGroup(`Loop B${round}`);
        const c = await createGroup(`Loop C${round}`);
        expect((await addMember(a, b)).status).toBe(204);
        // a contains b; now b takes c while c takes a: together a > b > c > a.
        const replies = await Promise.all([addMember(b, c), addMember(c, a)]);
        expect(statuses(replies)).toEqual([204, 400]);
      }
    });

    it('a member added while its user is deleted never stays behind', async () => {
      for (let round = 0; round < 8; round += 1) {
        const groupId = await createGroup(`Vanishing ${round}`);
        const userId = await createUser(`vanishing.${round}@example.com`);
        const [added, deleted] = await Promise.all([addMember(groupId, userId), call('DELETE', `/Users/${userId}`)]);
        expect(deleted.status).toBe(204);
        expect([204, 400]).toContain(added.status);
        expect(await memberIds(groupId)).toEqual([]);
      }
    });
  });

  describe('a group of 20,000 members', () => {
    it('is replaced by one PUT, then changed by one-member PATCHes', { timeout: 120_000 }, async () => {
      const at = new Date().toISOString();
      const ids = Array.from({ length: 20_000 }, () => randomUUID());
      await server.server.directory.store.write(async (session) => {
        for (const [n, id] of ids.entries()) {
          const userName = `bulk.${n}@example.com`;
          await session.users.insert({
            id,
            userName,
            externalId: null,
            displayName: null,
            active: true,
            resource: { userName },
            library: { fullName: null, email: null, trustId: userName, distinguishedName: null },
            at,
          });
        }
      });
      const groupId = await createGroup('Everyone');
      const put = await call('PUT', `/Groups/${groupId}`, {
        displayName: 'Everyone',
        members: ids.map((value) => ({ value })),
      });
      expect(put.status, put.text.slice(0, 300)).toBe(200);
      expect((put.body?.['members'] as unknown[]).length).toBe(20_000);

      const extra = await createUser('the.twenty.thousand.and.first@example.com');
      const started = performance.now();
      expect((await addMember(groupId, extra)).status).toBe(204);
      const removed = await call(
        'PATCH',
        `/Groups/${groupId}`,
        patch({ op: 'remove', path: `members[value eq "${ids[0]}"]` }),
      );
      expect(removed.status, removed.text).toBe(204);
      const patchMs = performance.now() - started;
      const members = await memberIds(groupId);
      expect(members).toHaveLength(20_000);
      expect(members).toContain(extra);
      expect(members).not.toContain(ids[0]);
      const found = await call(
        'GET',
        `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`members[value eq "${extra}"]`)}`,
      );
      expect(found.body?.['totalResults']).toBe(1);
      // Proportional to the members changed, not to the group: generous, but far below a rewrite.
      expect(patchMs).toBeLessThan(5_000);
      // A PUT that repeats the list with one id swapped changes one row each way.
      const swapped = [...members.filter((id) => id !== extra), ids[0] as string];
      const again = await call('PUT', `/Groups/${groupId}`, {
        displayName: 'Everyone',
        members: swapped.map((value) => ({ value })),
      });
      expect(again.status).toBe(200);
      expect(await memberIds(groupId)).toEqual([...swapped].sort());
    });
  });

  describe('nesting and deletes', () => {
    it('refuses a loop through three groups however it is written, and changes nothing', async () => {
      const inner = await createGroup('Loop Inner');
      const middle = await createGroup('Loop Middle', [inner]);
      const outer = await createGroup('Loop Outer', [middle]);
      const before = (await call('GET', `/Groups/${inner}`)).text;
      const attempts = [
        call(
          'PATCH',
          `/Groups/${inner}`,
          patch({ op: 'add', path: 'members', value: [{ value: outer, type: 'Group' }] }),
        ),
        call('PATCH', `/Groups/${inner}`, patch({ op: 'replace', path: 'members', value: [{ value: outer }] })),
        call('PATCH', `/Groups/${inner}`, patch({ op: 'add', value: { members: [{ value: outer }] } })),
        call('PUT', `/Groups/${inner}`, { displayName: 'Loop Inner', members: [{ value: outer }] }),
        call('PATCH', `/Groups/${inner}`, patch({ op: 'add', path: 'members', value: [{ value: inner }] })),
      ];
      for (const reply of await Promise.all(attempts))
        expect(expectScimError(reply, 400, 'invalidValue')).toMatch(/itself/);
      expect((await call('GET', `/Groups/${inner}`)).text).toBe(before);
    });

    it('deleting a group that is a member of another removes it from the other', async () => {
      const child = await createGroup('Child Group');
      const reader = await createUser('child.member@example.com');
      await call('PATCH', `/Groups/${child}`, patch({ op: 'add', path: 'members', value: [{ value: reader }] }));
      const parent = await createGroup('Parent Group', [child, reader]);
      expect((await call('DELETE', `/Groups/${child}`)).status).toBe(204);
      expect(await memberIds(parent)).toEqual([reader]);
      expect(
        (await call('GET', `/Groups?filter=${encodeURIComponent(`members[value eq "${child}"]`)}`)).body?.[
          'totalResults'
        ],
      ).toBe(0);
      expect((await call('GET', `/Users/${reader}`)).status).toBe(200);
      expectScimError(await call('DELETE', `/Groups/${child}`), 404);
      expectScimError(await addMember(parent, child), 400, 'invalidValue');
    });

    it('deleting a user removes it from every group', async () => {
      const reader = await createUser('member.of.two@example.com');
      const other = await createUser('stays@example.com');
      const first = await createGroup('First of Two', [reader, other]);
      const second = await createGroup('Second of Two', [reader]);
      expect((await call('DELETE', `/Users/${reader}`)).status).toBe(204);
      expect(await memberIds(first)).toEqual([other]);
      expect(await memberIds(second)).toEqual([]);
      expect(
        (await call('GET', `/Groups?filter=${encodeURIComponent(`members.value eq "${reader}"`)}`)).body?.[
          'totalResults'
        ],
      ).toBe(0);
    });
  });

  describe('the soft-delete policy', () => {
    it('hides a deleted member everywhere, and revives the user without its memberships when the same userName is pushed again', async () => {
      await server.server.directory.settings.update({ deprovisioningPolicy: 'soft' });
      try {
        const reader = await createUser('Soft.Reader@example.com', { title: 'Before' });
        const groupId = await createGroup('Soft Room', [reader]);
        expect((await call('DELETE', `/Users/${reader}`)).status).toBe(204);
        expectScimError(await call('GET', `/Users/${reader}`), 404);
        expectScimError(await call('DELETE', `/Users/${reader}`), 404);
        expectScimError(
          await call('PATCH', `/Users/${reader}`, patch({ op: 'replace', path: 'title', value: 'x' })),
          404,
        );
        expectScimError(await call('PUT', `/Users/${reader}`, { userName: 'Soft.Reader@example.com' }), 404);
        expect(
          (await call('GET', `/Users?filter=${encodeURIComponent('userName eq "soft.reader@example.com"')}`)).body?.[
            'totalResults'
          ],
        ).toBe(0);
        expect(await memberIds(groupId)).toEqual([]);
        for (const filter of [
          `members[value eq "${reader}"]`,
          'members.display eq "Soft.Reader@example.com"',
          'members pr',
        ]) {
          const found = await call(
            'GET',
            `/Groups?filter=${encodeURIComponent(`displayName eq "Soft Room" and ${filter}`)}`,
          );
          expect(found.body?.['totalResults'], filter).toBe(0);
        }
        expect(expectScimError(await addMember(groupId, reader), 400, 'invalidValue')).toContain(reader);

        // Pushed again, the userName revives the record with the new document, but its old
        // memberships do not pass to whoever holds the name now.
        const again = await call('POST', '/Users', { userName: 'SOFT.READER@example.com', nickName: 'After' });
        expect(again.status, again.text).toBe(201);
        expect(again.body?.['id']).toBe(reader);
        expect(again.body?.['title']).toBeUndefined();
        expect(again.body?.['nickName']).toBe('After');
        expect(await memberIds(groupId)).toEqual([]);
      } finally {
        await server.server.directory.settings.update({ deprovisioningPolicy: 'hard' });
      }
    });

    // Regression, now fixed (src/directory/user-directory.ts, conflict()): renaming a user onto the userName of a
    // soft-deleted user answers 409 "look it up with filter=userName eq ..." but that filter finds
    // nothing, because soft-deleted users are hidden. The detail should say that the name belongs
    // to a deleted user that an admin can restore or purge in the console.
    it('a rename onto a soft-deleted userName says that a deleted user holds the name', async () => {
      await server.server.directory.settings.update({ deprovisioningPolicy: 'soft' });
      try {
        const gone = await createUser('held.name@example.com');
        expect((await call('DELETE', `/Users/${gone}`)).status).toBe(204);
        const other = await createUser('renamed@example.com');
        const detail = expectScimError(
          await call('PUT', `/Users/${other}`, { userName: 'held.name@example.com' }),
          409,
          'uniqueness',
        );
        expect(detail).toMatch(/deleted/i);
      } finally {
        await server.server.directory.settings.update({ deprovisioningPolicy: 'hard' });
      }
    });
  });
});
