/**
 * SCIM errors over HTTP, continued (see scim-errors.test.ts): PATCH mutability, invalidPath and
 * noTarget, invalid values, and the other statuses (405, 406, 412, 413, 415, 429, 501).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORE_GROUP,
  MISSING_A,
  MISSING_B,
  call,
  createGroup,
  createUser,
  memberIds,
  patch,
  scimError,
  user,
} from '../support/scim-error-requests.js';
import type { ScimReply as Reply } from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('SCIM errors (4xx) of writes over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('400 mutability, invalidPath, noTarget (PATCH)', () => {
    it.each([
      ['id', 'a-new-id'],
      ['meta.created', '2020-01-01T00:00:00Z'],
      ['groups', [{ value: MISSING_A }]],
    ])('writing the read-only attribute %s names it', async (path, value) => {
      const id = await createUser(server, `readonly.${path.replace('.', '-')}@example.com`);
      const detail = scimError(
        await call(server, 'PATCH', `/Users/${id}`, { body: patch({ op: 'replace', path, value }) }),
        400,
        'mutability',
      );
      expect(detail).toContain(path.split('.')[0]);
    });

    it('an unknown attribute path names the path', async () => {
      const id = await createUser(server, 'unknown.path@example.com');
      const detail = scimError(
        await call(server, 'PATCH', `/Users/${id}`, {
          body: patch({ op: 'replace', path: 'favouriteColour', value: 'blue' }),
        }),
        400,
        'invalidPath',
      );
      expect(detail).toContain('favouriteColour');
    });

    it('a malformed path quotes it', async () => {
      const id = await createUser(server, 'bad.path@example.com');
      const body = patch({ op: 'replace', path: 'emails[type eq "work"', value: 'x@example.com' });
      const detail = scimError(await call(server, 'PATCH', `/Users/${id}`, { body }), 400, 'invalidPath');
      expect(detail).toContain('emails[type eq');
    });

    it('remove without a path', async () => {
      const id = await createUser(server, 'remove.nothing@example.com');
      const detail = scimError(
        await call(server, 'PATCH', `/Users/${id}`, { body: patch({ op: 'remove' }) }),
        400,
        'noTarget',
      );
      expect(detail).toMatch(/path/i);
    });
  });

  describe('400 invalidValue', () => {
    it('a wrong value type in PATCH names the attribute and the value', async () => {
      const id = await createUser(server, 'wrong.type@example.com');
      const detail = scimError(
        await call(server, 'PATCH', `/Users/${id}`, { body: patch({ op: 'replace', path: 'active', value: 'yes' }) }),
        400,
        'invalidValue',
      );
      expect(detail).toContain('active');
      expect(detail).toContain('yes');
    });

    it.each([
      ['userName', { userName: 42 }],
      ['name', { name: 'Test User' }],
      [
        'emails',
        {
          emails: [
            { value: 'a@example.com', primary: true },
            { value: 'b@example.com', primary: true },
          ],
        },
      ],
    ])('a wrong %s in POST names it', async (attribute, extra) => {
      const body = { ...user(`wrong.${attribute}@example.com`), ...extra };
      const detail = scimError(await call(server, 'POST', '/Users', { body }), 400, 'invalidValue');
      expect(detail).toContain(attribute);
    });

    it('missing userName (POST and PUT)', async () => {
      const { userName: _omitted, ...withoutUserName } = user('x@example.com');
      const created = scimError(await call(server, 'POST', '/Users', { body: withoutUserName }), 400, 'invalidValue');
      expect(created).toContain('userName');
      const id = await createUser(server, 'put.without.username@example.com');
      const replaced = scimError(
        await call(server, 'PUT', `/Users/${id}`, { body: withoutUserName }),
        400,
        'invalidValue',
      );
      expect(replaced).toContain('userName');
    });

    it('missing group displayName', async () => {
      const detail = scimError(
        await call(server, 'POST', '/Groups', { body: { schemas: [CORE_GROUP], members: [] } }),
        400,
        'invalidValue',
      );
      expect(detail).toContain('displayName');
    });

    it('non-integer paging parameters name the parameter', async () => {
      const detail = scimError(await call(server, 'GET', '/Users?startIndex=1&count=ten'), 400, 'invalidValue');
      expect(detail).toContain('count');
    });

    it('a group push with unknown member ids names each id, says to provision again, and writes nothing', async () => {
      const member = await createUser(server, 'existing.member@example.com');
      const ghosts = {
        schemas: [CORE_GROUP],
        displayName: 'Ghost Readers',
        members: [{ value: member }, { value: MISSING_A }, { value: MISSING_B }],
      };
      const created = scimError(await call(server, 'POST', '/Groups', { body: ghosts }), 400, 'invalidValue');
      expect(created).toContain(MISSING_A);
      expect(created).toContain(MISSING_B);
      expect(created).not.toContain(member);
      expect(created).toMatch(/provision/i);
      const lookup = await call(server, 'GET', '/Groups?filter=displayName eq "Ghost Readers"');
      expect(lookup.body?.['totalResults']).toBe(0);

      const groupId = await createGroup(server, 'Circulation Desk', [member]);
      const addMissing = patch({ op: 'add', path: 'members', value: [{ value: MISSING_A }] });
      const added = scimError(
        await call(server, 'PATCH', `/Groups/${groupId}`, { body: addMissing }),
        400,
        'invalidValue',
      );
      expect(added).toContain(MISSING_A);
      const putMissing = { schemas: [CORE_GROUP], displayName: 'Renamed Desk', members: [{ value: MISSING_B }] };
      const replaced = scimError(
        await call(server, 'PUT', `/Groups/${groupId}`, { body: putMissing }),
        400,
        'invalidValue',
      );
      expect(replaced).toContain(MISSING_B);
      expect(await memberIds(server, groupId)).toEqual([member]);
      expect((await call(server, 'GET', `/Groups/${groupId}`)).body?.['displayName']).toBe('Circulation Desk');
    });

    it('a group that would contain itself, directly or through another group', async () => {
      const outer = await createGroup(server, 'Outer Group');
      const addSelf = patch({ op: 'add', path: 'members', value: [{ value: outer, type: 'Group' }] });
      const direct = scimError(await call(server, 'PATCH', `/Groups/${outer}`, { body: addSelf }), 400, 'invalidValue');
      expect(direct).toMatch(/itself/i);
      expect(direct).toContain(outer);

      const inner = await createGroup(server, 'Inner Group', [outer]);
      const addInner = patch({ op: 'add', path: 'members', value: [{ value: inner, type: 'Group' }] });
      const cycle = scimError(await call(server, 'PATCH', `/Groups/${outer}`, { body: addInner }), 400, 'invalidValue');
      expect(cycle).toContain(inner);
      expect(await memberIds(server, outer)).toEqual([]);
    });
  });

  describe('other statuses', () => {
    it('412 when If-Match carries a stale ETag', async () => {
      const id = await createUser(server, 'etag.user@example.com');
      const read = await call(server, 'GET', `/Users/${id}`);
      const etag = read.headers.get('etag');
      expect(etag).toBeTruthy();
      const first = await call(server, 'PUT', `/Users/${id}`, {
        body: user('etag.user@example.com', { title: 'First' }),
        headers: { 'If-Match': String(etag) },
      });
      expect(first.status, first.text).toBe(200);
      const stale = await call(server, 'PUT', `/Users/${id}`, {
        body: user('etag.user@example.com', { title: 'Second' }),
        headers: { 'If-Match': String(etag) },
      });
      const detail = scimError(stale, 412);
      expect(detail).toContain(id);
      expect(detail).toMatch(/read it again|again/i);
      expect((await call(server, 'GET', `/Users/${id}`)).body?.['title']).toBe('First');
    });

    it('415 for a body that is not JSON', async () => {
      const form = await call(server, 'POST', '/Users', {
        raw: 'userName=plain@example.com',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      const detail = scimError(form, 415);
      expect(detail).toContain('application/scim+json');
    });

    it('405 for a method the endpoint does not allow', async () => {
      const reply = await call(server, 'DELETE', '/Users');
      const detail = scimError(reply, 405);
      expect(detail).toMatch(/DELETE/);
      expect(reply.headers.get('allow')).toMatch(/GET/);
    });

    it('413 for a body larger than the server accepts', async () => {
      const small = await startTestServer({ config: { maxBodyBytes: 2_048 } });
      try {
        const detail = scimError(
          await call(small, 'POST', '/Users', { body: user('big@example.com', { title: 'x'.repeat(4_096) }) }),
          413,
          'tooMany',
        );
        expect(detail).toMatch(/larger|too large/i);
      } finally {
        await small.close();
      }
    });

    it('429 with Retry-After when a token sends too fast', async () => {
      const throttled = await startTestServer({ config: { rateLimitPerSecond: 1, rateLimitBurst: 2 } });
      try {
        const replies: Reply[] = [];
        for (let i = 0; i < 5; i += 1) replies.push(await call(throttled, 'GET', '/Users'));
        const limited = replies.find((reply) => reply.status === 429);
        expect(limited, replies.map((r) => r.status).join(',')).toBeDefined();
        if (!limited) return;
        const detail = scimError(limited, 429);
        expect(detail).toMatch(/retry/i);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      } finally {
        await throttled.close();
      }
    });

    it('403 when an admin has disabled SCIM provisioning', async () => {
      const disabled = await startTestServer();
      try {
        await disabled.server.directory.settings.update({ scimEnabled: false });
        const detail = scimError(await call(disabled, 'GET', '/Users'), 403);
        expect(detail).toMatch(/disabled/i);
        expect(detail).toMatch(/enable/i);
      } finally {
        await disabled.close();
      }
    });
  });
});
