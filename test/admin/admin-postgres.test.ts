/** The admin console on PostgreSQL: set-up, sessions, tokens, the directory and the activity log. */
import { describe, expect, it } from 'vitest';
import type { ActivityPage, CreatedTokenView, UserPage } from '../../src/admin/admin-api-types.js';
import {
  ADMIN_NAME,
  ADMIN_PASSWORD,
  AdminClient,
  type AdminTestServer,
  useSignedInAdmin,
} from '../support/admin-test-server.js';
import { createUser, scimCall } from './scim-calls.js';

let server: AdminTestServer;
let admin: AdminClient;
useSignedInAdmin((started) => ({ server, admin } = started), { dialect: 'postgres' });

describe('admin console on PostgreSQL', () => {
  it('signs in and out with sessions in the database', async () => {
    const other = new AdminClient(server.adminBase);
    expect((await other.login(ADMIN_NAME, ADMIN_PASSWORD)).status).toBe(200);
    expect((await other.request('GET', '/settings')).status).toBe(200);
    expect((await other.request('POST', '/logout')).status).toBe(204);
    expect((await admin.request('GET', '/settings')).status).toBe(200);
  });

  it('creates a token, provisions with it, and shows the user and the request', async () => {
    const { secret } = (
      await admin.request<CreatedTokenView>('POST', '/tokens', { body: { name: 'entra', expiresInDays: 30 } })
    ).body;
    const id = await createUser(server.scimBase, secret, 'pg.user');
    const users = (await admin.request<UserPage>('GET', `/users?filter=${encodeURIComponent('userName eq "PG.USER"')}`))
      .body;
    expect(users.users.map((user) => user.id)).toEqual([id]);
    const rows = (await admin.request<ActivityPage>('GET', '/activity?resourceType=User')).body.rows;
    expect(rows[0]).toMatchObject({ method: 'POST', status: 201, tokenName: 'entra', resourceId: id });
    expect((await admin.request('PATCH', `/users/${id}`, { body: { active: false } })).status).toBe(200);
    expect((await scimCall(server.scimBase, secret, 'GET', `/Users/${id}`)).body['active']).toBe(false);
  });
});
