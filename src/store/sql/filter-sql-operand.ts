/**
 * Typed SQL operands of the filter compiler and the comparisons on them. An operand is an SQL
 * expression that yields the attribute's value in one comparable form (text, number, boolean as
 * 1/0 or BOOLEAN, normalised dateTime text) or NULL when the stored value is absent or of another
 * type. Comparisons may yield NULL; the compiler wraps every leaf in COALESCE(..., FALSE).
 *
 * Every value from a filter is a bound parameter. `sql.raw` is used only for fixed SQL text.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CompareOp } from '../../scim/filter/ast.js';
import { compareCodePoints } from '../../scim/filter/filter-attribute.js';
import type { StoreDialect } from '../store.js';

export type Expr = RawBuilder<unknown>;

export type Operand =
  /** Text. `folded`: the column already holds `toLowerCase()` of the value (`*_key` columns). */
  | { kind: 'text'; expr: Expr; caseExact: boolean; folded?: boolean }
  | { kind: 'number'; expr: Expr }
  /** 1/0 in SQLite, BOOLEAN in PostgreSQL. */
  | { kind: 'boolean'; expr: Expr }
  /** Canonical dateTime text (`normalizeDateTime`), compared as text. */
  | { kind: 'dateTime'; expr: Expr }
  /** A value known without reading the row (meta.resourceType). */
  | { kind: 'constant'; value: string; caseExact: boolean };

export type OrderOp = Exclude<CompareOp, 'ne'>;

export const TRUE_SQL: Expr = sql`TRUE`;
export const FALSE_SQL: Expr = sql`FALSE`;

/** Escape `%`, `_` and `\` for `LIKE ... ESCAPE '\'`. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function likePattern(op: 'co' | 'sw' | 'ew', value: string): string {
  const escaped = escapeLike(value);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
}

const SQL_OPERATOR: Readonly<Record<'eq' | 'gt' | 'ge' | 'lt' | 'le', string>> = {
  eq: '=',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

/** A text parameter; typed in PostgreSQL, where `lower($1)` alone would be ambiguous. */
export function textParam(value: string, dialect: StoreDialect): Expr {
  return dialect === 'postgres' ? sql`CAST(${value} AS text)` : sql`${value}`;
}

/**
 * Case folding in SQL. In PostgreSQL `lower()` follows the collation of its argument, and the
 * store's text columns are `COLLATE "C"` (ASCII-only folding) while parameters and JSON text use
 * the database default; folding everything under the default collation makes both sides agree
 * (and fold non-ASCII letters when the database's ctype is a UTF-8 locale). SQLite's `lower()`
 * folds ASCII letters only.
 */
export function foldCase(expr: Expr, dialect: StoreDialect): Expr {
  return dialect === 'postgres' ? sql`lower((${expr}) COLLATE "default")` : sql`lower(${expr})`;
}

/** Text ordering by code point in both databases (PostgreSQL's default collation may be linguistic). */
export function codePointOrder(expr: Expr, dialect: StoreDialect): Expr {
  return dialect === 'postgres' ? sql`(${expr}) COLLATE "C"` : expr;
}

function compareText(
  operand: Extract<Operand, { kind: 'text' }>,
  op: OrderOp,
  value: string,
  dialect: StoreDialect,
): Expr {
  const folded = operand.folded === true;
  const insensitive = !operand.caseExact && !folded;
  const left = insensitive ? foldCase(operand.expr, dialect) : operand.expr;
  const param = (text: string): Expr =>
    insensitive ? foldCase(textParam(text, dialect), dialect) : textParam(folded ? text.toLowerCase() : text, dialect);
  if (op === 'co' || op === 'sw' || op === 'ew') {
    if (value === '') return sql`(${operand.expr} IS NOT NULL)`;
    if (dialect === 'sqlite' && operand.caseExact && !folded) {
      // SQLite's LIKE ignores ASCII case, so case-exact substring tests use instr/substr.
      if (op === 'co') return sql`(instr(${left}, ${value}) > 0)`;
      if (op === 'sw') return sql`(instr(${left}, ${value}) = 1)`;
      return sql`(length(${left}) >= length(${value}) AND substr(${left}, -length(${value})) = ${value})`;
    }
    return sql`(${left} LIKE ${param(likePattern(op, value))} ESCAPE '\\')`;
  }
  if (op === 'eq') return sql`(${left} = ${param(value)})`;
  return sql`(${codePointOrder(left, dialect)} ${sql.raw(SQL_OPERATOR[op])} ${codePointOrder(param(value), dialect)})`;
}

function compareConstant(operand: Extract<Operand, { kind: 'constant' }>, op: OrderOp, value: string): Expr {
  const actual = operand.caseExact ? operand.value : operand.value.toLowerCase();
  const expected = operand.caseExact ? value : value.toLowerCase();
  let result: boolean;
  switch (op) {
    case 'co':
      result = actual.includes(expected);
      break;
    case 'sw':
      result = actual.startsWith(expected);
      break;
    case 'ew':
      result = actual.endsWith(expected);
      break;
    case 'eq':
      result = actual === expected;
      break;
    default: {
      const order = compareCodePoints(actual, expected);
      result = op === 'gt' ? order > 0 : op === 'ge' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
    }
  }
  return result ? TRUE_SQL : FALSE_SQL;
}

/**
 * `operand op value`, where the resolver has already checked that `op` suits the type and
 * converted `value`. The result may be NULL (absent value).
 */
export function compareOperand(
  operand: Operand,
  op: OrderOp,
  value: string | number | boolean,
  dialect: StoreDialect,
): Expr {
  switch (operand.kind) {
    case 'constant':
      return typeof value === 'string' ? compareConstant(operand, op, value) : FALSE_SQL;
    case 'text':
      return typeof value === 'string' ? compareText(operand, op, value, dialect) : FALSE_SQL;
    case 'dateTime':
      if (typeof value !== 'string' || op === 'co' || op === 'sw' || op === 'ew') return FALSE_SQL;
      return sql`(${codePointOrder(operand.expr, dialect)} ${sql.raw(SQL_OPERATOR[op])} ${codePointOrder(textParam(value, dialect), dialect)})`;
    case 'number': {
      if (typeof value !== 'number' || op === 'co' || op === 'sw' || op === 'ew') return FALSE_SQL;
      const param = dialect === 'postgres' ? sql`CAST(${String(value)} AS numeric)` : sql`${value}`;
      return sql`(${operand.expr} ${sql.raw(SQL_OPERATOR[op])} ${param})`;
    }
    case 'boolean': {
      if (typeof value !== 'boolean' || op !== 'eq') return FALSE_SQL;
      const param = dialect === 'postgres' ? sql`CAST(${value ? 'true' : 'false'} AS boolean)` : sql`${value ? 1 : 0}`;
      return sql`(${operand.expr} = ${param})`;
    }
  }
}

/** Presence of an operand's value (`pr` on a column or a typed JSON value). */
export function operandPresent(operand: Operand): Expr {
  switch (operand.kind) {
    case 'constant':
      return operand.value === '' ? FALSE_SQL : TRUE_SQL;
    case 'text':
      return sql`(${operand.expr} IS NOT NULL AND ${operand.expr} <> '')`;
    default:
      return sql`(${operand.expr} IS NOT NULL)`;
  }
}

/** The expression a sort orders by: text case-folded unless caseExact, in code-point order. */
export function operandSortKey(operand: Operand, dialect: StoreDialect): Expr {
  switch (operand.kind) {
    case 'constant':
      return sql`${operand.value}`;
    case 'text': {
      const folded = operand.caseExact || operand.folded === true ? operand.expr : foldCase(operand.expr, dialect);
      return codePointOrder(folded, dialect);
    }
    case 'dateTime':
      return codePointOrder(operand.expr, dialect);
    default:
      return operand.expr;
  }
}
