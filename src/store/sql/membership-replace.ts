/**
 * "Make the membership exactly this set" as a set difference computed by the database, so that
 * only the rows that change are written: a PUT of a 100,000-member group that changes one member
 * deletes or inserts one row.
 *
 * - SQLite: the wanted set is one JSON parameter expanded by json_each, then one DELETE ... NOT IN
 *   and one INSERT ... SELECT ... WHERE NOT EXISTS.
 * - PostgreSQL: one statement over `unnest($ids::text[], $types::text[])` with data-modifying CTEs.
 */
import { sql } from 'kysely';
import type { MemberRef } from '../store.js';
import { toNumber } from './row-codec.js';
import type { SqlContext } from './sql-context.js';

export interface ReplaceOutcome {
  added: number;
  removed: number;
}

/** The first occurrence of each member id wins. */
export function distinctMembers(members: readonly MemberRef[]): MemberRef[] {
  const seen = new Map<string, MemberRef>();
  for (const member of members) if (!seen.has(member.value)) seen.set(member.value, member);
  return [...seen.values()];
}

async function replaceInSqlite(ctx: SqlContext, groupId: string, members: MemberRef[]): Promise<ReplaceOutcome> {
  const { db } = ctx;
  // The wanted set travels as ONE JSON parameter that json_each expands: no bound-parameter
  // limit, and no per-parameter query-compilation cost for 100,000 members.
  const wanted = JSON.stringify(members.map((member) => [member.value, member.type]));
  const rows = sql`select json_extract(value, '$[0]') as member_id, json_extract(value, '$[1]') as member_type from json_each(${wanted})`;
  const removed = await sql`
    delete from group_members
    where group_id = ${groupId}
      and member_id not in (select member_id from (${rows}))`.execute(db);
  const added = await sql`
    insert into group_members (group_id, member_id, member_type)
    select ${groupId}, r.member_id, r.member_type from (${rows}) r
    where not exists (select 1 from group_members g where g.group_id = ${groupId} and g.member_id = r.member_id)
    on conflict do nothing`.execute(db);
  return { added: Number(added.numAffectedRows ?? 0n), removed: Number(removed.numAffectedRows ?? 0n) };
}

async function replaceInPostgres(ctx: SqlContext, groupId: string, members: MemberRef[]): Promise<ReplaceOutcome> {
  const ids = members.map((member) => member.value);
  const types = members.map((member) => member.type);
  // Both CTEs see the rows as they were before the statement: the DELETE removes what is not
  // wanted, the INSERT adds what is wanted and missing; ON CONFLICT covers a concurrent insert.
  const result = await sql<{ added: number | string; removed: number | string }>`
    with wanted as (
      select member_id, member_type from unnest(${ids}::text[], ${types}::text[]) as w(member_id, member_type)
    ),
    removed as (
      delete from group_members g
      where g.group_id = ${groupId}
        and not exists (select 1 from wanted w where w.member_id = g.member_id)
      returning 1
    ),
    added as (
      insert into group_members (group_id, member_id, member_type)
      select ${groupId}, w.member_id, w.member_type from wanted w
      where not exists (select 1 from group_members g where g.group_id = ${groupId} and g.member_id = w.member_id)
      on conflict do nothing
      returning 1
    )
    select (select count(*) from added) as added, (select count(*) from removed) as removed`.execute(ctx.db);
  const row = result.rows[0];
  return { added: toNumber(row?.added ?? 0), removed: toNumber(row?.removed ?? 0) };
}

export function replaceMembers(
  ctx: SqlContext,
  groupId: string,
  members: readonly MemberRef[],
): Promise<ReplaceOutcome> {
  const wanted = distinctMembers(members);
  return ctx.dialect === 'sqlite' ? replaceInSqlite(ctx, groupId, wanted) : replaceInPostgres(ctx, groupId, wanted);
}
