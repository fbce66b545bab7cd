/**
 * Store contract, part 1: users and groups (CRUD, case-insensitive uniqueness, versions, soft
 * delete) and the list query (paging, ordering, counting, keyset cursors).
 */
import { describe, expect, it } from 'vitest';
import { StoreConflictError } from '../store.js';
import type { Store } from '../store.js';
import { at, groupId, groupWrite, userId, userWrite } from './fixtures.js';

async function conflictOf(promise: Promise<unknown>): Promise<StoreConflictError['constraint'] | 'none'> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    if (error instanceof StoreConflictError) return error.constraint;
    throw error;
  }
}

export function describeResourceContract(store: () => Store): void {
  describe('users', () => {
    it('inserts a user and reads it back exactly, by id and by userName ignoring case', async () => {
      const write = userWrite(1, { userName: 'Barbara.Jensen@Example.com', active: false });
      const inserted = await store().write((s) => s.users.insert(write));
      expect(inserted.seq).toBeGreaterThan(0);
      expect(inserted).toMatchObject({
        id: userId(1),
        userName: 'Barbara.Jensen@Example.com',
        externalId: 'ext-1',
        displayName: 'User 1',
        active: false,
        version: 1,
        created: at(1),
        lastModified: at(1),
        deletedAt: null,
        library: {
          fullName: 'Given Family 1',
          email: 'Barbara.Jensen@Example.com',
          trustId: 'T1',
          distinguishedName: null,
        },
      });
      expect(inserted.resource).toEqual(write.resource);
      const byId = await store().read((s) => s.users.get(userId(1)));
      expect(byId).toEqual(inserted);
      const byName = await store().read((s) => s.users.getByUserName('barbara.jensen@EXAMPLE.COM'));
      expect(byName?.id).toBe(userId(1));
      expect(await store().read((s) => s.users.get(userId(99)))).toBeUndefined();
      expect(await store().read((s) => s.users.getByUserName('nobody'))).toBeUndefined();
    });

    it('rejects a userName that differs only in case, and a duplicate id, with the constraint named', async () => {
      await store().write((s) => s.users.insert(userWrite(1, { userName: 'bjensen' })));
      expect(await conflictOf(store().write((s) => s.users.insert(userWrite(2, { userName: 'BJensen' }))))).toBe(
        'userName',
      );
      expect(await conflictOf(store().write((s) => s.users.insert(userWrite(1, { userName: 'other' }))))).toBe('id');
      const all = await store().read((s) => s.users.list({ limit: 10 }));
      expect(all.total).toBe(1);
    });

    it('keeps the transaction usable after a conflict the caller handles', async () => {
      await store().write((s) => s.users.insert(userWrite(1, { userName: 'bjensen' })));
      const outcome = await store().write(async (s) => {
        const first = await conflictOf(s.users.insert(userWrite(2, { userName: 'BJENSEN' })));
        await s.users.insert(userWrite(3));
        return first;
      });
      expect(outcome).toBe('userName');
      expect(await store().read((s) => s.users.get(userId(3)))).toBeDefined();
    });

    it('updates every column, bumps the version and lastModified, keeps created', async () => {
      await store().write((s) => s.users.insert(userWrite(1)));
      const changed = userWrite(1, {
        userName: 'renamed@example.com',
        externalId: null,
        displayName: null,
        active: false,
        resource: { userName: 'renamed@example.com', title: 'Librarian' },
        library: { fullName: null, email: null, trustId: null, distinguishedName: 'CN=x' },
        at: at(500),
      });
      const updated = await store().write((s) => s.users.update(changed));
      expect(updated).toMatchObject({
        userName: 'renamed@example.com',
        externalId: null,
        displayName: null,
        active: false,
        version: 2,
        created: at(1),
        lastModified: at(500),
        library: { fullName: null, email: null, trustId: null, distinguishedName: 'CN=x' },
      });
      expect(updated?.resource).toEqual({ userName: 'renamed@example.com', title: 'Librarian' });
      const again = await store().write((s) =>
        s.users.update({ ...changed, userName: 'RENAMED@example.com', at: at(600) }),
      );
      expect(again?.version).toBe(3);
      expect(await store().read((s) => s.users.getByUserName('renamed@example.com'))).toEqual(again);
      expect(await store().write((s) => s.users.update(userWrite(42)))).toBeUndefined();
    });

    it('refuses to rename a user to another user’s userName', async () => {
      await store().write(async (s) => {
        await s.users.insert(userWrite(1, { userName: 'alice' }));
        await s.users.insert(userWrite(2, { userName: 'bob' }));
      });
      expect(await conflictOf(store().write((s) => s.users.update(userWrite(2, { userName: 'ALICE' }))))).toBe(
        'userName',
      );
      expect((await store().read((s) => s.users.get(userId(2))))?.userName).toBe('bob');
    });

    it('soft-deletes and restores: hidden from get, getByUserName and list unless asked for', async () => {
      await store().write(async (s) => {
        await s.users.insert(userWrite(1));
        await s.users.insert(userWrite(2));
      });
      expect(await store().write((s) => s.users.setDeleted(userId(1), at(100)))).toBe(true);
      expect(await store().write((s) => s.users.setDeleted(userId(77), at(100)))).toBe(false);
      await store().read(async (s) => {
        expect(await s.users.get(userId(1))).toBeUndefined();
        expect(await s.users.getByUserName('user1@example.com')).toBeUndefined();
        const hidden = await s.users.get(userId(1), { includeDeleted: true });
        expect(hidden).toMatchObject({ deletedAt: at(100), version: 2 });
        expect(await s.users.getByUserName('USER1@example.com', { includeDeleted: true })).toEqual(hidden);
        const visible = await s.users.list({ limit: 10 });
        expect(visible.total).toBe(1);
        expect(visible.items.map((u) => u.id)).toEqual([userId(2)]);
        const everyone = await s.users.list({ limit: 10, includeDeleted: true });
        expect(everyone.total).toBe(2);
      });
      // The userName stays taken while the user is soft-deleted.
      expect(
        await conflictOf(store().write((s) => s.users.insert(userWrite(3, { userName: 'user1@example.com' })))),
      ).toBe('userName');
      await store().write((s) => s.users.setDeleted(userId(1), null));
      expect(await store().read((s) => s.users.get(userId(1)))).toMatchObject({ deletedAt: null, version: 3 });
    });

    it('hard-deletes a user', async () => {
      await store().write((s) => s.users.insert(userWrite(1)));
      expect(await store().write((s) => s.users.delete(userId(1)))).toBe(true);
      expect(await store().write((s) => s.users.delete(userId(1)))).toBe(false);
      expect(await store().read((s) => s.users.get(userId(1), { includeDeleted: true }))).toBeUndefined();
    });
  });

  describe('groups', () => {
    it('inserts, reads by id and by displayName ignoring case, updates and touches', async () => {
      const inserted = await store().write((s) => s.groups.insert(groupWrite(1, { displayName: 'Reading Room' })));
      expect(inserted).toMatchObject({
        id: groupId(1),
        displayName: 'Reading Room',
        externalId: 'gext-1',
        distinguishedName: 'CN=Group 1,OU=Groups',
        version: 1,
        created: at(1),
        lastModified: at(1),
      });
      expect(inserted.resource).toEqual({ displayName: 'Reading Room' });
      expect(await store().read((s) => s.groups.getByDisplayName('READING room'))).toEqual(inserted);
      expect(await store().read((s) => s.groups.get(groupId(2)))).toBeUndefined();

      const updated = await store().write((s) =>
        s.groups.update(
          groupWrite(1, { displayName: 'Archive', externalId: null, distinguishedName: null, at: at(50) }),
        ),
      );
      expect(updated).toMatchObject({ displayName: 'Archive', externalId: null, distinguishedName: null, version: 2 });
      expect(updated).toMatchObject({ created: at(1), lastModified: at(50) });
      const touched = await store().write((s) => s.groups.touch(groupId(1), at(60)));
      expect(touched).toMatchObject({ displayName: 'Archive', version: 3, lastModified: at(60) });
      expect(await store().write((s) => s.groups.touch(groupId(9), at(60)))).toBeUndefined();
      expect(await store().write((s) => s.groups.update(groupWrite(9)))).toBeUndefined();
    });

    it('rejects a displayName that differs only in case, on insert and on update', async () => {
      await store().write(async (s) => {
        await s.groups.insert(groupWrite(1, { displayName: 'Staff' }));
        await s.groups.insert(groupWrite(2, { displayName: 'Readers' }));
      });
      expect(await conflictOf(store().write((s) => s.groups.insert(groupWrite(3, { displayName: 'STAFF' }))))).toBe(
        'groupDisplayName',
      );
      expect(await conflictOf(store().write((s) => s.groups.insert(groupWrite(1, { displayName: 'New' }))))).toBe('id');
      expect(await conflictOf(store().write((s) => s.groups.update(groupWrite(2, { displayName: 'staff' }))))).toBe(
        'groupDisplayName',
      );
      expect(await store().write((s) => s.groups.update(groupWrite(2, { displayName: 'READERS' })))).toMatchObject({
        displayName: 'READERS',
      });
    });

    it('deletes a group', async () => {
      await store().write((s) => s.groups.insert(groupWrite(1)));
      expect(await store().write((s) => s.groups.delete(groupId(1)))).toBe(true);
      expect(await store().write((s) => s.groups.delete(groupId(1)))).toBe(false);
      expect(await store().read((s) => s.groups.get(groupId(1)))).toBeUndefined();
    });
  });

  describe('list', () => {
    async function insertUsers(count: number): Promise<void> {
      await store().write(async (s) => {
        for (let n = 1; n <= count; n += 1) await s.users.insert(userWrite(n));
      });
    }

    it('orders by insertion, pages by offset and counts every match', async () => {
      await insertUsers(25);
      const first = await store().read((s) => s.users.list({ limit: 10 }));
      expect(first.total).toBe(25);
      expect(first.items.map((u) => u.id)).toEqual(Array.from({ length: 10 }, (_, i) => userId(i + 1)));
      const seqs = first.items.map((u) => u.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const last = await store().read((s) => s.users.list({ limit: 10, offset: 20 }));
      expect(last.total).toBe(25);
      expect(last.items.map((u) => u.id)).toEqual([21, 22, 23, 24, 25].map(userId));
      const beyond = await store().read((s) => s.users.list({ limit: 10, offset: 30 }));
      expect(beyond).toEqual({ total: 25, items: [] });
    });

    it('counts without rows for limit 0 and skips the count when told', async () => {
      await insertUsers(3);
      expect(await store().read((s) => s.users.list({ limit: 0 }))).toEqual({ total: 3, items: [] });
      const uncounted = await store().read((s) => s.users.list({ limit: 2, withoutTotal: true }));
      expect(uncounted.total).toBe(-1);
      expect(uncounted.items).toHaveLength(2);
    });

    it('pages by keyset after a seq, with the total ignoring the cursor', async () => {
      await insertUsers(12);
      const seen: string[] = [];
      let afterSeq: number | undefined;
      for (let page = 0; page < 10; page += 1) {
        const result = await store().read((s) => s.users.list({ limit: 5, afterSeq }));
        expect(result.total).toBe(12);
        seen.push(...result.items.map((u) => u.id));
        if (result.items.length < 5) break;
        afterSeq = result.items.at(-1)?.seq;
      }
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => userId(i + 1)));
    });

    it('lists groups the same way', async () => {
      await store().write(async (s) => {
        for (let n = 1; n <= 4; n += 1) await s.groups.insert(groupWrite(n));
      });
      const page = await store().read((s) => s.groups.list({ limit: 2, offset: 1 }));
      expect(page.total).toBe(4);
      expect(page.items.map((g) => g.id)).toEqual([groupId(2), groupId(3)]);
      const after = await store().read((s) => s.groups.list({ limit: 10, afterSeq: page.items[1]?.seq }));
      expect(after.items.map((g) => g.id)).toEqual([groupId(4)]);
    });
  });
}
