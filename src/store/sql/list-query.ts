/**
 * The SCIM list query shared by users and groups: the WHERE compiled from the filter, the order
 * (`seq`, or the sort key then `seq`), index paging by OFFSET, keyset paging by `seq > cursor`,
 * and the total from `COUNT(*)` with the same WHERE (never by loading rows).
 */
import { sql } from 'kysely';
import type { RawBuilder, Selectable, SqlBool } from 'kysely';
import type { ResourceTypeName } from '../../scim/schemas/types.js';
import type { ListQuery } from '../store.js';
import { compileFilter, compileSortKey } from './filter-sql.js';
import { toNumber } from './row-codec.js';
import type { SqlContext } from './sql-context.js';
import type { Database } from './tables.js';

export interface ListSpec<Table extends 'users' | 'user_groups' = 'users' | 'user_groups'> {
  table: Table;
  resourceType: ResourceTypeName;
  /** Conditions besides the filter, such as hiding soft-deleted users. */
  conditions: RawBuilder<SqlBool>[];
  query: ListQuery;
}

function whereClause(conditions: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  if (conditions.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`${sql.join(
    conditions.map((condition) => sql`(${condition})`),
    sql` and `,
  )}`;
}

/**
 * Resources without a value for the sort key come last when ascending and first when
 * descending (RFC 7644 section 3.4.2.3), the same in both databases; `seq` breaks ties.
 */
function orderClause(ctx: SqlContext, spec: ListSpec): RawBuilder<unknown> {
  const seq = sql.ref(`${spec.table}.seq`);
  const sort = spec.query.sort;
  if (!sort) return sql`${seq} asc`;
  const key = compileSortKey(sort.attr, { dialect: ctx.dialect, resourceType: spec.resourceType });
  const direction = sort.descending ? sql`desc` : sql`asc`;
  return sql`case when ${key} is null then 1 else 0 end ${direction}, ${key} ${direction}, ${seq} asc`;
}

/**
 * True when no row can be at `offset`: at or past a known total, or beyond any integer the
 * databases bind exactly (a client's `startIndex=1e20` or `9223372036854775808` would otherwise
 * reach OFFSET as a float or an out-of-range bigint and fail the query).
 */
export function pastTheEnd(offset: number, total: number): boolean {
  if (!Number.isSafeInteger(offset)) return true;
  return total >= 0 && offset >= total;
}

/** The rows of a SCIM list, as the table stores them. */
export async function listRows<Table extends 'users' | 'user_groups'>(
  ctx: SqlContext,
  spec: ListSpec<Table>,
): Promise<{ total: number; rows: Selectable<Database[Table]>[] }> {
  const { query } = spec;
  const table = sql.table(spec.table);
  const matching = [...spec.conditions];
  if (query.filter) {
    matching.push(compileFilter(query.filter, { dialect: ctx.dialect, resourceType: spec.resourceType }));
  }

  let total = -1;
  if (!query.withoutTotal) {
    const counted = await sql<{
      total: number | bigint | string;
    }>`select count(*) as total from ${table} where ${whereClause(matching)}`.execute(ctx.db);
    total = toNumber(counted.rows[0]?.total ?? 0);
  }
  if (query.limit <= 0) return { total, rows: [] };
  const offset = Math.max(0, query.offset ?? 0);
  if (pastTheEnd(offset, total)) return { total, rows: [] };

  const paged = [...matching];
  if (query.afterSeq !== undefined) paged.push(sql<SqlBool>`${sql.ref(`${spec.table}.seq`)} > ${query.afterSeq}`);
  const result = await sql<
    Selectable<Database[Table]>
  >`select ${sql.table(spec.table)}.* from ${table} where ${whereClause(paged)} order by ${orderClause(
    ctx,
    spec,
  )} limit ${query.limit} offset ${offset}`.execute(ctx.db);
  return { total, rows: result.rows };
}
