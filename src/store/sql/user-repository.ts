/**
 * Users: the `users` table. userName is unique ignoring case through `user_name_key`; soft-deleted
 * users (deprovisioning policy) keep their row and their userName but are hidden unless asked for.
 */
import { sql } from 'kysely';
import type { Selectable, SqlBool } from 'kysely';
import type { GroupMembershipView, ListQuery, ListResult, UserRecord, UserRepository, UserWrite } from '../store.js';
import { listRows } from './list-query.js';
import {
  chunked,
  containsNul,
  decodeBoolean,
  decodeResource,
  distinct,
  encodeJson,
  rowsPerStatement,
  toNumber,
} from './row-codec.js';
import type { SqlContext } from './sql-context.js';
import { conflictError, mappingConflicts } from './store-errors.js';
import type { UsersTable } from './tables.js';

type UserRow = Selectable<UsersTable>;

export function toUserRecord(row: UserRow): UserRecord {
  return {
    seq: toNumber(row.seq),
    id: row.id,
    userName: row.user_name,
    externalId: row.external_id,
    displayName: row.display_name,
    active: decodeBoolean(row.active),
    resource: decodeResource(row.resource),
    library: {
      fullName: row.full_name,
      email: row.email,
      trustId: row.trust_id,
      distinguishedName: row.distinguished_name,
    },
    version: toNumber(row.version),
    created: row.created,
    lastModified: row.last_modified,
    deletedAt: row.deleted_at,
  };
}

/** The columns a write replaces (everything but seq, version, created and deleted_at). */
function writtenColumns(ctx: SqlContext, user: UserWrite) {
  return {
    id: user.id,
    user_name: user.userName,
    user_name_key: user.userName.toLowerCase(),
    external_id: user.externalId,
    display_name: user.displayName,
    active: ctx.dialect.encodeBoolean(user.active),
    email: user.library.email,
    email_key: user.library.email === null ? null : user.library.email.toLowerCase(),
    full_name: user.library.fullName,
    trust_id: user.library.trustId,
    distinguished_name: user.library.distinguishedName,
    resource: encodeJson(user.resource),
    last_modified: user.at,
  };
}

function userNameTaken(userName: string) {
  return conflictError(
    'userName',
    `A user with userName "${userName}" already exists (userName is unique, ignoring case).`,
  );
}

export function createUserRepository(ctx: SqlContext): UserRepository {
  const { db } = ctx;

  async function findOne(column: 'id' | 'user_name_key', value: string, includeDeleted: boolean) {
    if (containsNul(value)) return undefined;
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where(column, '=', value)
      .$if(!includeDeleted, (qb) => qb.where('deleted_at', 'is', null))
      .$if(ctx.lockRows, (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? toUserRecord(row) : undefined;
  }

  /** Which constraint an insert that did nothing ran into. */
  async function insertConflict(user: UserWrite) {
    const byName = await db
      .selectFrom('users')
      .select('id')
      .where('user_name_key', '=', user.userName.toLowerCase())
      .executeTakeFirst();
    if (byName) return userNameTaken(user.userName);
    const byId = await db.selectFrom('users').select('id').where('id', '=', user.id).executeTakeFirst();
    if (byId) return conflictError('id', `A user with id "${user.id}" already exists.`);
    return conflictError(
      'other',
      `The user "${user.userName}" could not be inserted: a unique constraint was violated.`,
    );
  }

  return {
    get: (id, options) => findOne('id', id, options?.includeDeleted ?? false),

    getByUserName: (userName, options) =>
      findOne('user_name_key', userName.toLowerCase(), options?.includeDeleted ?? false),

    async insert(user) {
      // ON CONFLICT DO NOTHING instead of catching the violation: a conflict then leaves the
      // transaction usable in PostgreSQL too, as it does in SQLite.
      const row = await mappingConflicts(() =>
        db
          .insertInto('users')
          .values({ ...writtenColumns(ctx, user), version: 1, created: user.at, deleted_at: null })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst(),
      );
      if (!row) throw await insertConflict(user);
      return toUserRecord(row);
    },

    async update(user) {
      const holders = await db
        .selectFrom('users')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', user.id), eb('user_name_key', '=', user.userName.toLowerCase())]))
        .execute();
      if (!holders.some((holder) => holder.id === user.id)) return undefined;
      if (holders.some((holder) => holder.id !== user.id)) throw userNameTaken(user.userName);
      const row = await mappingConflicts(() =>
        db
          .updateTable('users')
          .set({ ...writtenColumns(ctx, user), version: sql<number>`version + 1` })
          .where('id', '=', user.id)
          .returningAll()
          .executeTakeFirst(),
      );
      return row ? toUserRecord(row) : undefined;
    },

    async setDeleted(id, deletedAt) {
      const result = await db
        .updateTable('users')
        .set({ deleted_at: deletedAt, version: sql<number>`version + 1` })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async setLibraryFields(id, library) {
      const result = await db
        .updateTable('users')
        .set({
          full_name: library.fullName,
          email: library.email,
          email_key: library.email === null ? null : library.email.toLowerCase(),
          trust_id: library.trustId,
          distinguished_name: library.distinguishedName,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async delete(id) {
      const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await db.deleteFrom('group_members').where('member_id', '=', id).where('member_type', '=', 'User').execute();
      return true;
    },

    async list(query: ListQuery): Promise<ListResult<UserRecord>> {
      const conditions = query.includeDeleted ? [] : [sql<SqlBool>`users.deleted_at is null`];
      const { total, rows } = await listRows(ctx, { table: 'users', resourceType: 'User', conditions, query });
      return { total, items: rows.map(toUserRecord) };
    },

    async groupsOf(userIds) {
      const ids = distinct(userIds);
      const groups = new Map<string, GroupMembershipView[]>(ids.map((id) => [id, []]));
      for (const chunk of chunked(ids, rowsPerStatement(ctx.dialect, 1))) {
        // Direct memberships, then every group that contains one of those groups, transitively.
        // UNION (not UNION ALL) keeps the walk finite even if a cycle ever got in.
        const rows = await sql<{ user_id: string; group_id: string; display_name: string; direct: number | string }>`
          with recursive memberships(user_id, group_id, direct) as (
            select m.member_id, m.group_id, 1 from group_members m
            where m.member_type = 'User' and m.member_id in (${sql.join(chunk)})
            union
            select w.user_id, p.group_id, 0 from memberships w
            join group_members p on p.member_id = w.group_id and p.member_type = 'Group'
          )
          select w.user_id, w.group_id, g.display_name, max(w.direct) as direct
          from memberships w join user_groups g on g.id = w.group_id
          group by w.user_id, w.group_id, g.display_name, g.display_name_key
          order by g.display_name_key, w.group_id`.execute(db);
        for (const row of rows.rows) {
          groups.get(row.user_id)?.push({
            id: row.group_id,
            display: row.display_name,
            type: Number(row.direct) === 1 ? 'direct' : 'indirect',
          });
        }
      }
      return groups;
    },
  };
}
