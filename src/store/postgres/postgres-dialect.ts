/**
 * PostgreSQL's side of the SQL the stores share (see `SqlDialect`): JSONB documents, BOOLEAN
 * columns, `text COLLATE "C"` columns, typed parameters, id lists as one array parameter.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { DATE_TIME_PATTERN } from '../../scim/filter/date-time-value.js';
import type { MemberRef } from '../store.js';
import { toNumber } from '../sql/row-codec.js';
import type { Expr, JsonRef, ReplaceOutcome, SqlDialect } from '../sql/sql-dialect.js';
import type { Database } from '../sql/tables.js';

/** A zone at the end of the text. */
const ZONE_SUFFIX = '([Zz]|[+-][0-9]{2}:[0-9]{2})$';
/** Digits of the fraction beyond milliseconds, which are truncated. */
const EXTRA_FRACTION = '^([^.]*\\.[0-9]{3})[0-9]+';

/**
 * dateTime normalisation, the same function as `normalizeDateTime`
 * (`src/scim/filter/date-time-value.ts`): the shared regular expression checks everything
 * (calendar included) before the cast, so the cast cannot fail; a missing zone is UTC whatever
 * the session's TimeZone. The text expression is evaluated once, as `t`.
 */
function normalizedDateTime(text: Expr): Expr {
  const truncated = sql`regexp_replace(t, ${EXTRA_FRACTION}, ${'\\1'})`;
  const withZone = sql`(CASE WHEN length(t) = 10 THEN t || 'T00:00:00Z' WHEN t ~ ${ZONE_SUFFIX} THEN ${truncated} ELSE ${truncated} || 'Z' END)`;
  return sql`(SELECT CASE WHEN t ~ ${DATE_TIME_PATTERN} THEN to_char(CAST(${withZone} AS timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END FROM (SELECT CAST(${text} AS text) AS t) AS scim_dt)`;
}

/** A JSON value as a jsonb expression. */
class PostgresJsonRef implements JsonRef {
  constructor(private readonly value: Expr) {}

  private type(): Expr {
    return sql`jsonb_typeof(${this.value})`;
  }

  private arrayValue(): Expr {
    return sql`(CASE WHEN ${this.type()} = 'array' THEN ${this.value} END)`;
  }

  child(key: string): JsonRef {
    return new PostgresJsonRef(sql`(${this.value} -> CAST(${key} AS text))`);
  }

  text(): Expr {
    return sql`(CASE WHEN ${this.type()} = 'string' THEN ${this.value} #>> '{}' END)`;
  }

  number(): Expr {
    return sql`(CASE WHEN ${this.type()} = 'number' THEN CAST(${this.value} #>> '{}' AS numeric) END)`;
  }

  boolean(): Expr {
    return sql`(CASE ${this.type()} WHEN 'boolean' THEN CAST(${this.value} #>> '{}' AS boolean) WHEN 'string' THEN (CASE lower(${this.value} #>> '{}') WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END) END)`;
  }

  dateTime(): Expr {
    return normalizedDateTime(this.text());
  }

  isObject(): Expr {
    return sql`(${this.type()} = 'object')`;
  }

  present(depth: number): Expr {
    const alias = sql.raw(`scim_pr${depth}`);
    const child = new PostgresJsonRef(sql.raw(`scim_pr${depth}.value`));
    const objectValue = sql`(CASE WHEN ${this.type()} = 'object' THEN ${this.value} END)`;
    const inArray =
      depth > 0
        ? sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${this.arrayValue()}) AS ${alias}(value) WHERE ${child.present(depth - 1)})`
        : sql`(jsonb_array_length(${this.arrayValue()}) > 0)`;
    const inObject =
      depth > 0
        ? sql`EXISTS (SELECT 1 FROM jsonb_each(${objectValue}) AS ${alias}(key, value) WHERE ${child.present(depth - 1)})`
        : sql`EXISTS (SELECT 1 FROM jsonb_each(${objectValue}))`;
    return sql`(CASE ${this.type()} WHEN 'null' THEN FALSE WHEN 'string' THEN (${this.value} #>> '{}') <> '' WHEN 'array' THEN ${inArray} WHEN 'object' THEN ${inObject} ELSE ${this.value} IS NOT NULL END)`;
  }

  existsElement(alias: string, condition: (element: JsonRef) => Expr): Expr {
    const element = new PostgresJsonRef(sql.raw(`${alias}.value`));
    return sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${this.arrayValue()}) AS ${sql.raw(alias)}(value) WHERE ${condition(element)})`;
  }

  firstElement(alias: string, rank: (element: JsonRef) => Expr, select: (element: JsonRef) => Expr): Expr {
    const element = new PostgresJsonRef(sql.raw(`${alias}.value`));
    return sql`(SELECT scim_value FROM (SELECT ${select(element)} AS scim_value, ${rank(element)} AS scim_rank, ${sql.raw(`${alias}.position`)} AS scim_position FROM jsonb_array_elements(${this.arrayValue()}) WITH ORDINALITY AS ${sql.raw(alias)}(value, position)) AS scim_ranked ORDER BY scim_rank, scim_position LIMIT 1)`;
  }
}

/**
 * One statement over `unnest($ids::text[], $types::text[])` with data-modifying CTEs. Both CTEs
 * see the rows as they were before the statement: the DELETE removes what is not wanted, the
 * INSERT adds what is wanted and missing; ON CONFLICT covers a concurrent insert.
 */
async function replaceMembers(
  db: Kysely<Database>,
  groupId: string,
  members: readonly MemberRef[],
): Promise<ReplaceOutcome> {
  const ids = members.map((member) => member.value);
  const types = members.map((member) => member.type);
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
    select (select count(*) from added) as added, (select count(*) from removed) as removed`.execute(db);
  const row = result.rows[0];
  return { added: toNumber(row?.added ?? 0), removed: toNumber(row?.removed ?? 0) };
}

export const POSTGRES_DIALECT: SqlDialect = {
  name: 'postgres',
  columns: {
    text: sql`text collate "C"`,
    json: 'jsonb',
    boolean: 'boolean',
    real: 'double precision',
    identity: (column) => column.primaryKey().generatedAlwaysAsIdentity(),
    identityType: 'bigint',
  },
  lockRowsInWrites: true,
  // The protocol allows 65,535 bound parameters per statement.
  parameterBudget: 30_000,
  encodeBoolean: (value) => value,
  textParameter: (value) => sql`CAST(${value} AS text)`,
  numberParameter: (value) => sql`CAST(${String(value)} AS numeric)`,
  booleanParameter: (value) => sql`CAST(${value ? 'true' : 'false'} AS boolean)`,
  isTrue: (expr) => sql`(${expr} IS TRUE)`,
  // lower() follows the collation of its argument, and the store's text columns are
  // `COLLATE "C"` (ASCII-only folding) while parameters and JSON text use the database default;
  // folding everything under the default collation makes both sides agree (and folds non-ASCII
  // letters when the database's ctype is a UTF-8 locale).
  foldCase: (expr) => sql`lower((${expr}) COLLATE "default")`,
  // The database's default collation may be linguistic.
  codePointOrder: (expr) => sql`(${expr}) COLLATE "C"`,
  // LIKE is case-exact in PostgreSQL.
  caseExactSubstring: () => undefined,
  normalizedDateTime,
  documentRef: (doc, keys) =>
    new PostgresJsonRef(keys.length === 0 ? doc : sql`(${doc} #> CAST(${[...keys]} AS text[]))`),
  rowsWithIds: (table, ids, condition) =>
    sql`${sql.table(table)} as t where t.id = any(${[...ids]}::text[])${condition === undefined ? sql`` : sql` and ${condition}`}`,
  membersWithIds: (groupId, ids, condition) =>
    sql`group_members m where m.group_id = ${groupId} and m.member_id = any(${[...ids]}::text[]) and ${condition}`,
  replaceMembers,
};
