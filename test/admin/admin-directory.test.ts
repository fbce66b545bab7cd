/** The Directory page through the admin API: search, paging, detail, (de)activation, delete, soft delete, members, export. */
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  GroupDetail,
  GroupPage,
  MemberPage,
  UserDetail,
  UserPage,
  UserRow,
} from '../../src/admin/admin-api-types.js';
import { purgeExpiredSoftDeletes } from '../../src/admin/services/soft-delete-purge.js';
import { type AdminClient, type AdminTestServer, useSignedInAdmin } from '../support/admin-test-server.js';
import { GROUP_SCHEMA, createUser, scimCall } from './scim-calls.js';

let server: AdminTestServer;
let admin: AdminClient;
const userIds: string[] = [];
let groupId = '';

useSignedInAdmin((started) => ({ server, admin } = started));
beforeAll(async () => {
  for (let index = 0; index < 30; index += 1) {
    userIds.push(await createUser(server.scimBase, server.token, `person${String(index).padStart(2, '0')}`));
  }
  const group = await scimCall(server.scimBase, server.token, 'POST', '/Groups', {
    schemas: [GROUP_SCHEMA],
    displayName: 'Engineering',
    members: userIds.slice(0, 12).map((value) => ({ value })),
  });
  groupId = String(group.body['id']);
});

describe('users', () => {
  it('searches with a SCIM filter and pages', async () => {
    const all = (await admin.request<UserPage>('GET', '/users?count=10&startIndex=11')).body;
    expect(all).toMatchObject({ totalResults: 30, startIndex: 11, itemsPerPage: 10 });
    expect(all.users.map((user) => user.userName)).toEqual(
      Array.from({ length: 10 }, (_, index) => `person${index + 10}`),
    );
    expect(all.users[0]).toMatchObject({
      displayName: 'Display person10',
      email: 'person10@example.com',
      active: true,
      deletedAt: null,
    });

    const filtered = (
      await admin.request<UserPage>(`GET`, `/users?filter=${encodeURIComponent('userName sw "PERSON2"')}`)
    ).body;
    expect(filtered.totalResults).toBe(10);
    expect(filtered.users.every((user) => user.userName.startsWith('person2'))).toBe(true);
  });

  it('answers a bad filter with 400 invalidFilter and an actionable detail', async () => {
    const response = await admin.request('GET', `/users?filter=${encodeURIComponent('shoeSize eq 42')}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ scimType: 'invalidFilter', detail: expect.stringContaining('shoeSize') });
  });

  it('shows a user with its SCIM JSON, Library fields and group memberships', async () => {
    const id = userIds[0] ?? '';
    const detail = (await admin.request<UserDetail>('GET', `/users/${id}`)).body;
    expect(detail.user).toMatchObject({ id, userName: 'person00' });
    expect(detail.resource).toMatchObject({
      id,
      userName: 'person00',
      meta: { resourceType: 'User', location: `${server.scimBase}/Users/${id}` },
    });
    expect(detail.library).toEqual([
      { field: 'user.fullName', label: 'Full Name', value: 'Display person00' },
      { field: 'user.userName', label: 'Username (Login)', value: 'person00' },
      { field: 'user.email', label: 'Email Address', value: 'person00@example.com' },
      { field: 'user.trustId', label: 'Trust Id', value: 'person00' },
      { field: 'user.distinguishedName', label: 'Distinguished Name', value: null },
      { field: 'user.enabled', label: 'Enabled', value: 'true' },
    ]);
    expect(detail.groups).toEqual([{ id: groupId, displayName: 'Engineering' }]);
    expect((await admin.request('GET', '/users/no-such-user')).status).toBe(404);
  });

  it('deactivates and reactivates through a SCIM PATCH, seen by SCIM clients', async () => {
    const id = userIds[1] ?? '';
    const before = await scimCall(server.scimBase, server.token, 'GET', `/Users/${id}`);
    const off = await admin.request<UserDetail>('PATCH', `/users/${id}`, { body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body.user.active).toBe(false);
    const read = await scimCall(server.scimBase, server.token, 'GET', `/Users/${id}`);
    expect(read.body['active']).toBe(false);
    expect((read.body['meta'] as { version: string }).version).not.toBe(
      (before.body['meta'] as { version: string }).version,
    );
    const on = await admin.request<UserDetail>('PATCH', `/users/${id}`, { body: { active: true } });
    expect(on.body.user.active).toBe(true);
    expect((await admin.request('PATCH', `/users/${id}`, { body: { active: 'no' } })).status).toBe(400);
  });

  it('deletes a user by hand, removing it from its groups', async () => {
    const id = userIds[2] ?? '';
    const deleted = await admin.request<UserRow>('DELETE', `/users/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.userName).toBe('person02');
    expect((await scimCall(server.scimBase, server.token, 'GET', `/Users/${id}`)).status).toBe(404);
    const members = (await admin.request<MemberPage>('GET', `/groups/${groupId}/members?limit=500`)).body;
    expect(members.members.map((member) => member.value)).not.toContain(id);
    expect((await admin.request('DELETE', `/users/${id}`)).status).toBe(404);
  });

  it('with the soft-delete policy, hides users from SCIM, lists them on request, restores and purges them', async () => {
    await admin.request('PATCH', '/settings', { body: { deprovisioningPolicy: 'soft', softDeleteRetentionDays: 30 } });
    const [restoreId, purgeId, expireId] = [userIds[3] ?? '', userIds[4] ?? '', userIds[5] ?? ''];
    for (const id of [restoreId, purgeId, expireId])
      expect((await scimCall(server.scimBase, server.token, 'DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await scimCall(server.scimBase, server.token, 'GET', `/Users/${restoreId}`)).status).toBe(404);
    expect((await admin.request<UserPage>('GET', '/users')).body.totalResults).toBe(26);
    const withDeleted = (
      await admin.request<UserPage>(
        'GET',
        `/users?includeDeleted=true&filter=${encodeURIComponent('userName sw "person0"')}`,
      )
    ).body;
    expect(withDeleted.users.filter((user) => user.deletedAt !== null).map((user) => user.userName)).toEqual([
      'person03',
      'person04',
      'person05',
    ]);
    expect((await admin.request<UserDetail>('GET', `/users/${restoreId}`)).body.user.deletedAt).not.toBeNull();
    expect((await admin.request('PATCH', `/users/${restoreId}`, { body: { active: false } })).status).toBe(409);

    const restored = await admin.request<UserDetail>('POST', `/users/${restoreId}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.user.deletedAt).toBeNull();
    expect((await scimCall(server.scimBase, server.token, 'GET', `/Users/${restoreId}`)).status).toBe(200);
    expect((await admin.request('POST', `/users/${restoreId}/restore`)).status).toBe(409);

    expect((await admin.request('DELETE', `/users/${purgeId}`)).status).toBe(200);
    expect((await admin.request('GET', `/users/${purgeId}`)).status).toBe(404);

    // The retention period: nothing is due today, everything is 31 days from now.
    expect(await purgeExpiredSoftDeletes(server.server.directory)).toBe(0);
    expect(await purgeExpiredSoftDeletes(server.server.directory, new Date(Date.now() + 31 * 86_400_000))).toBe(1);
    expect((await admin.request('GET', `/users/${expireId}`)).status).toBe(404);
    await admin.request('PATCH', '/settings', { body: { deprovisioningPolicy: 'hard', softDeleteRetentionDays: 0 } });
  });

  it('purges every soft-deleted user by hand', async () => {
    await admin.request('PATCH', '/settings', { body: { deprovisioningPolicy: 'soft' } });
    const ids = [userIds[6] ?? '', userIds[7] ?? ''];
    for (const id of ids) await scimCall(server.scimBase, server.token, 'DELETE', `/Users/${id}`);
    expect((await admin.request('POST', '/users/purge-deleted', { body: { olderThanDays: 1 } })).body).toEqual({
      purged: 0,
    });
    expect((await admin.request('POST', '/users/purge-deleted', { body: { olderThanDays: 'x' } })).status).toBe(400);
    expect((await admin.request('POST', '/users/purge-deleted')).body).toEqual({ purged: 2 });
    for (const id of ids) expect((await admin.request('GET', `/users/${id}`)).status).toBe(404);
    await admin.request('PATCH', '/settings', { body: { deprovisioningPolicy: 'hard' } });
  });
});

describe('groups', () => {
  it('searches groups with their member counts, without loading members', async () => {
    await scimCall(server.scimBase, server.token, 'POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Empty' });
    const page = (await admin.request<GroupPage>('GET', '/groups')).body;
    expect(page.totalResults).toBe(2);
    expect(page.groups.map(({ displayName, memberCount }) => ({ displayName, memberCount }))).toEqual([
      // 12 members, less the 5 deleted and purged above.
      { displayName: 'Engineering', memberCount: 7 },
      { displayName: 'Empty', memberCount: 0 },
    ]);
    const filtered = (
      await admin.request<GroupPage>('GET', `/groups?filter=${encodeURIComponent('displayName eq "engineering"')}`)
    ).body;
    expect(filtered.groups.map((group) => group.id)).toEqual([groupId]);
  });

  it('shows a group without members and pages its members by id', async () => {
    const detail = (await admin.request<GroupDetail>('GET', `/groups/${groupId}`)).body;
    expect(detail.group).toMatchObject({ displayName: 'Engineering', memberCount: 7 });
    expect(detail.resource).not.toHaveProperty('members');
    expect(detail.library).toEqual([
      { field: 'group.name', label: 'User Group Name', value: 'Engineering' },
      { field: 'group.distinguishedName', label: 'Distinguished Name', value: null },
    ]);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page: MemberPage = (
        await admin.request<MemberPage>('GET', `/groups/${groupId}/members?limit=3${after ? `&after=${after}` : ''}`)
      ).body;
      expect(page.total).toBe(7);
      expect(page.members.length).toBeLessThanOrEqual(3);
      seen.push(...page.members.map((member) => member.value));
      after = page.next;
      pages += 1;
    } while (after !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort());
    const gone = new Set([2, 4, 5, 6, 7].map((index) => userIds[index]));
    expect(new Set(seen)).toEqual(new Set(userIds.slice(0, 12).filter((id) => !gone.has(id))));
    expect((await admin.request('GET', '/groups/nope/members')).status).toBe(404);
  });
});

describe('export', () => {
  it('exports the directory as one JSON document with users, groups and their members', async () => {
    const response = await fetch(`${server.adminBase}/export`, { headers: { Cookie: admin.cookie ?? '' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="library-directory-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const document = (await response.json()) as {
      format: string;
      users: { userName: string; groups?: unknown }[];
      groups: { displayName: string; members: { value: string; type: string }[]; meta: unknown }[];
      customAttributes: unknown[];
      mappings: unknown[];
      settings: { deprovisioningPolicy: string };
    };
    expect(document.format).toBe('library-scim-export/1');
    const visible = (await admin.request<UserPage>('GET', '/users')).body.totalResults;
    expect(document.users).toHaveLength(visible);
    expect(document.users.every((user) => user.groups === undefined)).toBe(true);
    const engineering = document.groups.find((group) => group.displayName === 'Engineering');
    expect(engineering?.members).toHaveLength(7);
    expect(engineering?.members[0]).toMatchObject({ type: 'User' });
    expect(engineering?.meta).toMatchObject({ resourceType: 'Group' });
    expect(document.groups.find((group) => group.displayName === 'Empty')?.members).toEqual([]);
    expect(document.mappings).toHaveLength(8);
    expect(document.settings.deprovisioningPolicy).toBe('hard');
    expect(JSON.stringify(document)).not.toContain(server.token);
  });
});
