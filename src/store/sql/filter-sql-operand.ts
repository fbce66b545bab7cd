/**
 * Typed SQL operands of the filter compiler and the comparisons on them. An operand is an SQL
 * expression that yields the attribute's value in one comparable form (text, number, boolean as
 * 1/0 or BOOLEAN, normalised dateTime text) or NULL when the stored value is absent or of another
 * type. Comparisons may yield NULL; the compiler wraps every leaf in COALESCE(..., FALSE).
 *
 * Every value from a filter is a bound parameter. `sql.raw` is used only for fixed SQL text.
 */
import { sql } from 'kysely';
import type { CompareOp } from '../../scim/filter/ast.js';
import { compareCodePoints } from '../../scim/filter/filter-attribute.js';
import type { Expr, SqlDialect } from './sql-dialect.js';

export type { Expr } from './sql-dialect.js';

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

function compareText(
  operand: Extract<Operand, { kind: 'text' }>,
  op: OrderOp,
  value: string,
  dialect: SqlDialect,
): Expr {
  const folded = operand.folded === true;
  const insensitive = !operand.caseExact && !folded;
  const left = insensitive ? dialect.foldCase(operand.expr) : operand.expr;
  const param = (text: string): Expr =>
    insensitive
      ? dialect.foldCase(dialect.textParameter(text))
      : dialect.textParameter(folded ? text.toLowerCase() : text);
  if (op === 'co' || op === 'sw' || op === 'ew') {
    if (value === '') return sql`(${operand.expr} IS NOT NULL)`;
    const exact = operand.caseExact && !folded ? dialect.caseExactSubstring(op, left, value) : undefined;
    if (exact !== undefined) return exact;
    return sql`(${left} LIKE ${param(likePattern(op, value))} ESCAPE '\\')`;
  }
  if (op === 'eq') return sql`(${left} = ${param(value)})`;
  return sql`(${dialect.codePointOrder(left)} ${sql.raw(SQL_OPERATOR[op])} ${dialect.codePointOrder(param(value))})`;
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
  dialect: SqlDialect,
): Expr {
  switch (operand.kind) {
    case 'constant':
      return typeof value === 'string' ? compareConstant(operand, op, value) : FALSE_SQL;
    case 'text':
      return typeof value === 'string' ? compareText(operand, op, value, dialect) : FALSE_SQL;
    case 'dateTime':
      if (typeof value !== 'string' || op === 'co' || op === 'sw' || op === 'ew') return FALSE_SQL;
      return sql`(${dialect.codePointOrder(operand.expr)} ${sql.raw(SQL_OPERATOR[op])} ${dialect.codePointOrder(dialect.textParameter(value))})`;
    case 'number': {
      if (typeof value !== 'number' || op === 'co' || op === 'sw' || op === 'ew') return FALSE_SQL;
      return sql`(${operand.expr} ${sql.raw(SQL_OPERATOR[op])} ${dialect.numberParameter(value)})`;
    }
    case 'boolean': {
      if (typeof value !== 'boolean' || op !== 'eq') return FALSE_SQL;
      return sql`(${operand.expr} = ${dialect.booleanParameter(value)})`;
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
export function operandSortKey(operand: Operand, dialect: SqlDialect): Expr {
  switch (operand.kind) {
    case 'constant':
      return sql`${operand.value}`;
    case 'text': {
      const folded = operand.caseExact || operand.folded === true ? operand.expr : dialect.foldCase(operand.expr);
      return dialect.codePointOrder(folded);
    }
    case 'dateTime':
      return dialect.codePointOrder(operand.expr);
    default:
      return operand.expr;
  }
}
