/**
 * After an admin changes which SCIM attribute feeds a Library field, recompute the materialised
 * fields of every user and group from their stored SCIM documents, in keyset batches, each its
 * own short transaction. Only rows whose fields change are written; documents and versions stay.
 */
import type { LibraryUserFields, Store } from '../store/store.js';
import { libraryGroupDistinguishedName, libraryUserFields } from './library-fields.js';
import type { SchemaCatalog } from './schema-catalog.js';

const BATCH = 1000;

function sameFields(a: LibraryUserFields, b: LibraryUserFields): boolean {
  return (
    a.fullName === b.fullName &&
    a.email === b.email &&
    a.trustId === b.trustId &&
    a.distinguishedName === b.distinguishedName
  );
}

export interface BackfillResult {
  users: number;
  groups: number;
}

export async function backfillLibraryFields(store: Store, catalog: SchemaCatalog): Promise<BackfillResult> {
  catalog.invalidate();
  const { registry, mappings } = await catalog.current();
  const result: BackfillResult = { users: 0, groups: 0 };
  for (let afterSeq = 0; ;) {
    const page = await store.read((session) =>
      session.users.list({ afterSeq, limit: BATCH, includeDeleted: true, withoutTotal: true }),
    );
    const stale = page.items.filter(
      (user) => !sameFields(user.library, libraryUserFields(user.resource, mappings, registry)),
    );
    if (stale.length > 0) {
      // Recomputed from the row as it is inside the write: a SCIM write that landed since the page
      // was read is not overwritten with fields derived from its older document.
      result.users += await store.write(async (session) => {
        let written = 0;
        for (const { id } of stale) {
          const fresh = await session.users.get(id, { includeDeleted: true });
          if (!fresh) continue;
          const library = libraryUserFields(fresh.resource, mappings, registry);
          if (sameFields(fresh.library, library)) continue;
          await session.users.setLibraryFields(id, library);
          written += 1;
        }
        return written;
      });
    }
    const last = page.items[page.items.length - 1];
    if (!last || page.items.length < BATCH) break;
    afterSeq = last.seq;
  }
  for (let afterSeq = 0; ;) {
    const page = await store.read((session) => session.groups.list({ afterSeq, limit: BATCH, withoutTotal: true }));
    const stale = page.items.filter(
      (group) => group.distinguishedName !== libraryGroupDistinguishedName(group.resource, mappings, registry),
    );
    if (stale.length > 0) {
      result.groups += await store.write(async (session) => {
        let written = 0;
        for (const { id } of stale) {
          const fresh = await session.groups.get(id);
          if (!fresh) continue;
          const value = libraryGroupDistinguishedName(fresh.resource, mappings, registry);
          if (fresh.distinguishedName === value) continue;
          await session.groups.setDistinguishedName(id, value);
          written += 1;
        }
        return written;
      });
    }
    const last = page.items[page.items.length - 1];
    if (!last || page.items.length < BATCH) break;
    afterSeq = last.seq;
  }
  return result;
}
