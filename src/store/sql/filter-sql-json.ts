/**
 * JSON access for the filter compiler, per dialect. A `JsonRef` names one JSON value inside a
 * row's `resource` document:
 * - SQLite (TEXT holding JSON): the document and a JSON path, itself an SQL expression so that
 *   array elements can be addressed by `json_each(...).fullkey`;
 * - PostgreSQL (JSONB): a jsonb expression.
 *
 * Paths are bound parameters (`$."name"."givenName"` or `{name,givenName}`), never SQL text.
 * Typed accessors yield NULL when the value is absent or of another JSON type, so that a string
 * comparison never matches a number and no cast can fail.
 */
import { sql } from 'kysely';
import { normalizedDateTimeSql } from './filter-sql-date-time.js';
import type { Expr, Operand } from './filter-sql-operand.js';
import type { AttributeType } from '../../scim/schemas/types.js';
import type { StoreDialect } from '../store.js';

export type JsonRef = { dialect: 'sqlite'; doc: Expr; path: Expr } | { dialect: 'postgres'; value: Expr };

function checkKey(key: string): string {
  if (key.includes('"') || key.includes('\\')) {
    throw new Error(`Attribute key ${JSON.stringify(key)} cannot be addressed in a JSON path.`);
  }
  return key;
}

/** The JSON value at `keys` in the document expression `doc`. */
export function documentRef(dialect: StoreDialect, doc: Expr, keys: readonly string[]): JsonRef {
  if (dialect === 'sqlite') {
    const path = `$${keys.map((key) => `."${checkKey(key)}"`).join('')}`;
    return { dialect, doc, path: sql`${path}` };
  }
  return { dialect, value: keys.length === 0 ? doc : sql`(${doc} #> CAST(${[...keys]} AS text[]))` };
}

/** The member `key` of the object at `ref`. */
export function childRef(ref: JsonRef, key: string): JsonRef {
  if (ref.dialect === 'sqlite') return { ...ref, path: sql`(${ref.path} || ${`."${checkKey(key)}"`})` };
  return { ...ref, value: sql`(${ref.value} -> CAST(${key} AS text))` };
}

/**
 * `EXISTS` an element of the array at `ref` satisfying `condition`; false when the value is not
 * an array. `alias` must be unique among the enclosing element scopes.
 */
export function existsElement(ref: JsonRef, alias: string, condition: (element: JsonRef) => Expr): Expr {
  const name = sql.raw(alias);
  if (ref.dialect === 'sqlite') {
    const element: JsonRef = { dialect: 'sqlite', doc: ref.doc, path: sql.raw(`${alias}.fullkey`) };
    return sql`(json_type(${ref.doc}, ${ref.path}) = 'array' AND EXISTS (SELECT 1 FROM json_each(${ref.doc}, ${ref.path}) AS ${name} WHERE ${condition(element)}))`;
  }
  const element: JsonRef = { dialect: 'postgres', value: sql.raw(`${alias}.value`) };
  return sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${ref.value}) = 'array' THEN ${ref.value} END) AS ${name}(value) WHERE ${condition(element)})`;
}

/**
 * The first element of the array at `ref` in the order given by `rank` (lower first), then by
 * position; yields `select(element)` of that element, or NULL. (The ranking is computed in a
 * derived table: SQLite cannot see outer columns from a subquery's ORDER BY.)
 */
export function firstElement(
  ref: JsonRef,
  alias: string,
  rank: (element: JsonRef) => Expr,
  select: (element: JsonRef) => Expr,
): Expr {
  const name = sql.raw(alias);
  if (ref.dialect === 'sqlite') {
    const element: JsonRef = { dialect: 'sqlite', doc: ref.doc, path: sql.raw(`${alias}.fullkey`) };
    return sql`(SELECT scim_value FROM (SELECT ${select(element)} AS scim_value, ${rank(element)} AS scim_rank, ${sql.raw(`${alias}.key`)} AS scim_position FROM json_each(${ref.doc}, ${ref.path}) AS ${name} WHERE json_type(${ref.doc}, ${ref.path}) = 'array') ORDER BY scim_rank, scim_position LIMIT 1)`;
  }
  const element: JsonRef = { dialect: 'postgres', value: sql.raw(`${alias}.value`) };
  return sql`(SELECT scim_value FROM (SELECT ${select(element)} AS scim_value, ${rank(element)} AS scim_rank, ${sql.raw(`${alias}.position`)} AS scim_position FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${ref.value}) = 'array' THEN ${ref.value} END) WITH ORDINALITY AS ${name}(value, position)) AS scim_ranked ORDER BY scim_rank, scim_position LIMIT 1)`;
}

/** The value as text when it is a JSON string, else NULL. */
export function jsonText(ref: JsonRef): Expr {
  if (ref.dialect === 'sqlite')
    return sql`(CASE WHEN json_type(${ref.doc}, ${ref.path}) = 'text' THEN json_extract(${ref.doc}, ${ref.path}) END)`;
  return sql`(CASE WHEN jsonb_typeof(${ref.value}) = 'string' THEN ${ref.value} #>> '{}' END)`;
}

/** The value when it is a JSON number, else NULL (numeric in PostgreSQL). */
export function jsonNumber(ref: JsonRef): Expr {
  if (ref.dialect === 'sqlite') {
    return sql`(CASE WHEN json_type(${ref.doc}, ${ref.path}) IN ('integer', 'real') THEN json_extract(${ref.doc}, ${ref.path}) END)`;
  }
  return sql`(CASE WHEN jsonb_typeof(${ref.value}) = 'number' THEN CAST(${ref.value} #>> '{}' AS numeric) END)`;
}

/** A JSON boolean, or the text "true"/"false" in any case, as 1/0 (SQLite) or BOOLEAN; else NULL. */
export function jsonBoolean(ref: JsonRef): Expr {
  if (ref.dialect === 'sqlite') {
    return sql`(CASE json_type(${ref.doc}, ${ref.path}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 WHEN 'text' THEN (CASE lower(json_extract(${ref.doc}, ${ref.path})) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END) END)`;
  }
  return sql`(CASE jsonb_typeof(${ref.value}) WHEN 'boolean' THEN CAST(${ref.value} #>> '{}' AS boolean) WHEN 'string' THEN (CASE lower(${ref.value} #>> '{}') WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END) END)`;
}

/** The typed operand of a simple attribute stored at `ref`. */
export function jsonOperand(ref: JsonRef, type: Exclude<AttributeType, 'complex'>, caseExact: boolean): Operand {
  switch (type) {
    case 'boolean':
      return { kind: 'boolean', expr: jsonBoolean(ref) };
    case 'integer':
    case 'decimal':
      return { kind: 'number', expr: jsonNumber(ref) };
    case 'dateTime':
      return { kind: 'dateTime', expr: normalizedDateTimeSql(jsonText(ref), ref.dialect) };
    case 'binary':
      return { kind: 'text', expr: jsonText(ref), caseExact: true };
    default:
      return { kind: 'text', expr: jsonText(ref), caseExact };
  }
}

/**
 * RFC 7644 `pr` on the JSON value at `ref`: not null, not "", and for arrays and objects a
 * present member, looking `depth` levels down (at depth 0 a non-empty container is present).
 * Mirrors `isPresentValue` of the in-memory evaluator.
 */
export function jsonPresent(ref: JsonRef, depth: number): Expr {
  const alias = sql.raw(`scim_pr${depth}`);
  if (ref.dialect === 'sqlite') {
    const { doc, path } = ref;
    const child: JsonRef = { dialect: 'sqlite', doc, path: sql.raw(`scim_pr${depth}.fullkey`) };
    const container =
      depth > 0
        ? sql`EXISTS (SELECT 1 FROM json_each(${doc}, ${path}) AS ${alias} WHERE ${jsonPresent(child, depth - 1)})`
        : sql`EXISTS (SELECT 1 FROM json_each(${doc}, ${path}))`;
    return sql`(CASE json_type(${doc}, ${path}) WHEN 'null' THEN 0 WHEN 'text' THEN json_extract(${doc}, ${path}) <> '' WHEN 'array' THEN ${container} WHEN 'object' THEN ${container} ELSE json_type(${doc}, ${path}) IS NOT NULL END)`;
  }
  const value = ref.value;
  const child: JsonRef = { dialect: 'postgres', value: sql.raw(`scim_pr${depth}.value`) };
  const arrayValue = sql`(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ${value} END)`;
  const objectValue = sql`(CASE WHEN jsonb_typeof(${value}) = 'object' THEN ${value} END)`;
  const inArray =
    depth > 0
      ? sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${arrayValue}) AS ${alias}(value) WHERE ${jsonPresent(child, depth - 1)})`
      : sql`(jsonb_array_length(${arrayValue}) > 0)`;
  const inObject =
    depth > 0
      ? sql`EXISTS (SELECT 1 FROM jsonb_each(${objectValue}) AS ${alias}(key, value) WHERE ${jsonPresent(child, depth - 1)})`
      : sql`EXISTS (SELECT 1 FROM jsonb_each(${objectValue}))`;
  return sql`(CASE jsonb_typeof(${value}) WHEN 'null' THEN FALSE WHEN 'string' THEN (${value} #>> '{}') <> '' WHEN 'array' THEN ${inArray} WHEN 'object' THEN ${inObject} ELSE ${value} IS NOT NULL END)`;
}

/** True when the value at `ref` is a JSON object. */
export function jsonIsObject(ref: JsonRef): Expr {
  if (ref.dialect === 'sqlite') return sql`(json_type(${ref.doc}, ${ref.path}) = 'object')`;
  return sql`(jsonb_typeof(${ref.value}) = 'object')`;
}
