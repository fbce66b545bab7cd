/** The Activity page through the admin API: every SCIM request, filters, paging, and a redacted body. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDetail, ActivityPage } from '../../src/admin/admin-api-types.js';
import { type AdminClient, type AdminTestServer, useSignedInAdmin } from '../support/admin-test-server.js';
import { scimCall, userBody } from './scim-calls.js';

let server: AdminTestServer;
let admin: AdminClient;
let startedAt = '';
let createdId = '';

useSignedInAdmin((started) => ({ server, admin } = started));
beforeAll(async () => {
  startedAt = new Date().toISOString();
  const created = await scimCall(
    server.scimBase,
    server.token,
    'POST',
    '/Users',
    userBody('activity.user', { password: 'Sup3r-Secret-Pa55' }),
  );
  createdId = String(created.body['id']);
  await scimCall(server.scimBase, 'lsc_not-a-real-token-value', 'GET', '/Users', undefined, 'Azure AD SCIM Client');
  await scimCall(server.scimBase, undefined, 'GET', '/Groups', undefined, 'curl/8.0');
  await scimCall(server.scimBase, server.token, 'GET', '/Users/does-not-exist');
  for (let index = 0; index < 6; index += 1)
    await scimCall(server.scimBase, server.token, 'GET', `/Users?startIndex=${index + 1}`);
});

async function activity(query = ''): Promise<ActivityPage> {
  const response = await admin.request<ActivityPage>('GET', `/activity${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('activity', () => {
  it('lists every SCIM request newest first, including failed authentication, with the retention', async () => {
    const page = await activity();
    expect(page.retention).toEqual({ days: 30, maxRows: 100_000 });
    expect(page.rows).toHaveLength(10);
    expect(page.rows.map((row) => row.id)).toEqual([...page.rows.map((row) => row.id)].sort((a, b) => b - a));
    const post = page.rows.find((row) => row.method === 'POST');
    expect(post).toMatchObject({
      path: '/api/scim/v2/Users',
      status: 201,
      client: 'okta',
      tokenName: 'test',
      resourceType: 'User',
      resourceId: createdId,
    });
    expect(post).not.toHaveProperty('requestBody');
    const refused = page.rows.filter((row) => row.status === 401);
    expect(refused.map((row) => row.client).sort()).toEqual(['entra', 'other']);
    expect(refused.every((row) => row.tokenName === null && typeof row.detail === 'string')).toBe(true);
  });

  it('filters by status code and class, client, resource and time', async () => {
    expect((await activity('?status=401')).rows).toHaveLength(2);
    expect((await activity('?status=4xx')).rows).toHaveLength(3);
    expect((await activity('?status=2xx')).rows).toHaveLength(7);
    expect((await activity('?client=entra')).rows.map((row) => row.status)).toEqual([401]);
    expect((await activity('?client=OKTA')).rows).toHaveLength(8);
    const byResource = await activity(`?resourceType=User&resourceId=${createdId}`);
    expect(byResource.rows.map((row) => row.method)).toEqual(['POST']);
    expect((await activity(`?since=${encodeURIComponent(startedAt)}`)).rows).toHaveLength(10);
    expect((await activity(`?until=${encodeURIComponent(startedAt)}`)).rows).toHaveLength(0);
  });

  it('pages to older rows', async () => {
    const first = await activity('?limit=4');
    expect(first.rows).toHaveLength(4);
    expect(first.before).toBe(first.rows[3]?.id);
    const second = await activity(`?limit=4&before=${first.before}`);
    expect(second.rows.every((row) => row.id < (first.before ?? 0))).toBe(true);
    const third = await activity(`?limit=4&before=${second.before}`);
    expect(third.rows).toHaveLength(2);
    expect(third.before).toBeUndefined();
  });

  it('opens one request with its body, secrets redacted', async () => {
    const post = (await activity('?status=201')).rows[0];
    const detail = await admin.request<ActivityDetail>('GET', `/activity/${post?.id}`);
    expect(detail.status).toBe(200);
    const body = detail.body.requestBody as Record<string, unknown>;
    expect(body['userName']).toBe('activity.user');
    expect(body['password']).toBe('[redacted]');
    expect(JSON.stringify(detail.body)).not.toContain('Sup3r-Secret-Pa55');
    expect((await admin.request('GET', '/activity/999999')).status).toBe(404);
    expect((await admin.request('GET', '/activity/abc')).status).toBe(400);
  });

  it.each([
    ['?status=teapot', '"status" must be a status code'],
    ['?since=yesterday', '"since" must be a date and time'],
    ['?resourceType=Device', '"resourceType" must be User or Group'],
    ['?limit=0', '"limit" must be a positive whole number'],
  ])('refuses the filter %s with a 400', async (query, words) => {
    const response = await admin.request('GET', `/activity${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ detail: expect.stringContaining(words) });
  });
});
