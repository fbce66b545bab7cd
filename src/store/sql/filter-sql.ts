/**
 * The filter compiler: a `ResolvedFilter` to an SQL boolean expression over the `users` or
 * `user_groups` table (referred to by table name, so the store may join), for SQLite and
 * PostgreSQL. Its results equal the in-memory evaluator's (`matchesFilter`) on the same data; the
 * differential tests in `src/store/sql/fixtures/filter-sql-differential.ts` hold it to that.
 *
 * - Hot attributes use their indexed columns; Group `members` and User `groups` use
 *   `group_members`; everything else is read from the `resource` JSON document, multi-valued
 *   attributes and value paths through `EXISTS` over the array elements.
 * - Below a `NOT`, every leaf is wrapped in `COALESCE(..., FALSE)`, so SQL's three-valued logic
 *   cannot drop rows: `not (title eq "x")` matches a user without a title, as in memory. Elsewhere
 *   leaves stay bare so that `users.user_name_key = ?` can use its index.
 * - `ne` is `NOT (eq)`: it matches when no value equals, including when there is none.
 * - Long `and`/`or` chains are emitted as balanced trees, so that SQLite's expression depth limit
 *   (1000) is not reached by a long but legal filter.
 * - Filter values are bound parameters; only fixed SQL text is raw.
 * - Attributes the store cannot answer (meta.location, meta.version, members.$ref, groups.type,
 *   groups.$ref) raise a 400 invalidFilter ScimError.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  columnOperand,
  type ElementAccess,
  type ElementScope,
  type FilterSqlContext,
  membershipScope,
} from './filter-sql-columns.js';
import { arrayRef, attributeRef, jsonAccess, jsonValueOperand } from './filter-sql-document.js';
import { compareOperand, type Expr, FALSE_SQL, operandPresent, type OrderOp, TRUE_SQL } from './filter-sql-operand.js';
import { PRESENCE_DEPTH, type CompareOp, type FilterValue, type ResolvedFilter } from '../../scim/filter/ast.js';
import type { ResolvedAttribute } from '../../scim/schemas/types.js';

export { compileSortKey } from './filter-sql-sort.js';
export type { FilterSqlContext } from './filter-sql-columns.js';

export function coalesceFalse(expr: Expr): Expr {
  return sql`COALESCE(${expr}, FALSE)`;
}

/** The elements of `attr`: membership rows, JSON array elements, or a single complex value. */
function elementScope(attr: ResolvedAttribute, ctx: FilterSqlContext): ElementScope {
  const membership = membershipScope(attr, ctx);
  if (membership !== undefined) return membership;
  if (attr.attribute.multiValued) {
    const array = arrayRef(attr, ctx);
    return { exists: (condition) => array.existsElement('scim_el', (element) => condition(jsonAccess(element))) };
  }
  const single = attributeRef(attr, ctx);
  return { exists: (condition) => condition(jsonAccess(single)) };
}

function isMetaItself(attr: ResolvedAttribute): boolean {
  return attr.core && attr.attribute.name === 'meta' && attr.subAttribute === undefined;
}

function balanced(parts: Expr[], operator: 'AND' | 'OR'): Expr {
  if (parts.length <= 1) return parts[0] ?? (operator === 'AND' ? TRUE_SQL : FALSE_SQL);
  const middle = Math.floor(parts.length / 2);
  return sql`(${balanced(parts.slice(0, middle), operator)} ${sql.raw(operator)} ${balanced(parts.slice(middle), operator)})`;
}

function flatten(filter: ResolvedFilter, kind: 'and' | 'or', out: ResolvedFilter[]): ResolvedFilter[] {
  if (filter.kind === kind) {
    flatten(filter.left, kind, out);
    flatten(filter.right, kind, out);
  } else {
    out.push(filter);
  }
  return out;
}

/**
 * NULL handling. A leaf may yield NULL (absent value). In a positive context (no `NOT` above it)
 * NULL already acts as FALSE through AND, OR and WHERE, and a bare `col = ?` keeps its index; so
 * leaves are wrapped in COALESCE(..., FALSE) only when `safe` is set, below a `NOT`.
 */
function guard(expr: Expr, safe: boolean): Expr {
  return safe ? coalesceFalse(expr) : expr;
}

/** A leaf compare, given how to get the operand; `ne` is the negation of `eq`. */
function compileLeafCompare(
  op: CompareOp,
  value: FilterValue,
  safe: boolean,
  test: (op: OrderOp, value: string | number | boolean) => Expr,
): Expr {
  if (value === null) return FALSE_SQL;
  if (op === 'ne') return sql`(NOT ${coalesceFalse(test('eq', value))})`;
  return guard(test(op, value), safe);
}

function compileChain(
  filter: Extract<ResolvedFilter, { kind: 'and' | 'or' }>,
  compile: (part: ResolvedFilter) => Expr,
): Expr {
  return balanced(flatten(filter, filter.kind, []).map(compile), filter.kind === 'and' ? 'AND' : 'OR');
}

/** The inner filter of a value path, on one element. */
function compileElement(filter: ResolvedFilter, element: ElementAccess, ctx: FilterSqlContext, safe: boolean): Expr {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return compileChain(filter, (part) => compileElement(part, element, ctx, safe));
    case 'not':
      return sql`(NOT ${compileElement(filter.filter, element, ctx, true)})`;
    case 'present':
      return guard(element.present(filter.attr, PRESENCE_DEPTH - 2), safe);
    case 'compare': {
      const operand = element.operand(filter.attr);
      return compileLeafCompare(filter.op, filter.value, safe, (op, value) =>
        compareOperand(operand, op, value, ctx.dialect),
      );
    }
    case 'valuePath':
      return FALSE_SQL;
  }
}

function compileCompare(
  filter: Extract<ResolvedFilter, { kind: 'compare' }>,
  ctx: FilterSqlContext,
  safe: boolean,
): Expr {
  const { attr } = filter;
  const column = columnOperand(attr, ctx);
  if (column !== undefined) {
    return compileLeafCompare(filter.op, filter.value, safe, (op, value) =>
      compareOperand(column, op, value, ctx.dialect),
    );
  }
  if (attr.attribute.multiValued) {
    const scope = elementScope(attr, ctx);
    return compileLeafCompare(filter.op, filter.value, safe, (op, value) =>
      scope.exists((element) => compareOperand(element.operand(attr), op, value, ctx.dialect)),
    );
  }
  const operand = jsonValueOperand(attributeRef(attr, ctx), attr);
  return compileLeafCompare(filter.op, filter.value, safe, (op, value) =>
    compareOperand(operand, op, value, ctx.dialect),
  );
}

function compilePresent(attr: ResolvedAttribute, ctx: FilterSqlContext, safe: boolean): Expr {
  if (isMetaItself(attr)) return TRUE_SQL;
  const column = columnOperand(attr, ctx);
  if (column !== undefined) return guard(operandPresent(column), safe);
  if (attr.attribute.multiValued) {
    return guard(
      elementScope(attr, ctx).exists((element) => element.present(attr, PRESENCE_DEPTH - 1)),
      safe,
    );
  }
  return guard(attributeRef(attr, ctx).present(PRESENCE_DEPTH), safe);
}

function compileNode(filter: ResolvedFilter, ctx: FilterSqlContext, safe: boolean): Expr {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return compileChain(filter, (part) => compileNode(part, ctx, safe));
    case 'not':
      return sql`(NOT ${compileNode(filter.filter, ctx, true)})`;
    case 'present':
      return compilePresent(filter.attr, ctx, safe);
    case 'compare':
      return compileCompare(filter, ctx, safe);
    case 'valuePath': {
      const inner = filter.filter;
      const matches = elementScope(filter.attr, ctx).exists(
        (element) => sql`(${element.isObject} AND ${compileElement(inner, element, ctx, false)})`,
      );
      return guard(matches, safe);
    }
  }
}

/**
 * The SQL condition for `filter` on the resource type's table. Throws a 400 invalidFilter
 * ScimError for attributes the store cannot filter on.
 */
export function compileFilter(filter: ResolvedFilter, ctx: FilterSqlContext): RawBuilder<SqlBool> {
  return sql<SqlBool>`${compileNode(filter, ctx, false)}`;
}
