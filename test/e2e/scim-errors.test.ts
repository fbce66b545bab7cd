/**
 * Every 4xx the SCIM API produces, over real HTTP against a real server: the status, the RFC 7644
 * `scimType`, an `application/scim+json` Error body, and a `detail` an IT admin can act on (it
 * names the attribute, id or filter at fault and says what to do). Okta shows `detail` in its task
 * list, so the wording matters; these tests check key words, not whole sentences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORE_GROUP,
  PATCH_OP,
  call,
  createGroup,
  createUser,
  patch,
  scimError,
  user,
} from '../support/scim-error-requests.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

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
});
