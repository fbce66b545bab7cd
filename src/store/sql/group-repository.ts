/**
 * Groups: the `user_groups` table, displayName unique ignoring case through `display_name_key`.
 * Memberships live in `group_members` (membership-repository.ts), never in the document.
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { GroupRecord, GroupRepository, GroupWrite } from '../store.js';
import { listRows } from './list-query.js';
import { containsNul, decodeResource, encodeJson, toNumber } from './row-codec.js';
import type { SqlContext } from './sql-context.js';
import { conflictError, mappingConflicts } from './store-errors.js';
import type { UserGroupsTable } from './tables.js';

type GroupRow = Selectable<UserGroupsTable>;

export function toGroupRecord(row: GroupRow): GroupRecord {
  return {
    seq: toNumber(row.seq),
    id: row.id,
    displayName: row.display_name,
    externalId: row.external_id,
    resource: decodeResource(row.resource),
    distinguishedName: row.distinguished_name,
    version: toNumber(row.version),
    created: row.created,
    lastModified: row.last_modified,
  };
}

function writtenColumns(group: GroupWrite) {
  return {
    id: group.id,
    display_name: group.displayName,
    display_name_key: group.displayName.toLowerCase(),
    external_id: group.externalId,
    distinguished_name: group.distinguishedName,
    resource: encodeJson(group.resource),
    last_modified: group.at,
  };
}

function displayNameTaken(displayName: string) {
  return conflictError(
    'groupDisplayName',
    `A group with displayName "${displayName}" already exists (displayName is unique, ignoring case).`,
  );
}

export function createGroupRepository(ctx: SqlContext): GroupRepository {
  const { db } = ctx;

  async function findOne(column: 'id' | 'display_name_key', value: string) {
    if (containsNul(value)) return undefined;
    const row = await db
      .selectFrom('user_groups')
      .selectAll()
      .where(column, '=', value)
      .$if(ctx.lockRows, (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? toGroupRecord(row) : undefined;
  }

  async function insertConflict(group: GroupWrite) {
    const byName = await db
      .selectFrom('user_groups')
      .select('id')
      .where('display_name_key', '=', group.displayName.toLowerCase())
      .executeTakeFirst();
    if (byName) return displayNameTaken(group.displayName);
    const byId = await db.selectFrom('user_groups').select('id').where('id', '=', group.id).executeTakeFirst();
    if (byId) return conflictError('id', `A group with id "${group.id}" already exists.`);
    return conflictError(
      'other',
      `The group "${group.displayName}" could not be inserted: a unique constraint was violated.`,
    );
  }

  return {
    get: (id) => findOne('id', id),

    getByDisplayName: (displayName) => findOne('display_name_key', displayName.toLowerCase()),

    async insert(group) {
      const row = await mappingConflicts(() =>
        db
          .insertInto('user_groups')
          .values({ ...writtenColumns(group), version: 1, created: group.at })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst(),
      );
      if (!row) throw await insertConflict(group);
      return toGroupRecord(row);
    },

    async update(group) {
      const holders = await db
        .selectFrom('user_groups')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', group.id), eb('display_name_key', '=', group.displayName.toLowerCase())]))
        .execute();
      if (!holders.some((holder) => holder.id === group.id)) return undefined;
      if (holders.some((holder) => holder.id !== group.id)) throw displayNameTaken(group.displayName);
      const row = await mappingConflicts(() =>
        db
          .updateTable('user_groups')
          .set({ ...writtenColumns(group), version: sql<number>`version + 1` })
          .where('id', '=', group.id)
          .returningAll()
          .executeTakeFirst(),
      );
      return row ? toGroupRecord(row) : undefined;
    },

    async delete(id) {
      // Its own members go by ON DELETE CASCADE; its memberships in other groups explicitly.
      const result = await db.deleteFrom('user_groups').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await db.deleteFrom('group_members').where('member_id', '=', id).where('member_type', '=', 'Group').execute();
      return true;
    },

    async list(query) {
      const { total, rows } = await listRows(ctx, {
        table: 'user_groups',
        resourceType: 'Group',
        conditions: [],
        query,
      });
      return { total, items: rows.map(toGroupRecord) };
    },

    async setDistinguishedName(id, distinguishedName) {
      const result = await db
        .updateTable('user_groups')
        .set({ distinguished_name: distinguishedName })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async touch(id, at) {
      const row = await db
        .updateTable('user_groups')
        .set({ version: sql<number>`version + 1`, last_modified: at })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toGroupRecord(row) : undefined;
    },
  };
}
