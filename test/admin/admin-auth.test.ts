/**
 * Admin authentication over real HTTP: set-up with the one-time code, sessions in the database,
 * the cookie's flags, CSRF, cross-site refusal, throttling, sign-out, password change, and the
 * wall between the admin API (session cookie) and the SCIM API (bearer tokens).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmin, resetAdminPassword, sessionHash } from '../../src/admin/admin-auth.js';
import { SETUP_CODE_SETTING } from '../../src/admin/setup-code.js';
import {
  ADMIN_NAME,
  ADMIN_PASSWORD,
  AdminClient,
  type AdminTestServer,
  startAdminTestServer,
  startSignedInAdmin,
} from '../support/admin-test-server.js';

let server: AdminTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function scim(path: string, init: RequestInit = {}): Promise<Response> {
  if (!server) throw new Error('no server');
  return fetch(`${server.scimBase}${path}`, init);
}

describe('first admin set-up', () => {
  it('needs the one-time code, stores only hashes, and signs the admin in with a strict cookie', async () => {
    server = await startAdminTestServer();
    const client = new AdminClient(server.adminBase);
    expect((await client.request('GET', '/session')).body).toEqual({ setupRequired: true, authenticated: false });

    const wrong = await client.setup('AAAA-BBBB-CCCC-DDDD', ADMIN_NAME, ADMIN_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ status: '401', detail: expect.stringContaining('set-up code is wrong') });

    const weak = await client.setup(server.setupCode, ADMIN_NAME, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('at least 12 characters'),
    });

    // The code is case- and dash-insensitive, as people type it.
    const typed = server.setupCode.toLowerCase().replace(/-/g, ' ');
    const done = await client.setup(typed, ADMIN_NAME, ADMIN_PASSWORD);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      setupRequired: false,
      authenticated: true,
      admin: { username: ADMIN_NAME },
      csrfToken: expect.any(String),
    });
    const cookie = done.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^library_admin_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/admin');
    expect(cookie).not.toContain('Secure');

    const sessionId = (client.cookie ?? '').split('=')[1] ?? '';
    const stored = await server.accounts.read(async (repo) => ({
      session: await repo.getSession(sessionHash(sessionId)),
      admin: await repo.getAdminByUsername(ADMIN_NAME),
    }));
    expect(stored.session?.adminId).toBe(stored.admin?.id);
    expect(stored.admin?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(stored)).not.toContain(ADMIN_PASSWORD);
    expect(JSON.stringify(stored)).not.toContain(sessionId);
    const codes = await server.store.read((session) => session.settings.get(SETUP_CODE_SETTING));
    expect(codes).toEqual([]);

    const again = await new AdminClient(server.adminBase).setup(
      server.setupCode,
      'someone-else',
      'another long password',
    );
    expect(again.status).toBe(409);
    expect((await client.request('GET', '/session')).body).toMatchObject({
      authenticated: true,
      admin: { username: ADMIN_NAME },
    });
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    server = await startAdminTestServer({ config: { publicUrl: 'https://library.example.com' } });
    const client = new AdminClient(server.adminBase);
    const done = await client.request('POST', '/setup', {
      body: { setupCode: server.setupCode, username: ADMIN_NAME, password: ADMIN_PASSWORD },
      headers: { Origin: 'https://library.example.com' },
    });
    expect(done.status).toBe(201);
    expect(done.headers.get('set-cookie')).toContain('Secure');
  });
});

describe('sign-in and sessions', () => {
  it('signs in, refuses wrong passwords without saying which part was wrong, and signs out', async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    const client = new AdminClient(server.adminBase);
    const wrong = await client.login(ADMIN_NAME, 'not the password at all');
    expect(wrong.status).toBe(401);
    const unknown = await client.login('nobody-here', 'not the password at all');
    expect(unknown.status).toBe(401);
    expect((wrong.body as { detail: string }).detail).toBe((unknown.body as { detail: string }).detail);

    const ok = await client.login(ADMIN_NAME.toUpperCase(), ADMIN_PASSWORD);
    expect(ok.status).toBe(200);
    expect((await client.request('GET', '/settings')).status).toBe(200);
    const oldCookie = client.cookie;

    expect((await client.request('POST', '/logout')).status).toBe(204);
    expect(client.cookie).toBeUndefined();
    const replayed = await client.request('GET', '/settings', { headers: { Cookie: oldCookie ?? '' } });
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ detail: expect.stringContaining('Sign in again') });
    // The other session (from set-up) is untouched.
    expect((await started.admin.request('GET', '/settings')).status).toBe(200);
  });

  it('throttles repeated failures with 429 and Retry-After, even for the right password', async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    const client = new AdminClient(server.adminBase);
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect((await client.login(ADMIN_NAME, `wrong password ${attempt}`)).status).toBe(401);
    const locked = await client.login(ADMIN_NAME, ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body).toMatchObject({ detail: expect.stringContaining('Try again in') });
    const admin = await server.accounts.read((repo) => repo.getAdminByUsername(ADMIN_NAME));
    expect(admin?.failedLogins).toBe(5);
    expect(Date.parse(admin?.lockedUntil ?? '')).toBeGreaterThan(Date.now());
  });

  it("changes the password, ending the admin's other sessions", async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    const other = new AdminClient(server.adminBase);
    expect((await other.login(ADMIN_NAME, ADMIN_PASSWORD)).status).toBe(200);
    const refused = await started.admin.request('POST', '/password', {
      body: { currentPassword: 'wrong password here', newPassword: 'a brand new passphrase' },
    });
    expect(refused.status).toBe(400);
    const changed = await started.admin.request('POST', '/password', {
      body: { currentPassword: ADMIN_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(200);
    expect((await started.admin.request('GET', '/settings')).status).toBe(200);
    expect((await other.request('GET', '/settings')).status).toBe(401);
    expect((await other.login(ADMIN_NAME, ADMIN_PASSWORD)).status).toBe(401);
    expect((await other.login(ADMIN_NAME, 'a brand new passphrase')).status).toBe(200);
  });
});

describe('admin accounts from the CLI', () => {
  it("creates another admin and resets a lost password, ending that admin's sessions", async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    const second = await createAdmin(server.accounts, 'second-admin', 'second admin passphrase');
    expect(second.passwordHash).toMatch(/^scrypt\$/);
    await expect(createAdmin(server.accounts, 'SECOND-ADMIN', 'another passphrase here')).rejects.toThrow(
      'already exists',
    );
    await expect(createAdmin(server.accounts, 'bad name!', 'another passphrase here')).rejects.toThrow(
      'admin name must be',
    );
    const client = new AdminClient(server.adminBase);
    expect((await client.login('second-admin', 'second admin passphrase')).status).toBe(200);

    await resetAdminPassword(server.accounts, ADMIN_NAME, 'a recovered passphrase');
    expect((await started.admin.request('GET', '/settings')).status).toBe(401);
    expect((await client.request('GET', '/settings')).status).toBe(200);
    expect((await new AdminClient(server.adminBase).login(ADMIN_NAME, 'a recovered passphrase')).status).toBe(200);
    await expect(resetAdminPassword(server.accounts, 'nobody', 'a recovered passphrase')).rejects.toThrow(
      'No admin is named',
    );
  });
});

describe('CSRF and cross-site requests', () => {
  it("refuses state-changing requests without the session's CSRF token", async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    const { admin } = started;
    const missing = await admin.request('PATCH', '/settings', { body: { scimEnabled: false }, csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ detail: expect.stringContaining('X-CSRF-Token') });
    const forged = await admin.request('PATCH', '/settings', {
      body: { scimEnabled: false },
      headers: { 'X-CSRF-Token': 'forged-token-value' },
    });
    expect(forged.status).toBe(403);
    // Another admin session's token does not fit this session.
    const other = new AdminClient(server.adminBase);
    await other.login(ADMIN_NAME, ADMIN_PASSWORD);
    const crossed = await admin.request('PATCH', '/settings', {
      body: { scimEnabled: false },
      headers: { 'X-CSRF-Token': other.csrfToken ?? '' },
    });
    expect(crossed.status).toBe(403);
    expect((await server.server.directory.settings.current()).scimEnabled).toBe(true);
    // Reads need no token.
    expect((await admin.request('GET', '/settings', { csrf: false })).status).toBe(200);
  });

  it('refuses sign-in and changes that a browser reports as coming from another site', async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    const client = new AdminClient(server.adminBase);
    const foreign = await client.request('POST', '/login', {
      body: { username: ADMIN_NAME, password: ADMIN_PASSWORD },
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ detail: expect.stringContaining('https://evil.example') });
    const fetchSite = await started.admin.request('PATCH', '/settings', {
      body: { scimEnabled: false },
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(fetchSite.status).toBe(403);
    const sameOrigin = await client.request('POST', '/login', {
      body: { username: ADMIN_NAME, password: ADMIN_PASSWORD },
      headers: { Origin: server.origin },
    });
    expect(sameOrigin.status).toBe(200);
  });
});

describe('the wall between the admin API and the SCIM API', () => {
  it('a SCIM bearer token never opens the admin API', async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    for (const [method, path] of [
      ['GET', '/settings'],
      ['GET', '/tokens'],
      ['GET', '/users'],
      ['POST', '/tokens'],
      ['GET', '/export'],
    ] as const) {
      const response = await fetch(`${server.adminBase}${path}`, {
        method,
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: method === 'POST' ? JSON.stringify({ name: 'sneaky' }) : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(401);
      const body = (await response.json()) as { detail: string };
      expect(body.detail).toContain('SCIM bearer tokens only open the SCIM API');
      expect(body.detail).not.toContain(server.token);
    }
    expect((await server.server.directory.tokens.list()).map((token) => token.name)).toEqual(['test']);
  });

  it('an admin session never opens the SCIM API', async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    const cookie = started.admin.cookie ?? '';
    expect(cookie).not.toBe('');
    const users = await scim('/Users', { headers: { Cookie: cookie, 'X-CSRF-Token': started.admin.csrfToken ?? '' } });
    expect(users.status).toBe(401);
    const created = await scim('/Users', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'cookie.user' }),
    });
    expect(created.status).toBe(401);
    // The session id is not a bearer token either.
    const sessionId = cookie.split('=')[1] ?? '';
    expect((await scim('/Users', { headers: { Authorization: `Bearer ${sessionId}` } })).status).toBe(401);
    expect((await scim('/Users', { headers: { Authorization: `Bearer ${server.token}` } })).status).toBe(200);
  });
});

describe('the admin API surface', () => {
  it('publishes its OpenAPI document without a session, covering every route', async () => {
    server = await startAdminTestServer();
    const response = await fetch(`${server.adminBase}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Every documented operation is a real route.
    for (const operation of operations) {
      const [method, path] = operation.split(' ') as [string, string];
      const url = `/api/admin${path.replace(/\{(\w+)\}/g, ':$1')}`;
      expect(server.server.fastify.hasRoute({ method, url }), operation).toBe(true);
    }
    for (const expected of [
      'GET /session',
      'POST /setup',
      'POST /login',
      'POST /logout',
      'POST /password',
      'GET /settings',
      'PATCH /settings',
      'GET /tokens',
      'POST /tokens',
      'POST /tokens/{id}/revoke',
      'GET /mappings',
      'PUT /mappings/{field}',
      'GET /attributes',
      'POST /attributes',
      'DELETE /attributes/{id}',
      'GET /users',
      'GET /users/{id}',
      'PATCH /users/{id}',
      'DELETE /users/{id}',
      'POST /users/{id}/restore',
      'POST /users/purge-deleted',
      'GET /groups',
      'GET /groups/{id}',
      'GET /groups/{id}/members',
      'GET /activity',
      'GET /activity/{id}',
      'GET /export',
    ]) {
      expect(operations).toContain(expected);
    }
  });

  it('answers unknown admin endpoints with a JSON 404 and every answer with no-store', async () => {
    const started = await startSignedInAdmin();
    server = started.server;
    const response = await started.admin.request('GET', '/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ status: '404', detail: expect.stringContaining('/api/admin/nothing-here') });
    const settings = await started.admin.request('GET', '/settings');
    expect(settings.headers.get('cache-control')).toBe('no-store');
  });
});
