/**
 * Store contract, part 5: lists with SCIM filters and sorting, through the real parser, resolver
 * and registry. The filter compiler has its own differential tests; these check that the store
 * applies the compiled WHERE and ORDER BY together with its own conditions, paging and counts.
 */
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../scim/filter/filter-parser.js';
import { resolveFilter } from '../../scim/filter/filter-resolver.js';
import { createSchemaRegistry } from '../../scim/schemas/schema-registry.js';
import type { ResourceTypeName } from '../../scim/schemas/types.js';
import type { ResolvedFilter } from '../../scim/filter/ast.js';
import type { SortSpec, Store } from '../store.js';
import { at, groupId, groupWrite, userId, userWrite } from './fixtures.js';

const registry = createSchemaRegistry();

function filter(text: string, resourceType: ResourceTypeName = 'User'): ResolvedFilter {
  return resolveFilter(parseFilter(text), resourceType, registry);
}

function sortBy(path: string, descending = false, resourceType: ResourceTypeName = 'User'): SortSpec {
  const attr = registry.resolve(resourceType, path);
  if (!attr) throw new Error(`unknown attribute ${path}`);
  return { attr, descending };
}

export function describeQueryContract(store: () => Store): void {
  describe('filtered and sorted lists', () => {
    async function seed(): Promise<void> {
      await store().write(async (s) => {
        for (let n = 1; n <= 12; n += 1) {
          await s.users.insert(
            userWrite(n, {
              active: n % 4 !== 0,
              displayName: n % 5 === 0 ? null : `Reader ${String.fromCharCode(96 + ((n * 7) % 12) + 1)}`,
            }),
          );
        }
        await s.groups.insert(groupWrite(1, { displayName: 'Staff' }));
        await s.groups.insert(groupWrite(2, { displayName: 'Readers' }));
        await s.members.add(groupId(2), [{ value: userId(3), type: 'User' }]);
      });
    }

    const ids = (items: { id: string }[]) => items.map((item) => item.id);

    it('applies a filter to the rows and to the total', async () => {
      await seed();
      const one = await store().read((s) =>
        s.users.list({ limit: 10, filter: filter('userName eq "USER3@example.com"') }),
      );
      expect(one).toMatchObject({ total: 1 });
      expect(ids(one.items)).toEqual([userId(3)]);
      const family = await store().read((s) =>
        s.users.list({ limit: 2, filter: filter('name.familyName sw "family 1"') }),
      );
      expect(family.total).toBe(4);
      expect(ids(family.items)).toEqual([userId(1), userId(10)]);
      const inactive = await store().read((s) => s.users.list({ limit: 10, filter: filter('active eq false') }));
      expect(ids(inactive.items)).toEqual([4, 8, 12].map(userId));
      const work = await store().read((s) =>
        s.users.list({ limit: 10, filter: filter('emails[type eq "work" and value co "user7@"]') }),
      );
      expect(ids(work.items)).toEqual([userId(7)]);
      const recent = await store().read((s) =>
        s.users.list({ limit: 0, filter: filter(`meta.lastModified gt "${at(9)}"`) }),
      );
      expect(recent).toEqual({ total: 3, items: [] });
    });

    it('keeps soft-deleted users out of filtered lists and counts', async () => {
      await seed();
      await store().write((s) => s.users.setDeleted(userId(10), at(100)));
      const family = await store().read((s) =>
        s.users.list({ limit: 10, filter: filter('name.familyName sw "Family 1"') }),
      );
      expect(family.total).toBe(3);
      expect(ids(family.items)).toEqual([1, 11, 12].map(userId));
      const all = await store().read((s) =>
        s.users.list({ limit: 10, filter: filter('name.familyName sw "Family 1"'), includeDeleted: true }),
      );
      expect(all.total).toBe(4);
    });

    it('pages a filtered list by keyset, the total ignoring the cursor', async () => {
      await seed();
      const first = await store().read((s) => s.users.list({ limit: 2, filter: filter('active eq true') }));
      expect(first.total).toBe(9);
      const next = await store().read((s) =>
        s.users.list({ limit: 3, filter: filter('active eq true'), afterSeq: first.items[1]?.seq }),
      );
      expect(next.total).toBe(9);
      expect(ids(next.items)).toEqual([3, 5, 6].map(userId));
    });

    it('filters groups by name and by member', async () => {
      await seed();
      const byName = await store().read((s) =>
        s.groups.list({ limit: 10, filter: filter('displayName eq "readers"', 'Group') }),
      );
      expect(ids(byName.items)).toEqual([groupId(2)]);
      const byMember = await store().read((s) =>
        s.groups.list({ limit: 10, filter: filter(`members.value eq "${userId(3)}"`, 'Group') }),
      );
      expect(byMember).toMatchObject({ total: 1 });
      expect(ids(byMember.items)).toEqual([groupId(2)]);
    });

    it('sorts by an attribute, ties by insertion, missing values last ascending and first descending', async () => {
      await seed();
      const ascending = await store().read((s) => s.users.list({ limit: 20, sort: sortBy('displayName') }));
      const names = ascending.items.map((u) => u.displayName);
      const present = names.filter((name): name is string => name !== null);
      expect(present).toEqual([...present].sort());
      expect(names.slice(-2)).toEqual([null, null]);
      expect(ids(ascending.items).slice(-2)).toEqual([userId(5), userId(10)]);

      const descending = await store().read((s) => s.users.list({ limit: 20, sort: sortBy('displayName', true) }));
      expect(descending.items.slice(0, 2).map((u) => u.id)).toEqual([userId(5), userId(10)]);
      const rest = descending.items.slice(2).map((u) => u.displayName ?? '');
      expect(rest).toEqual([...rest].sort().reverse());

      const page = await store().read((s) =>
        s.users.list({ limit: 3, offset: 3, sort: sortBy('userName', true), filter: filter('active eq true') }),
      );
      expect(page.total).toBe(9);
      expect(page.items.map((u) => u.userName)).toEqual([
        'user5@example.com',
        'user3@example.com',
        'user2@example.com',
      ]);
    });

    it('sorts groups by displayName', async () => {
      await seed();
      const groups = await store().read((s) =>
        s.groups.list({ limit: 10, sort: sortBy('displayName', false, 'Group') }),
      );
      expect(groups.items.map((g) => g.displayName)).toEqual(['Readers', 'Staff']);
    });
  });
}
