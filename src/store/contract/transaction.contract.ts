/**
 * Store contract, part 4: transactions. A write that throws leaves nothing behind; concurrent
 * writes neither fail nor lose each other's changes; migrations can run again.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { at, groupId, groupWrite, userId, userWrite } from './fixtures.js';

export function describeTransactionContract(store: () => Store): void {
  describe('transactions', () => {
    it('rolls back everything a write did when its callback throws', async () => {
      await store().write((s) => s.groups.insert(groupWrite(1)));
      const failure = new Error('validation failed after the writes');
      await expect(
        store().write(async (s) => {
          await s.users.insert(userWrite(1));
          await s.members.add(groupId(1), [{ value: userId(1), type: 'User' }]);
          await s.groups.touch(groupId(1), at(99));
          await s.settings.set('scim_enabled', false);
          throw failure;
        }),
      ).rejects.toBe(failure);
      await store().read(async (s) => {
        expect(await s.users.get(userId(1), { includeDeleted: true })).toBeUndefined();
        expect(await s.members.count(groupId(1))).toBe(0);
        expect((await s.groups.get(groupId(1)))?.version).toBe(1);
        expect(await s.settings.get('scim_enabled')).toBeUndefined();
      });
    });

    it('returns the value of the callback', async () => {
      expect(await store().write(async () => 'done')).toBe('done');
      expect(await store().read(async () => 7)).toBe(7);
    });

    it('runs 50 concurrent writes to one group without losing any', async () => {
      await store().write(async (s) => {
        await s.groups.insert(groupWrite(1));
        for (let n = 1; n <= 50; n += 1) await s.users.insert(userWrite(n));
      });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store().write(async (s) => {
            const found = await s.groups.get(groupId(1));
            if (!found) throw new Error('group vanished');
            const added = await s.members.add(groupId(1), [{ value: userId(i + 1), type: 'User' }]);
            await s.groups.touch(groupId(1), at(1000 + i));
            return added;
          }),
        ),
      );
      expect(results).toEqual(Array.from({ length: 50 }, () => 1));
      await store().read(async (s) => {
        expect(await s.members.count(groupId(1))).toBe(50);
        expect((await s.groups.get(groupId(1)))?.version).toBe(51);
      });
    });

    it('serialises read-modify-write sequences: no lost update', async () => {
      await store().write((s) =>
        s.users.insert(userWrite(1, { resource: { userName: 'user1@example.com', counter: 0 } })),
      );
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store().write(async (s) => {
            const current = await s.users.get(userId(1));
            if (!current) throw new Error('user vanished');
            const counter = Number(current.resource.counter);
            await s.users.update(
              userWrite(1, { resource: { ...current.resource, counter: counter + 1 }, at: at(100 + i) }),
            );
          }),
        ),
      );
      const final = await store().read((s) => s.users.get(userId(1)));
      expect(final?.resource.counter).toBe(20);
      expect(final?.version).toBe(21);
    });

    it('fails only the concurrent write that throws', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store().write(async (s) => {
            await s.users.insert(userWrite(i + 1));
            if (i % 3 === 0) throw new Error(`write ${i} refused`);
            return i;
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(
        Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? 'rejected' : 'fulfilled')),
      );
      const ids = (await store().read((s) => s.users.list({ limit: 100 }))).items.map((u) => u.id);
      expect(ids.sort()).toEqual([2, 3, 5, 6, 8, 9].map(userId));
    });

    it('migrates again without effect', async () => {
      await store().write((s) => s.users.insert(userWrite(1)));
      await store().migrate();
      await store().migrate();
      expect((await store().read((s) => s.users.list({ limit: 10 }))).total).toBe(1);
    });
  });
}
