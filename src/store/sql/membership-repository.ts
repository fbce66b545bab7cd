/**
 * Group memberships: `group_members(group_id, member_id, member_type)`, primary key
 * (group_id, member_id), indexed by member_id. Every operation costs in proportion to the members
 * named, never to the size of the group.
 *
 * Soft-deleted users keep their membership rows (a restore brings them back) but are hidden like
 * everywhere else in SCIM: `list`, `count` and `typesOf` skip them and `resolveTypes` does not
 * know them.
 */
import { sql } from 'kysely';
import type { MemberRef, MemberType, MemberView, MembershipRepository } from '../store.js';
import { chunked, containsNul, distinct, rowsPerStatement, toNumber } from './row-codec.js';
import type { SqlContext } from './sql-context.js';

/** The first occurrence of each member id wins. */
export function distinctMembers(members: readonly MemberRef[]): MemberRef[] {
  const seen = new Map<string, MemberRef>();
  for (const member of members) if (!seen.has(member.value)) seen.set(member.value, member);
  return [...seen.values()];
}

/** Names the advisory lock that serialises group nesting checks (PostgreSQL). */
const GROUP_NESTING_LOCK = '.library_scim.group_nesting';

export function createMembershipRepository(ctx: SqlContext): MembershipRepository {
  const { db } = ctx;

  return {
    async add(groupId, members: MemberRef[]) {
      let added = 0;
      for (const chunk of chunked(distinctMembers(members), rowsPerStatement(ctx.dialect, 3))) {
        const result = await db
          .insertInto('group_members')
          .values(chunk.map((member) => ({ group_id: groupId, member_id: member.value, member_type: member.type })))
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      return added;
    },

    async remove(groupId, memberIds) {
      let removed = 0;
      const ids = distinct(memberIds).filter((id) => !containsNul(id));
      for (const chunk of chunked(ids, rowsPerStatement(ctx.dialect, 1))) {
        const result = await db
          .deleteFrom('group_members')
          .where('group_id', '=', groupId)
          .where('member_id', 'in', chunk)
          .executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      return removed;
    },

    async removeEverywhere(memberId) {
      const result = await db.deleteFrom('group_members').where('member_id', '=', memberId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    // "Make the membership exactly this set" as a set difference computed by the database, so
    // that only the rows that change are written: a PUT of a 100,000-member group that changes
    // one member deletes or inserts one row.
    replace: (groupId, members) => ctx.dialect.replaceMembers(db, groupId, distinctMembers(members)),

    async list(groupId, options) {
      const after = options.afterMemberId;
      const rows = await sql<{ member_id: string; member_type: MemberType; display: string | null }>`
        select m.member_id, m.member_type, coalesce(u.user_name, g.display_name) as display
        from group_members m
        left join users u on m.member_type = 'User' and u.id = m.member_id
        left join user_groups g on m.member_type = 'Group' and g.id = m.member_id
        where m.group_id = ${groupId}
          ${after === undefined ? sql`` : sql`and m.member_id > ${after}`}
          and (u.deleted_at is null)
        order by m.member_id
        limit ${Math.max(0, options.limit)}`.execute(db);
      return rows.rows.map((row): MemberView => ({
        value: row.member_id,
        type: row.member_type,
        display: row.display ?? row.member_id,
      }));
    },

    async count(groupId) {
      const result = await sql<{ total: number | string }>`
        select count(*) as total from group_members m
        where m.group_id = ${groupId}
          and not exists (select 1 from users u where u.id = m.member_id and u.deleted_at is not null)`.execute(db);
      return toNumber(result.rows[0]?.total ?? 0);
    },

    async resolveTypes(ids) {
      const types = new Map<string, MemberType>();
      const wanted = distinct(ids).filter((id) => !containsNul(id));
      if (wanted.length === 0) return types;
      if (ctx.lockRows) {
        // In a PostgreSQL write, the users and groups found are locked (FOR KEY SHARE) until the
        // commit: a concurrent DELETE of one of them waits for this membership to commit and
        // then removes it, or wins first and is not found here. Without the lock both commit and
        // the group keeps a member that no longer exists. (FOR KEY SHARE is not allowed with
        // UNION, hence two statements.)
        const users = await sql<{ id: string }>`
          select t.id from ${ctx.dialect.rowsWithIds('users', wanted, sql`t.deleted_at is null`)} for key share`.execute(
          db,
        );
        for (const row of users.rows) types.set(row.id, 'User');
        const groups = await sql<{
          id: string;
        }>`select t.id from ${ctx.dialect.rowsWithIds('user_groups', wanted)} for key share`.execute(db);
        for (const row of groups.rows) types.set(row.id, 'Group');
        return types;
      }
      const rows = await sql<{ id: string; type: MemberType }>`
        select t.id, 'User' as type from ${ctx.dialect.rowsWithIds('users', wanted, sql`t.deleted_at is null`)}
        union all
        select t.id, 'Group' as type from ${ctx.dialect.rowsWithIds('user_groups', wanted)}`.execute(db);
      for (const row of rows.rows) types.set(row.id, row.type);
      return types;
    },

    async typesOf(groupId, memberIds) {
      const types = new Map<string, MemberType>();
      const wanted = distinct(memberIds).filter((id) => !containsNul(id));
      if (wanted.length === 0) return types;
      // A soft-deleted user is no member as far as SCIM can see: it is left out, so that adding
      // it again is checked (and refused) like any id that is not a Library user.
      const notDeleted = sql`not exists (select 1 from users u where u.id = m.member_id and u.deleted_at is not null)`;
      const rows = await sql<{ member_id: string; member_type: MemberType }>`
        select m.member_id, m.member_type from ${ctx.dialect.membersWithIds(groupId, wanted, notDeleted)}`.execute(db);
      for (const row of rows.rows) types.set(row.member_id, row.member_type);
      return types;
    },

    async ancestorGroupIds(groupId) {
      if (ctx.lockRows) {
        // Two PostgreSQL transactions nesting groups at once (A into B, B into A; or around a
        // longer loop) would each check the nesting committed before either wrote, and both
        // pass. The check and the insert that follows are serialised by a transaction-scoped
        // advisory lock, one per schema; the query below then runs on a fresh snapshot (READ
        // COMMITTED) that includes every nesting committed before the lock was granted.
        await sql`select pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '') || ${GROUP_NESTING_LOCK}))`.execute(
          db,
        );
      }
      // UNION (not UNION ALL) drops rows already found, so a cycle cannot recurse forever.
      const rows = await sql<{ id: string }>`
        with recursive ancestors(id) as (
          select group_id from group_members where member_id = ${groupId} and member_type = 'Group'
          union
          select m.group_id from group_members m join ancestors a on m.member_id = a.id and m.member_type = 'Group'
        )
        select id from ancestors`.execute(db);
      return new Set(rows.rows.map((row) => row.id));
    },
  };
}
