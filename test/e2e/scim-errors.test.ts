/**
 * Every 4xx the SCIM API produces, over real HTTP against a real server: the status, the RFC 7644
 * `scimType`, an `application/scim+json` Error body, and a `detail` an IT admin can act on (it
 * names the attribute, id or filter at fault and says what to do). Okta shows `detail` in its task
 * list, so the wording matters; these tests check key words, not whole sentences.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  SCIM_JSON,
  type ScimReply as Reply,
  type ScimRequest,
  expectScimErrorReply,
  scimRequest,
} from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Send = Omit<ScimRequest, 'token' | 'accept' | 'timeoutMs' | 'requireJson'> & {
  /** The bearer token; `null` sends no Authorization header. Default: the server's valid token. */
  token?: string | null;
};

function call(server: TestServer, method: string, path: string, options: Send = {}): Promise<Reply> {
  const token = options.token === undefined ? server.token : options.token;
  return scimRequest(server, method, path, { ...options, token, accept: SCIM_JSON });
}

/** Assert a SCIM Error response (no `scimType` unless one is named) and return its detail. */
function scimError(reply: Reply, status: number, scimType?: string): string {
  const detail = expectScimErrorReply(reply, status, { scimType: scimType ?? null });
  expect(typeof reply.body?.['detail']).toBe('string');
  return detail;
}

function user(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [CORE_USER], userName, name: { givenName: 'Test', familyName: 'User' }, active: true, ...extra };
}

function patch(...operations: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [PATCH_OP], Operations: operations };
}

async function createUser(server: TestServer, userName: string): Promise<string> {
  const reply = await call(server, 'POST', '/Users', { body: user(userName) });
  expect(reply.status, reply.text).toBe(201);
  return String(reply.body?.['id']);
}

async function createGroup(server: TestServer, displayName: string, members: string[] = []): Promise<string> {
  const reply = await call(server, 'POST', '/Groups', {
    body: { schemas: [CORE_GROUP], displayName, members: members.map((value) => ({ value })) },
  });
  expect(reply.status, reply.text).toBe(201);
  return String(reply.body?.['id']);
}

async function memberIds(server: TestServer, groupId: string): Promise<string[]> {
  const reply = await call(server, 'GET', `/Groups/${groupId}`);
  expect(reply.status, reply.text).toBe(200);
  const members = (reply.body?.['members'] ?? []) as { value: string }[];
  return members.map((m) => m.value).sort();
}

const MISSING_A = '89bb1940-b905-4575-9e7f-6f887cfb368e';
const MISSING_B = 'b1c794f2-4f4c-49f4-b5d5-03a4cb2686ea';

describe('SCIM errors (4xx) over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('401 authentication', () => {
    const fixIt = /generate a new token/i;

    it('missing Authorization header: says the header is missing, with a WWW-Authenticate challenge', async () => {
      const reply = await call(server, 'GET', '/Users', { token: null });
      const detail = scimError(reply, 401);
      expect(detail).toMatch(/no Authorization header|missing/i);
      expect(detail).toMatch(fixIt);
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('not a bearer token: says only Bearer is accepted and does not echo the credentials', async () => {
      const credentials = Buffer.from('okta:s3cr3t-password').toString('base64');
      const detail = scimError(
        await call(server, 'GET', '/Users', { token: null, headers: { Authorization: `Basic ${credentials}` } }),
        401,
      );
      expect(detail).toMatch(/bearer/i);
      expect(detail).not.toContain(credentials);
    });

    it('unknown token: says the token is not known and never echoes it', async () => {
      const madeUp = `lsc_${'x'.repeat(43)}`;
      const detail = scimError(await call(server, 'GET', '/Users', { token: madeUp }), 401);
      expect(detail).toMatch(/not known|unknown/i);
      expect(detail).toMatch(fixIt);
      expect(detail).not.toContain(madeUp);
      expect(detail).not.toContain('x'.repeat(12));
    });

    it('expired token: says it expired and never echoes it', async () => {
      const { token } = await server.createToken({ name: 'expires quickly', expiresInSeconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const detail = scimError(await call(server, 'GET', '/Users', { token }), 401);
      expect(detail).toMatch(/expired/i);
      expect(detail).toMatch(fixIt);
      expect(detail).not.toContain(token);
    });

    it('revoked token: says it was revoked and never echoes it', async () => {
      const { id, token } = await server.createToken({ name: 'revoked in the console' });
      expect((await call(server, 'GET', '/Users', { token })).status).toBe(200);
      await server.revokeToken(id);
      const detail = scimError(await call(server, 'GET', '/Users', { token }), 401);
      expect(detail).toMatch(/revoked/i);
      expect(detail).toMatch(fixIt);
      expect(detail).not.toContain(token);
    });
  });

  describe('400 invalidSyntax', () => {
    it('malformed JSON', async () => {
      const detail = scimError(
        await call(server, 'POST', '/Users', { raw: '{"userName": "broken@example.com", ' }),
        400,
        'invalidSyntax',
      );
      expect(detail).toMatch(/JSON/);
    });

    it('a body that is not a JSON object', async () => {
      const detail = scimError(
        await call(server, 'POST', '/Users', { body: [user('array@example.com')] }),
        400,
        'invalidSyntax',
      );
      expect(detail).toMatch(/object/i);
    });

    it('a PATCH without Operations, and an unknown op', async () => {
      const id = await createUser(server, 'patch.syntax@example.com');
      const missing = scimError(
        await call(server, 'PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP] } }),
        400,
        'invalidSyntax',
      );
      expect(missing).toContain('Operations');
      const unknownOp = scimError(
        await call(server, 'PATCH', `/Users/${id}`, { body: patch({ op: 'move', path: 'title', value: 'x' }) }),
        400,
        'invalidSyntax',
      );
      expect(unknownOp).toContain('move');
      expect(unknownOp).toMatch(/add.*replace.*remove/);
    });
  });

  describe('400 invalidFilter', () => {
    it('unknown filter attribute: names the attribute', async () => {
      const detail = scimError(
        await call(server, 'GET', '/Users?filter=favouriteColour eq "blue"'),
        400,
        'invalidFilter',
      );
      expect(detail).toContain('favouriteColour');
    });

    it('bad filter syntax: quotes the filter and says what was expected', async () => {
      const detail = scimError(await call(server, 'GET', '/Users?filter=userName eq'), 400, 'invalidFilter');
      expect(detail).toContain('userName eq');
      expect(detail).toMatch(/value|expected/i);
    });

    it('an operator that does not fit the type', async () => {
      const detail = scimError(await call(server, 'GET', '/Users?filter=active gt true'), 400, 'invalidFilter');
      expect(detail).toContain('active');
    });
  });

  describe('409 uniqueness', () => {
    it('duplicate userName in a different case: names the userName and how to link instead', async () => {
      await createUser(server, 'Case.User@example.com');
      const detail = scimError(
        await call(server, 'POST', '/Users', { body: user('CASE.USER@EXAMPLE.COM') }),
        409,
        'uniqueness',
      );
      expect(detail.toLowerCase()).toContain('case.user@example.com');
      expect(detail).toMatch(/filter/);
    });

    it("renaming a user onto another user's userName with PUT", async () => {
      await createUser(server, 'taken.name@example.com');
      const id = await createUser(server, 'free.name@example.com');
      const detail = scimError(
        await call(server, 'PUT', `/Users/${id}`, { body: user('Taken.Name@example.com') }),
        409,
        'uniqueness',
      );
      expect(detail.toLowerCase()).toContain('taken.name@example.com');
    });

    it('duplicate group displayName in a different case', async () => {
      await createGroup(server, 'Reading Room Staff');
      const detail = scimError(
        await call(server, 'POST', '/Groups', { body: { schemas: [CORE_GROUP], displayName: 'reading room staff' } }),
        409,
        'uniqueness',
      );
      expect(detail.toLowerCase()).toContain('reading room staff');
    });
  });

  describe('404 not found', () => {
    const unknownId = 'd950a5ce-61da-4979-8423-4600c745a897';

    it.each([
      ['GET', '/Users'],
      ['PUT', '/Users'],
      ['PATCH', '/Users'],
      ['DELETE', '/Users'],
      ['GET', '/Groups'],
      ['PATCH', '/Groups'],
      ['DELETE', '/Groups'],
    ])('%s %s/{unknown id} names the id', async (method, endpoint) => {
      const body =
        method === 'PUT'
          ? user('nobody@example.com')
          : method === 'PATCH'
            ? patch({ op: 'replace', path: 'displayName', value: 'x' })
            : undefined;
      const detail = scimError(await call(server, method, `${endpoint}/${unknownId}`, { body }), 404);
      expect(detail).toContain(unknownId);
    });

    it('an unknown endpoint names the endpoints that exist', async () => {
      const detail = scimError(await call(server, 'GET', '/Widgets'), 404);
      expect(detail).toContain('/Users');
    });
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
