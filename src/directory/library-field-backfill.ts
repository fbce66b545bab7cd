/**
 * After an admin changes which SCIM attribute feeds a Library field, recompute the materialised
 * fields of every user and group from their stored SCIM documents, in keyset batches, each its
 * own short transaction. Only rows whose fields change are written; documents and versions stay.
 */
import type { Store } from '../store/store.js';
import { libraryGroupDistinguishedName, libraryUserFields } from './library-fields.js';
import type { SchemaCatalog } from './schema-catalog.js';

const BATCH = 1000;

export interface BackfillResult {
  users: number;
  groups: number;
}

export async function backfillLibraryFields(store: Store, catalog: SchemaCatalog): Promise<BackfillResult> {
  catalog.invalidate();
  const { registry, mappings } = await catalog.current();
  const result: BackfillResult = { users: 0, groups: 0 };
  for (let afterSeq = 0; ; ) {
    const page = await store.read((session) => session.users.list({ afterSeq, limit: BATCH, includeDeleted: true, withoutTotal: true }));
    const changes = page.items
      .map((user) => ({ user, library: libraryUserFields(user.resource, mappings, registry) }))
      .filter(({ user, library }) => JSON.stringify(user.library) !== JSON.stringify(library));
    if (changes.length > 0) {
      await store.write(async (session) => {
        for (const { user, library } of changes) await session.users.setLibraryFields(user.id, library);
      });
      result.users += changes.length;
    }
    const last = page.items[page.items.length - 1];
    if (!last || page.items.length < BATCH) break;
    afterSeq = last.seq;
  }
  for (let afterSeq = 0; ; ) {
    const page = await store.read((session) => session.groups.list({ afterSeq, limit: BATCH, withoutTotal: true }));
    const changes = page.items
      .map((group) => ({ group, value: libraryGroupDistinguishedName(group.resource, mappings, registry) }))
      .filter(({ group, value }) => group.distinguishedName !== value);
    if (changes.length > 0) {
      await store.write(async (session) => {
        for (const { group, value } of changes) await session.groups.setDistinguishedName(group.id, value);
      });
      result.groups += changes.length;
    }
    const last = page.items[page.items.length - 1];
    if (!last || page.items.length < BATCH) break;
    afterSeq = last.seq;
  }
  return result;
}
