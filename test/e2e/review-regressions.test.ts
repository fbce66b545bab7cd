/**
 * Regressions found by an independent review, each against a real server on SQLite and on
 * PostgreSQL: secrets in PATCH bodies spelled in another case, concurrent renames, reprovisioning
 * a soft-deleted userName, writes that omit `active`, mappings and custom attributes, conditional
 * reads of membership, throttling of failed authentication, and forwarded headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomAttribute, removeCustomAttribute } from '../../src/admin/services/custom-attributes.js';
import { setMapping } from '../../src/admin/services/field-mappings.js';
import { STRATEGY_USER_SCHEMA } from '../../src/scim/schemas/types.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

async function call(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${server.scimBase}${path}`, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/scim+json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

async function createUser(server: TestServer, userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await call(server, 'POST', '/Users', { userName, ...extra });
  expect(reply.status).toBe(201);
  return String(reply.body?.['id']);
}

describe.each(['sqlite', 'postgres'] as const)('review regressions on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server.close();
  });

  it('redacts a password PATCH whose keys are spelled "Path" and "Value"', async () => {
    const id = await createUser(server, `secret.case.${dialect}@example.com`);
    const secret = `SuperSecretPW-${dialect}-1`;
    const reply = await call(server, 'PATCH', `/Users/${id}`, {
      Operations: [{ op: 'Replace', Path: 'password', Value: secret }],
    });
    expect(reply.status).toBe(200);
    await server.server.directory.activity.flush();
    const rows = await server.server.directory.store.read((session) =>
      session.activity.list({ resourceId: id, limit: 10 }),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('keeps a secret quoted in an error detail out of the activity log', async () => {
    const id = await createUser(server, `secret.detail.${dialect}@example.com`);
    const secret = `S3cret-In-Path-${dialect}`;
    const reply = await call(server, 'PATCH', `/Users/${id}`, {
      Operations: [{ op: 'replace', path: `password[value eq "${secret}"]`, value: 'x' }],
    });
    expect(reply.status).toBe(400);
    await server.server.directory.activity.flush();
    const rows = await server.server.directory.store.read((session) =>
      session.activity.list({ resourceId: id, limit: 10 }),
    );
    expect(rows.some((row) => row.status === 400)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('answers concurrent renames onto one userName with one success and 409s, never 500', async () => {
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, n) => createUser(server, `rename.${dialect}.${n}@example.com`)),
    );
    const replies = await Promise.all(
      ids.map((id) =>
        call(server, 'PATCH', `/Users/${id}`, {
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
      const old = await createUser(server, `reused.${dialect}@example.com`);
      const group = await call(server, 'POST', '/Groups', {
        displayName: `Engineering ${dialect}`,
        members: [{ value: old }],
      });
      expect(group.status).toBe(201);
      expect((await call(server, 'DELETE', `/Users/${old}`)).status).toBe(204);
      const again = await call(server, 'POST', '/Users', { userName: `REUSED.${dialect}@example.com` });
      expect(again.status).toBe(201);
      expect(again.body?.['id']).toBe(old);
      const members = await call(server, 'GET', `/Groups/${String(group.body?.['id'])}`);
      expect(members.body?.['members']).toEqual([]);
    } finally {
      await server.server.directory.settings.update({ deprovisioningPolicy: 'hard' });
    }
  });

  it('keeps a deactivated user inactive when a PUT leaves "active" out', async () => {
    const id = await createUser(server, `stays.off.${dialect}@example.com`, { active: false });
    const put = await call(server, 'PUT', `/Users/${id}`, {
      userName: `stays.off.${dialect}@example.com`,
      displayName: 'Still Off',
    });
    expect(put.status).toBe(200);
    expect(put.body?.['active']).toBe(false);
    expect((await call(server, 'GET', `/Users/${id}`)).body?.['active']).toBe(false);
    const found = await call(
      server,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "stays.off.${dialect}@example.com" and active eq false`)}`,
    );
    expect(found.body?.['totalResults']).toBe(1);
  });

  it('applies a changed mapping to existing users at once, and refuses to remove an attribute that feeds a field', async () => {
    const directory = server.server.directory;
    await addCustomAttribute(directory, { name: 'preferredFullName', type: 'string' });
    const id = await createUser(server, `mapped.${dialect}@example.com`, {
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
    const read = await call(server, 'GET', `/Users/${id}`);
    expect(read.body?.[STRATEGY_USER_SCHEMA]).toBeUndefined();
    expect(read.body?.['schemas']).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });

  it('gives no 304 for a group whose members are returned, since memberships change without its version', async () => {
    const member = await createUser(server, `leaves.${dialect}@example.com`);
    const group = await call(server, 'POST', '/Groups', {
      displayName: `Conditional ${dialect}`,
      members: [{ value: member }],
    });
    const id = String(group.body?.['id']);
    const etag = group.headers.get('etag') ?? '';
    expect(
      (await call(server, 'GET', `/Groups/${id}?excludedAttributes=members`, undefined, { 'If-None-Match': etag }))
        .status,
    ).toBe(304);
    expect((await call(server, 'DELETE', `/Users/${member}`)).status).toBe(204);
    const read = await call(server, 'GET', `/Groups/${id}`, undefined, { 'If-None-Match': etag });
    expect(read.status).toBe(200);
    expect(read.body?.['members']).toEqual([]);
  });

  it('leaves members out of POST and PUT responses when the client excludes them, and writes them all the same', async () => {
    const member = await createUser(server, `quiet.member.${dialect}@example.com`);
    const created = await call(server, 'POST', '/Groups?excludedAttributes=members', {
      displayName: `Quiet ${dialect}`,
      members: [{ value: member }],
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('members');
    const id = String(created.body?.['id']);
    const replaced = await call(server, 'PUT', `/Groups/${id}?excludedAttributes=members`, {
      displayName: `Quiet ${dialect}`,
      members: [{ value: member }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).not.toHaveProperty('members');
    const read = await call(server, 'GET', `/Groups/${id}`);
    expect((read.body?.['members'] as { value: string }[]).map((entry) => entry.value)).toEqual([member]);
  });

  it("lists groups reached through nested groups as indirect in the user's groups", async () => {
    const member = await createUser(server, `nested.member.${dialect}@example.com`);
    const inner = await call(server, 'POST', '/Groups', {
      displayName: `Inner ${dialect}`,
      members: [{ value: member }],
    });
    const outer = await call(server, 'POST', '/Groups', {
      displayName: `Outer ${dialect}`,
      members: [{ value: String(inner.body?.['id']), type: 'Group' }],
    });
    const read = await call(server, 'GET', `/Users/${member}`);
    const groups = read.body?.['groups'] as { value: string; display: string; type: string }[];
    expect(groups.map(({ value, display, type }) => ({ value, display, type }))).toEqual([
      { value: String(inner.body?.['id']), display: `Inner ${dialect}`, type: 'direct' },
      { value: String(outer.body?.['id']), display: `Outer ${dialect}`, type: 'indirect' },
    ]);
  });

  it('ignores X-Forwarded-Host for meta.location unless TRUST_PROXY is set', async () => {
    const reply = await call(
      server,
      'POST',
      '/Users',
      { userName: `forwarded.${dialect}@example.com` },
      { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    );
    expect(reply.status).toBe(201);
    expect(String((reply.body?.['meta'] as Record<string, unknown>)['location'])).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/scim\/v2\/Users\//,
    );
    expect(reply.headers.get('location')).not.toContain('evil.example');
  });
});

describe('TRUST_PROXY with a number of hops', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { trustProxy: 1 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('takes the protocol and host from the one trusted proxy for meta.location', async () => {
    const response = await fetch(`${server.scimBase}/Users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Content-Type': 'application/scim+json',
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Host': 'library.example.com',
      },
      body: JSON.stringify({ userName: 'behind.proxy@example.com' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toMatch(/^https:\/\/library\.example\.com\/api\/scim\/v2\/Users\//);
  });
});

describe('throttling of failed authentication', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { rateLimitPerSecond: 50, rateLimitBurst: 200 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 429 with Retry-After once an address keeps sending bad tokens, and still serves good ones', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const response = await fetch(`${server.scimBase}/Users`, {
        headers: { Authorization: 'Bearer lsc_not-a-real-token' },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        break;
      }
    }
    expect(statuses).toContain(401);
    expect(statuses[statuses.length - 1]).toBe(429);
    const good = await fetch(`${server.scimBase}/Users`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(good.status).toBe(200);
  });
});
