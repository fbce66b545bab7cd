/**
 * `compileSortKey`: the expression a `sortBy` attribute orders by (RFC 7644 section 3.4.2.3),
 * the same column or JSON value the filter compiler reads, in a form that sorts by the
 * attribute's type: text by code point (case-folded unless caseExact), numbers numerically,
 * dateTimes by instant (normalised text), booleans false before true.
 *
 * - A multi-valued attribute sorts by the value (or the named sub-attribute) of its primary
 *   element, else of its first element. A complex attribute without a sub-attribute sorts by its
 *   `value` sub-attribute; without one, the key is NULL (the sort changes nothing).
 * - Group `members` and User `groups` are not sortable: the key is NULL.
 *
 * Rows without a value get NULL; the store decides where NULLs go (RFC 7644 leaves it open;
 * `NULLS LAST` on ascending order is the usual choice and works in both databases).
 */
import { sql, type RawBuilder } from 'kysely';
import { columnOperand, type FilterSqlContext, membershipScope } from './filter-sql-columns.js';
import { arrayRef, attributeRef, jsonElementOperand, jsonValueOperand } from './filter-sql-document.js';
import { operandSortKey } from './filter-sql-operand.js';
import type { Expr, JsonRef } from './sql-dialect.js';
import type { ResolvedAttribute } from '../../scim/schemas/types.js';

/** Typed, because PostgreSQL refuses a bare NULL literal in ORDER BY. */
const NULL_KEY: Expr = sql`CAST(NULL AS text)`;

/** `attr` itself, or for a complex attribute without a sub-attribute its `value` sub-attribute. */
function sortTarget(attr: ResolvedAttribute): ResolvedAttribute | undefined {
  if (attr.subAttribute !== undefined || attr.attribute.type !== 'complex') return attr;
  const value = attr.attribute.subAttributes?.find((sub) => sub.name === 'value');
  if (value === undefined) return undefined;
  return { ...attr, subAttribute: value, documentPath: [...attr.documentPath, value.name] };
}

function primaryRank(attr: ResolvedAttribute, ctx: FilterSqlContext): (element: JsonRef) => Expr {
  const hasPrimary = attr.attribute.subAttributes?.some((sub) => sub.name === 'primary') === true;
  if (!hasPrimary) return () => sql`0`;
  return (element) => {
    return sql`(CASE WHEN ${ctx.dialect.isTrue(element.child('primary').boolean())} THEN 0 ELSE 1 END)`;
  };
}

/** The ORDER BY expression for `sortBy=<attr>` on the resource type's table. */
export function compileSortKey(attr: ResolvedAttribute, ctx: FilterSqlContext): RawBuilder<unknown> {
  const column = columnOperand(attr, ctx);
  if (column !== undefined) return sql`${operandSortKey(column, ctx.dialect)}`;
  if (membershipScope(attr, ctx) !== undefined) return sql`${NULL_KEY}`;
  const target = sortTarget(attr);
  if (target === undefined) return sql`${NULL_KEY}`;
  if (target.attribute.multiValued) {
    const key = arrayRef(target, ctx).firstElement('scim_sort', primaryRank(target, ctx), (element) =>
      operandSortKey(jsonElementOperand(element, target), ctx.dialect),
    );
    return sql`${key}`;
  }
  const operand = jsonValueOperand(attributeRef(target, ctx), target);
  return sql`${operandSortKey(operand, ctx.dialect)}`;
}
