/**
 * Store contract, part 2: group memberships (deltas with their counts, keyset listing, types,
 * nesting, removal with users and groups) and the large-group case.
 */
import { describe, expect, it } from 'vitest';
import type { MemberRef, Store } from '../store.js';
import { at, groupId, seedUsersAndGroups, userId } from './fixtures.js';

const user = (n: number): MemberRef => ({ value: userId(n), type: 'User' });
const group = (n: number): MemberRef => ({ value: groupId(n), type: 'Group' });

async function memberIds(store: Store, gid: string): Promise<string[]> {
  const ids: string[] = [];
  let afterMemberId: string | undefined;
  for (;;) {
    const page = await store.read((s) => s.members.list(gid, { afterMemberId, limit: 1000 }));
    ids.push(...page.map((m) => m.value));
    if (page.length < 1000) return ids;
    afterMemberId = page.at(-1)?.value;
  }
}

export function describeMembershipContract(store: () => Store): void {
  describe('memberships', () => {
    const seed = (): Promise<void> => seedUsersAndGroups(store(), 5, 3);

    it('adds, counting only new members, and removes, counting only members that were there', async () => {
      await seed();
      expect(await store().write((s) => s.members.add(groupId(1), [user(1), user(2), user(2)]))).toBe(2);
      expect(await store().write((s) => s.members.add(groupId(1), [user(2), user(3), group(2)]))).toBe(2);
      expect(await store().read((s) => s.members.count(groupId(1)))).toBe(4);
      expect(await store().write((s) => s.members.remove(groupId(1), [userId(1), userId(4), userId(1)]))).toBe(1);
      expect(await store().write((s) => s.members.remove(groupId(1), []))).toBe(0);
      expect(await store().write((s) => s.members.add(groupId(1), []))).toBe(0);
      expect(await memberIds(store(), groupId(1))).toEqual([userId(2), userId(3), groupId(2)].sort());
    });

    it('replaces with the set difference and reports what changed', async () => {
      await seed();
      await store().write((s) => s.members.add(groupId(1), [user(1), user(2), user(3)]));
      expect(await store().write((s) => s.members.replace(groupId(1), [user(2), user(3), user(4), group(2)]))).toEqual({
        added: 2,
        removed: 1,
      });
      expect(await store().write((s) => s.members.replace(groupId(1), [user(2), user(3), user(4), group(2)]))).toEqual({
        added: 0,
        removed: 0,
      });
      expect(await memberIds(store(), groupId(1))).toEqual([userId(2), userId(3), userId(4), groupId(2)].sort());
      expect(await store().write((s) => s.members.replace(groupId(1), []))).toEqual({ added: 0, removed: 4 });
      expect(await store().read((s) => s.members.count(groupId(1)))).toBe(0);
      // Another group is untouched by a replace.
      await store().write((s) => s.members.add(groupId(2), [user(5)]));
      await store().write((s) => s.members.replace(groupId(1), [user(1)]));
      expect(await memberIds(store(), groupId(2))).toEqual([userId(5)]);
    });

    it('lists members by id, keyset paged, with the display name of each', async () => {
      await seed();
      await store().write((s) => s.members.add(groupId(1), [user(3), group(2), user(1), user(2)]));
      const first = await store().read((s) => s.members.list(groupId(1), { limit: 2 }));
      expect(first).toEqual([
        { value: userId(1), type: 'User', display: 'user1@example.com' },
        { value: userId(2), type: 'User', display: 'user2@example.com' },
      ]);
      const rest = await store().read((s) => s.members.list(groupId(1), { afterMemberId: userId(2), limit: 10 }));
      expect(rest).toEqual([
        { value: userId(3), type: 'User', display: 'user3@example.com' },
        { value: groupId(2), type: 'Group', display: 'Group 2' },
      ]);
      expect(await store().read((s) => s.members.list(groupId(1), { limit: 0 }))).toEqual([]);
    });

    it('hides soft-deleted users from members and their types, and shows them again when restored', async () => {
      await seed();
      await store().write((s) => s.members.add(groupId(1), [user(1), user(2)]));
      await store().write((s) => s.users.setDeleted(userId(1), at(100)));
      expect(await memberIds(store(), groupId(1))).toEqual([userId(2)]);
      expect(await store().read((s) => s.members.count(groupId(1)))).toBe(1);
      await store().write((s) => s.users.setDeleted(userId(1), null));
      expect(await store().read((s) => s.members.count(groupId(1)))).toBe(2);
    });

    it('resolves the type of each id, leaving unknown and soft-deleted ids out', async () => {
      await seed();
      await store().write((s) => s.users.setDeleted(userId(5), at(100)));
      const types = await store().read((s) =>
        s.members.resolveTypes([userId(1), groupId(2), userId(5), 'no-such-id', userId(1)]),
      );
      expect(Object.fromEntries(types)).toEqual({ [userId(1)]: 'User', [groupId(2)]: 'Group' });
      expect((await store().read((s) => s.members.resolveTypes([]))).size).toBe(0);
    });

    it('tells which ids are already members, with their type', async () => {
      await seed();
      await store().write((s) => s.members.add(groupId(1), [user(1), { value: groupId(2), type: 'Group' }]));
      const types = await store().read((s) =>
        s.members.typesOf(groupId(1), [userId(1), groupId(2), userId(3), 'no-such-id', userId(1)]),
      );
      expect(Object.fromEntries(types)).toEqual({ [userId(1)]: 'User', [groupId(2)]: 'Group' });
      expect((await store().read((s) => s.members.typesOf(groupId(2), [userId(1)]))).size).toBe(0);
      expect((await store().read((s) => s.members.typesOf(groupId(1), []))).size).toBe(0);
    });

    it('resolves 40,000 ids in one call (beyond any bound-parameter limit)', async () => {
      await seed();
      const ids = Array.from({ length: 40_000 }, (_, n) => `missing-${n}`);
      ids.push(userId(1));
      const types = await store().read((s) => s.members.resolveTypes(ids));
      expect(Object.fromEntries(types)).toEqual({ [userId(1)]: 'User' });
    });

    it('finds every ancestor of a group through a 3-level chain, and survives a cycle', async () => {
      await seed();
      // 1 contains 2, 2 contains 3.
      await store().write(async (s) => {
        await s.members.add(groupId(1), [group(2)]);
        await s.members.add(groupId(2), [group(3), user(1)]);
      });
      const ancestors = await store().read((s) => s.members.ancestorGroupIds(groupId(3)));
      expect([...ancestors].sort()).toEqual([groupId(1), groupId(2)]);
      expect((await store().read((s) => s.members.ancestorGroupIds(groupId(1)))).size).toBe(0);
      await store().write((s) => s.members.add(groupId(3), [group(1)]));
      const cyclic = await store().read((s) => s.members.ancestorGroupIds(groupId(3)));
      expect([...cyclic].sort()).toEqual([groupId(1), groupId(2), groupId(3)]);
    });

    it('reports the groups that directly contain each user', async () => {
      await seed();
      await store().write(async (s) => {
        await s.members.add(groupId(2), [user(1)]);
        await s.members.add(groupId(1), [user(1), user(2)]);
      });
      const groups = await store().read((s) => s.users.groupsOf([userId(1), userId(2), userId(3)]));
      expect(groups.get(userId(1))).toEqual([
        { id: groupId(1), display: 'Group 1', type: 'direct' },
        { id: groupId(2), display: 'Group 2', type: 'direct' },
      ]);
      expect(groups.get(userId(2))).toEqual([{ id: groupId(1), display: 'Group 1', type: 'direct' }]);
      expect(groups.get(userId(3))).toEqual([]);
    });

    it('reports groups reached through nested groups as indirect, and a direct one once', async () => {
      await seed();
      await store().write(async (s) => {
        await s.members.add(groupId(3), [group(2)]);
        await s.members.add(groupId(2), [group(1)]);
        await s.members.add(groupId(1), [user(1)]);
        await s.members.add(groupId(3), [user(1)]);
      });
      const groups = await store().read((s) => s.users.groupsOf([userId(1), userId(2)]));
      expect(groups.get(userId(1))).toEqual([
        { id: groupId(1), display: 'Group 1', type: 'direct' },
        { id: groupId(2), display: 'Group 2', type: 'indirect' },
        { id: groupId(3), display: 'Group 3', type: 'direct' },
      ]);
      expect(groups.get(userId(2))).toEqual([]);
    });

    it('removes a deleted user from every group', async () => {
      await seed();
      await store().write(async (s) => {
        await s.members.add(groupId(1), [user(1), user(2)]);
        await s.members.add(groupId(2), [user(1)]);
      });
      await store().write((s) => s.users.delete(userId(1)));
      expect(await memberIds(store(), groupId(1))).toEqual([userId(2)]);
      expect(await store().read((s) => s.members.count(groupId(2)))).toBe(0);
    });

    it('drops a deleted group’s memberships, as container and as member', async () => {
      await seed();
      await store().write(async (s) => {
        await s.members.add(groupId(1), [group(2), user(1)]);
        await s.members.add(groupId(2), [user(1), user(2)]);
      });
      await store().write((s) => s.groups.delete(groupId(2)));
      expect(await store().read((s) => s.members.count(groupId(2)))).toBe(0);
      expect(await memberIds(store(), groupId(1))).toEqual([userId(1)]);
      expect((await store().read((s) => s.users.groupsOf([userId(2)]))).get(userId(2))).toEqual([]);
    });

    it('replaces 20,000 members, then changes one of them', async () => {
      await seed();
      const many = Array.from({ length: 20_000 }, (_, i): MemberRef => ({
        value: `member-${String(i).padStart(6, '0')}`,
        type: 'User',
      }));
      expect(await store().write((s) => s.members.replace(groupId(1), many))).toEqual({ added: 20_000, removed: 0 });
      expect(await store().read((s) => s.members.count(groupId(1)))).toBe(20_000);

      const changed = [...many.slice(1), { value: 'member-new', type: 'User' as const }];
      expect(await store().write((s) => s.members.replace(groupId(1), changed))).toEqual({ added: 1, removed: 1 });
      const ids = await memberIds(store(), groupId(1));
      expect(ids).toHaveLength(20_000);
      expect(ids).toContain('member-new');
      expect(ids).not.toContain('member-000000');
      expect(ids[0]).toBe('member-000001');

      expect(await store().write((s) => s.members.add(groupId(1), many.slice(0, 3)))).toBe(1);
      expect(
        await store().write((s) =>
          s.members.remove(
            groupId(1),
            many.slice(0, 10_000).map((m) => m.value),
          ),
        ),
      ).toBe(10_000);
      expect(await store().read((s) => s.members.count(groupId(1)))).toBe(10_001);
    });
  });
}
