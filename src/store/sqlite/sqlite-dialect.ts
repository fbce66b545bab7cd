/**
 * SQLite's side of the SQL the stores share (see `SqlDialect`): TEXT holding JSON read with the
 * JSON1 functions, booleans as 0/1, LIKE that ignores ASCII case, id lists as one JSON parameter
 * expanded by `json_each`.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MemberRef } from '../store.js';
import type { Expr, JsonRef, ReplaceOutcome, SqlDialect } from '../sql/sql-dialect.js';
import type { Database } from '../sql/tables.js';

const ISO_FORMAT = '%Y-%m-%dT%H:%M:%fZ';
const DATE_GLOB = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';
const DATE_TIME_GLOB = `${DATE_GLOB}T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*`;

/**
 * dateTime normalisation, the same function as `normalizeDateTime`
 * (`src/scim/filter/date-time-value.ts`): GLOB checks the shape, date() the calendar (it rolls
 * 2020-02-30 over, so the round trip fails), plain comparisons the time and zone ranges;
 * strftime() converts the zone to UTC. The fraction is cut to three digits first, so strftime's
 * rounding to milliseconds is exact. The text expression is evaluated once, as `t`.
 */
function normalizedDateTime(text: Expr): Expr {
  const zone = sql`CASE WHEN substr(t, -1) IN ('Z', 'z') THEN 'Z' WHEN substr(t, -6) GLOB '[+-][0-1][0-9]:[0-5][0-9]' AND substr(t, -5, 2) <= '14' THEN substr(t, -6) ELSE '' END`;
  return sql`(SELECT CASE
    WHEN t GLOB ${DATE_GLOB} AND substr(t, 1, 4) <> '0000' AND date(t) = t THEN strftime(${ISO_FORMAT}, t)
    WHEN t GLOB ${DATE_TIME_GLOB} AND substr(t, 1, 4) <> '0000' AND date(substr(t, 1, 10)) = substr(t, 1, 10)
      AND substr(t, 12, 2) <= '23' AND substr(t, 15, 2) <= '59' AND substr(t, 18, 2) <= '59'
      AND (f = '' OR (length(f) >= 2 AND substr(f, 1, 1) = '.' AND substr(f, 2) NOT GLOB '*[^0-9]*'))
      THEN strftime(${ISO_FORMAT}, substr(t, 1, 19) || substr(f, 1, 4) || z)
  END FROM (SELECT t, z, substr(t, 20, length(t) - 19 - length(z)) AS f FROM (SELECT t, ${zone} AS z FROM (SELECT ${text} AS t))))`;
}

function checkKey(key: string): string {
  if (key.includes('"') || key.includes('\\')) {
    throw new Error(`Attribute key ${JSON.stringify(key)} cannot be addressed in a JSON path.`);
  }
  return key;
}

/** A JSON value as the document expression and a JSON path (itself SQL, so that `json_each(...).fullkey` works). */
class SqliteJsonRef implements JsonRef {
  constructor(
    private readonly doc: Expr,
    private readonly path: Expr,
  ) {}

  private type(): Expr {
    return sql`json_type(${this.doc}, ${this.path})`;
  }

  private element(alias: string): SqliteJsonRef {
    return new SqliteJsonRef(this.doc, sql.raw(`${alias}.fullkey`));
  }

  child(key: string): JsonRef {
    return new SqliteJsonRef(this.doc, sql`(${this.path} || ${`."${checkKey(key)}"`})`);
  }

  text(): Expr {
    return sql`(CASE WHEN ${this.type()} = 'text' THEN json_extract(${this.doc}, ${this.path}) END)`;
  }

  number(): Expr {
    return sql`(CASE WHEN ${this.type()} IN ('integer', 'real') THEN json_extract(${this.doc}, ${this.path}) END)`;
  }

  boolean(): Expr {
    return sql`(CASE ${this.type()} WHEN 'true' THEN 1 WHEN 'false' THEN 0 WHEN 'text' THEN (CASE lower(json_extract(${this.doc}, ${this.path})) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END) END)`;
  }

  dateTime(): Expr {
    return normalizedDateTime(this.text());
  }

  isObject(): Expr {
    return sql`(${this.type()} = 'object')`;
  }

  present(depth: number): Expr {
    const alias = `scim_pr${depth}`;
    const container =
      depth > 0
        ? sql`EXISTS (SELECT 1 FROM json_each(${this.doc}, ${this.path}) AS ${sql.raw(alias)} WHERE ${this.element(alias).present(depth - 1)})`
        : sql`EXISTS (SELECT 1 FROM json_each(${this.doc}, ${this.path}))`;
    return sql`(CASE ${this.type()} WHEN 'null' THEN 0 WHEN 'text' THEN json_extract(${this.doc}, ${this.path}) <> '' WHEN 'array' THEN ${container} WHEN 'object' THEN ${container} ELSE ${this.type()} IS NOT NULL END)`;
  }

  existsElement(alias: string, condition: (element: JsonRef) => Expr): Expr {
    return sql`(${this.type()} = 'array' AND EXISTS (SELECT 1 FROM json_each(${this.doc}, ${this.path}) AS ${sql.raw(alias)} WHERE ${condition(this.element(alias))}))`;
  }

  firstElement(alias: string, rank: (element: JsonRef) => Expr, select: (element: JsonRef) => Expr): Expr {
    // The ranking is computed in a derived table: SQLite cannot see outer columns from a
    // subquery's ORDER BY.
    const element = this.element(alias);
    return sql`(SELECT scim_value FROM (SELECT ${select(element)} AS scim_value, ${rank(element)} AS scim_rank, ${sql.raw(`${alias}.key`)} AS scim_position FROM json_each(${this.doc}, ${this.path}) AS ${sql.raw(alias)} WHERE ${this.type()} = 'array') ORDER BY scim_rank, scim_position LIMIT 1)`;
  }
}

/**
 * The wanted set travels as ONE JSON parameter that json_each expands (no bound-parameter limit,
 * and no per-parameter query-compilation cost for 100,000 members), then one DELETE ... NOT IN and
 * one INSERT ... SELECT ... WHERE NOT EXISTS.
 */
async function replaceMembers(
  db: Kysely<Database>,
  groupId: string,
  members: readonly MemberRef[],
): Promise<ReplaceOutcome> {
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

export const SQLITE_DIALECT: SqlDialect = {
  name: 'sqlite',
  columns: {
    text: 'text',
    json: 'text',
    boolean: 'integer',
    real: 'real',
    identity: (column) => column.primaryKey().autoIncrement(),
    identityType: 'integer',
  },
  lockRowsInWrites: false,
  // better-sqlite3's SQLite accepts 32,766 bound parameters per statement.
  parameterBudget: 9_000,
  encodeBoolean: (value) => (value ? 1 : 0),
  textParameter: (value) => sql`${value}`,
  numberParameter: (value) => sql`${value}`,
  booleanParameter: (value) => sql`${value ? 1 : 0}`,
  isTrue: (expr) => sql`(${expr} = 1)`,
  // SQLite's lower() folds ASCII letters only.
  foldCase: (expr) => sql`lower(${expr})`,
  codePointOrder: (expr) => expr,
  caseExactSubstring(op, text, value) {
    // SQLite's LIKE ignores ASCII case, so case-exact substring tests use instr/substr.
    if (op === 'co') return sql`(instr(${text}, ${value}) > 0)`;
    if (op === 'sw') return sql`(instr(${text}, ${value}) = 1)`;
    return sql`(length(${text}) >= length(${value}) AND substr(${text}, -length(${value})) = ${value})`;
  },
  normalizedDateTime,
  documentRef: (doc, keys) => new SqliteJsonRef(doc, sql`${`$${keys.map((key) => `."${checkKey(key)}"`).join('')}`}`),
  // The planner walks the list and probes the id index (CROSS JOIN fixes that order; left to
  // itself it may scan the table instead).
  rowsWithIds: (table, ids, condition) =>
    sql`json_each(${JSON.stringify(ids)}) as wanted cross join ${sql.table(table)} as t on t.id = wanted.value${condition === undefined ? sql`` : sql` where ${condition}`}`,
  membersWithIds: (groupId, ids, condition) =>
    sql`json_each(${JSON.stringify(ids)}) as wanted cross join group_members m on m.group_id = ${groupId} and m.member_id = wanted.value where ${condition}`,
  replaceMembers,
};
