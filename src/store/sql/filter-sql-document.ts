/**
 * Addressing attributes inside the `resource` JSON document, shared by the filter compiler and the
 * sort-key compiler.
 */
import { sql } from 'kysely';
import { type ElementAccess, type FilterSqlContext, resourceTable } from './filter-sql-columns.js';
import { childRef, documentRef, jsonIsObject, jsonOperand, jsonPresent, type JsonRef } from './filter-sql-json.js';
import type { Expr, Operand } from './filter-sql-operand.js';
import { isCaseExact, targetType } from '../../scim/filter/filter-attribute.js';
import type { ResolvedAttribute } from '../../scim/schemas/types.js';

export function documentColumn(ctx: FilterSqlContext): Expr {
  return sql.ref(`${resourceTable(ctx.resourceType)}.resource`);
}

/** The typed operand of the JSON value at `ref`, typed as the attribute's target. */
export function jsonValueOperand(ref: JsonRef, attr: ResolvedAttribute): Operand {
  const type = targetType(attr);
  if (type === 'complex') throw new Error(`The complex attribute ${attr.attribute.name} has no comparable value.`);
  return jsonOperand(ref, type, isCaseExact(attr));
}

/** The operand of an array element: the element itself, or its sub-attribute `attr.subAttribute`. */
export function jsonElementOperand(element: JsonRef, attr: ResolvedAttribute): Operand {
  return jsonValueOperand(attr.subAttribute === undefined ? element : childRef(element, attr.subAttribute.name), attr);
}

export function jsonAccess(element: JsonRef): ElementAccess {
  return {
    isObject: jsonIsObject(element),
    operand: (attr) => jsonElementOperand(element, attr),
    present: (attr, depth) =>
      jsonPresent(attr.subAttribute === undefined ? element : childRef(element, attr.subAttribute.name), depth),
  };
}

/** The array of a multi-valued attribute (`emails` for `emails.value`) in the document. */
export function arrayRef(attr: ResolvedAttribute, ctx: FilterSqlContext): JsonRef {
  const keys = attr.subAttribute === undefined ? attr.documentPath : attr.documentPath.slice(0, -1);
  return documentRef(ctx.dialect, documentColumn(ctx), keys);
}
