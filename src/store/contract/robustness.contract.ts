/**
 * Store contract, part 6: hostile input and racing writes, the store's share of "never a 500 for
 * a client mistake, never a lost or dangling write":
 * - look-ups by keys holding NUL (PostgreSQL text refuses the character) find nothing;
 * - activity rows with NUL in their text are kept, and do not sink the batch written with them;
 * - an offset past every row (a client's `startIndex=1e20`) returns no rows and the true total;
 * - soft-deleted users are invisible to filters on group members and to `typesOf`, as they are
 *   in `members`;
 * - a member added while its user is deleted, and two nestings checked at once, serialise.
 *
 * The racing tests hold one write open while a second starts; SQLite runs the second after the
 * first, PostgreSQL must make it wait on the locks the first holds.
 */
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../scim/filter/filter-parser.js';
import { resolveFilter } from '../../scim/filter/filter-resolver.js';
import { createSchemaRegistry } from '../../scim/schemas/schema-registry.js';
import type { MemberRef, Store } from '../store.js';
import { activity, at, groupId, seedUsersAndGroups, userId } from './fixtures.js';

const registry = createSchemaRegistry();
const NUL_ID = `${userId(1)}\u0000`;

const user = (n: number): MemberRef => ({ value: userId(n), type: 'User' });
const group = (n: number): MemberRef => ({ value: groupId(n), type: 'Group' });

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise and the function that resolves it. */
function signal(): { reached: Promise<void>; reach: () => void } {
  let reach = (): void => undefined;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  return { reached, reach };
}

export function describeRobustnessContract(store: () => Store): void {
  describe('hostile input and racing writes', () => {
    const seed = (): Promise<void> => seedUsersAndGroups(store(), 4, 3);

    it('finds nothing by an id, userName or displayName that holds NUL, in reads and writes', async () => {
      await seed();
      for (const session of ['read', 'write'] as const) {
        const found = await store()[session](async (s) => ({
          user: await s.users.get(NUL_ID, { includeDeleted: true }),
          byName: await s.users.getByUserName('user1@example.com\u0000'),
          group: await s.groups.get(`${groupId(1)}\u0000`),
          byDisplayName: await s.groups.getByDisplayName('Group 1\u0000'),
          types: await s.members.resolveTypes([NUL_ID, userId(2)]),
          existing: await s.members.typesOf(groupId(1), [NUL_ID]),
        }));
        expect(found).toEqual({
          user: undefined,
          byName: undefined,
          group: undefined,
          byDisplayName: undefined,
          types: new Map([[userId(2), 'User']]),
          existing: new Map(),
        });
      }
      expect(await store().write((s) => s.members.remove(groupId(1), [NUL_ID]))).toBe(0);
    });

    it('keeps activity rows whose text holds NUL, and the rows written with them', async () => {
      await store().write(async (s) => {
        await s.activity.insert(
          activity(1, { resourceId: NUL_ID, detail: `No user has id "${NUL_ID}".`, path: '/Users/%00' }),
        );
        await s.activity.insert(activity(2));
      });
      const rows = await store().read((s) => s.activity.list({ limit: 10 }));
      expect(rows.map((row) => row.requestId).sort()).toEqual(['req-1', 'req-2']);
      const hostile = rows.find((row) => row.requestId === 'req-1');
      expect(hostile?.resourceId).toBe(`${userId(1)}\uFFFD`);
      expect(hostile?.detail).toBe(`No user has id "${userId(1)}\uFFFD".`);
    });

    it.each([
      ['past the last row', 4],
      ['beyond 2^53', 1e20],
      ['at 2^63', 2 ** 63],
    ])('returns no rows and the true total for an offset %s', async (_name, offset) => {
      await seed();
      expect(await store().read((s) => s.users.list({ limit: 10, offset }))).toEqual({ total: 4, items: [] });
      expect(await store().read((s) => s.groups.list({ limit: 10, offset }))).toEqual({ total: 3, items: [] });
      const uncounted = await store().read((s) => s.users.list({ limit: 10, offset: offset + 1, withoutTotal: true }));
      expect(uncounted.items).toEqual([]);
    });

    it('does not match a group through a soft-deleted member in filters on members', async () => {
      await seed();
      await store().write(async (s) => {
        await s.members.add(groupId(1), [user(1)]);
        await s.members.add(groupId(2), [user(1), user(2)]);
        await s.users.setDeleted(userId(1), at(50));
      });
      const groupsMatching = async (text: string) => {
        const filter = resolveFilter(parseFilter(text), 'Group', registry);
        return (await store().read((s) => s.groups.list({ limit: 10, filter }))).items.map((g) => g.id);
      };
      expect(await groupsMatching(`members[value eq "${userId(1)}"]`)).toEqual([]);
      expect(await groupsMatching('members.display eq "user1@example.com"')).toEqual([]);
      expect(await groupsMatching('members pr')).toEqual([groupId(2)]);
      expect(await groupsMatching(`members.value eq "${userId(2)}"`)).toEqual([groupId(2)]);
      await store().write((s) => s.users.setDeleted(userId(1), null));
      expect(await groupsMatching(`members[value eq "${userId(1)}"]`)).toEqual([groupId(1), groupId(2)]);
    });

    it('does not count a soft-deleted user among the existing members (typesOf)', async () => {
      await seed();
      await store().write(async (s) => {
        await s.members.add(groupId(1), [user(1), user(2)]);
        await s.users.setDeleted(userId(1), at(50));
      });
      const types = await store().read((s) => s.members.typesOf(groupId(1), [userId(1), userId(2)]));
      expect(Object.fromEntries(types)).toEqual({ [userId(2)]: 'User' });
    });

    it('never leaves a member whose user was deleted while it was being added', async () => {
      await seed();
      const checked = signal();
      const adding = store().write(async (s) => {
        const types = await s.members.resolveTypes([userId(1)]);
        checked.reach();
        await pause(200);
        return types.has(userId(1)) ? s.members.add(groupId(1), [user(1)]) : 0;
      });
      await checked.reached;
      const deleting = store().write((s) => s.users.delete(userId(1)));
      await Promise.all([adding, deleting]);
      expect(await store().read((s) => s.members.list(groupId(1), { limit: 10 }))).toEqual([]);
      expect(await store().read((s) => s.members.count(groupId(1)))).toBe(0);
    });

    it('lets a nesting check see a nesting that another write is making at the same time', async () => {
      await seed();
      // Write 1 puts group 2 into group 1; write 2, at the same time, asks what contains group 2
      // before putting group 1 into it. It must see group 1, or the two writes make a cycle.
      const checked = signal();
      const nesting = store().write(async (s) => {
        const ancestors = await s.members.ancestorGroupIds(groupId(1));
        checked.reach();
        await pause(200);
        if (!ancestors.has(groupId(2))) await s.members.add(groupId(1), [group(2)]);
      });
      await checked.reached;
      const seen = store().write((s) => s.members.ancestorGroupIds(groupId(2)));
      await nesting;
      expect([...(await seen)]).toEqual([groupId(1)]);
    });
  });
}
