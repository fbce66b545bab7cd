/**
 * RFC 7644 section 3.7 bulk requests and section 3.4.3 root searches, over HTTP against real
 * servers on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

type Json = Record<string, unknown>;

describe.each(['sqlite', 'postgres'] as const)('bulk and root search on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server.close();
  });

  async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${server.scimBase}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  async function get(path: string): Promise<Json> {
    const response = await fetch(`${server.scimBase}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
    return (await response.json()) as Json;
  }

  it('advertises bulk with its limits', async () => {
    const config = await get('/ServiceProviderConfig');
    expect(config['bulk']).toEqual({ supported: true, maxOperations: 1000, maxPayloadSize: 10 * 1024 * 1024 });
  });

  it('creates a group that refers to users created later in the same request, by bulkId', async () => {
    const reply = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'team',
          data: { displayName: `Bulk team ${dialect}`, members: [{ value: 'bulkId:ann' }, { value: 'bulkId:bob' }] },
        },
        { method: 'POST', path: '/Users', bulkId: 'ann', data: { userName: `bulk.ann.${dialect}@example.com` } },
        { method: 'POST', path: '/Users', bulkId: 'bob', data: { userName: `bulk.bob.${dialect}@example.com` } },
        {
          method: 'PATCH',
          path: '/Users/bulkId:ann',
          data: { Operations: [{ op: 'replace', value: { active: false } }] },
        },
      ],
    });
    expect(reply.status).toBe(200);
    const operations = reply.body['Operations'] as Json[];
    expect(operations.map((operation) => [operation['bulkId'] ?? null, operation['status']])).toEqual([
      ['team', '201'],
      ['ann', '201'],
      ['bob', '201'],
      [null, '200'],
    ]);
    const groupLocation = String(operations[0]?.['location']);
    const annLocation = String(operations[1]?.['location']);
    expect(groupLocation).toMatch(/\/api\/scim\/v2\/Groups\/[0-9a-f-]{36}$/);
    const group = await get(`/Groups/${groupLocation.split('/').pop() ?? ''}`);
    const memberIds = (group['members'] as Json[]).map((member) => member['value']).sort();
    expect(memberIds).toEqual(
      [annLocation.split('/').pop(), String(operations[2]?.['location']).split('/').pop()].sort(),
    );
    expect((await get(`/Users/${annLocation.split('/').pop() ?? ''}`))['active']).toBe(false);
  });

  it('reports each failure in place, stops after failOnErrors, and writes what succeeded', async () => {
    const reply = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      failOnErrors: 2,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'ok', data: { userName: `bulk.ok.${dialect}@example.com` } },
        { method: 'POST', path: '/Users', bulkId: 'dup', data: { userName: `BULK.OK.${dialect}@example.com` } },
        { method: 'DELETE', path: '/Users/no-such-id' },
        { method: 'POST', path: '/Users', bulkId: 'never', data: { userName: `bulk.never.${dialect}@example.com` } },
      ],
    });
    expect(reply.status).toBe(200);
    const operations = reply.body['Operations'] as Json[];
    expect(operations.map((operation) => operation['status'])).toEqual(['201', '409', '404']);
    expect((operations[1]?.['response'] as Json)['scimType']).toBe('uniqueness');
    expect(String((operations[2]?.['response'] as Json)['detail'])).toMatch(/no-such-id/);
    const found = await get(`/Users?filter=${encodeURIComponent(`userName sw "bulk.never.${dialect}"`)}`);
    expect(found['totalResults']).toBe(0);
  });

  it('answers circular or unknown bulkId references with 409 and writes nothing for them', async () => {
    const reply = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'a',
          data: { displayName: `Circle A ${dialect}`, members: [{ value: 'bulkId:b' }] },
        },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'b',
          data: { displayName: `Circle B ${dialect}`, members: [{ value: 'bulkId:a' }] },
        },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'c',
          data: { displayName: `Dangling ${dialect}`, members: [{ value: 'bulkId:nobody' }] },
        },
      ],
    });
    const operations = reply.body['Operations'] as Json[];
    expect(operations.map((operation) => operation['status'])).toEqual(['409', '409', '409']);
    expect(String((operations[2]?.['response'] as Json)['detail'])).toMatch(/"nobody"/);
    expect((await get(`/Groups?filter=${encodeURIComponent(`displayName sw "Circle"`)}`))['totalResults']).toBe(0);
  });

  it('refuses a malformed bulk request as a whole with a SCIM error', async () => {
    const noOps = await post('/Bulk', { schemas: [BULK_REQUEST] });
    expect(noOps.status).toBe(400);
    expect(noOps.body['scimType']).toBe('invalidSyntax');
    const badMethod = await post('/Bulk', { schemas: [BULK_REQUEST], Operations: [{ method: 'GET', path: '/Users' }] });
    expect(badMethod.status).toBe(400);
    expect(String(badMethod.body['detail'])).toMatch(/POST, PUT, PATCH or DELETE/);
    const tooMany = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: Array.from({ length: 1001 }, (_, n) => ({ method: 'DELETE', path: `/Users/${n}` })),
    });
    expect(tooMany.status).toBe(413);
  });

  it('names the resource in every result but a failed POST, and records one activity row per operation', async () => {
    const created = await post('/Users', { userName: `bulk.audit.${dialect}@example.com` });
    const id = String(created.body['id']);
    const reply = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'PATCH',
          path: `/Users/${id}`,
          version: 'W/"999"',
          data: { Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
        },
        { method: 'DELETE', path: `/Users/${id}` },
      ],
    });
    const operations = reply.body['Operations'] as Json[];
    expect(operations.map((operation) => [operation['status'], operation['location']])).toEqual([
      ['412', `${server.scimBase}/Users/${id}`],
      ['204', `${server.scimBase}/Users/${id}`],
    ]);
    await server.server.directory.activity.flush();
    const rows = await server.server.directory.store.read((session) =>
      session.activity.list({ resourceId: id, limit: 10 }),
    );
    expect(rows.map((row) => [row.method, row.status]).sort()).toEqual([
      ['DELETE', 204],
      ['PATCH', 412],
      ['POST', 201],
    ]);
  });

  it('refuses data nested deeper than any SCIM resource with 400, not a crash', async () => {
    let data: unknown = 'leaf';
    for (let level = 0; level < 3000; level += 1) data = { nested: data };
    const reply = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'POST', path: '/Users', bulkId: 'deep', data }],
    });
    expect(reply.status).toBe(400);
    expect(reply.body['scimType']).toBe('invalidSyntax');
    expect(String(reply.body['detail'])).toMatch(/nested more than/);
  });

  it('searches users and groups together at the root, paging across both', async () => {
    for (const name of ['root.a', 'root.b', 'root.c'])
      await post('/Users', { userName: `${name}.${dialect}@example.com`, displayName: `Rooted ${name}` });
    await post('/Groups', { displayName: `Rooted group ${dialect}` });
    const request = { schemas: [SEARCH_REQUEST], filter: 'displayName sw "Rooted"', count: 2 };
    const first = await post('/.search', request);
    expect(first.status).toBe(200);
    expect(first.body['totalResults']).toBe(4);
    expect((first.body['Resources'] as Json[]).map((resource) => (resource['meta'] as Json)['resourceType'])).toEqual([
      'User',
      'User',
    ]);
    const second = await post('/.search', { ...request, startIndex: 3 });
    expect((second.body['Resources'] as Json[]).map((resource) => (resource['meta'] as Json)['resourceType'])).toEqual([
      'User',
      'Group',
    ]);
    const groupsOnly = await post('/.search', {
      schemas: [SEARCH_REQUEST],
      filter: `displayName eq "Rooted group ${dialect}" and not (members pr)`,
    });
    // `members` is a Group attribute only, so this filter searches groups alone.
    expect(groupsOnly.body['totalResults']).toBe(1);
    expect(((groupsOnly.body['Resources'] as Json[])[0]?.['meta'] as Json)['resourceType']).toBe('Group');
    const unknown = await post('/.search', { schemas: [SEARCH_REQUEST], filter: 'favouriteColour eq "blue"' });
    expect(unknown.status).toBe(400);
    expect(unknown.body['scimType']).toBe('invalidFilter');
  });
});
