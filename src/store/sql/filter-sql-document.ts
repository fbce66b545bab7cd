/**
 * Addressing attributes inside the `resource` JSON document, shared by the filter compiler and the
 * sort-key compiler. How a JSON value is read is the dialect's (`SqlDialect.documentRef`); which
 * typed operand an attribute needs is decided here, once for both databases.
 */
import { sql } from 'kysely';
import { type ElementAccess, type FilterSqlContext, resourceTable } from './filter-sql-columns.js';
import type { Operand } from './filter-sql-operand.js';
import type { Expr, JsonRef } from './sql-dialect.js';
import { isCaseExact, targetType } from '../../scim/filter/filter-attribute.js';
import type { AttributeType, ResolvedAttribute } from '../../scim/schemas/types.js';

export function documentColumn(ctx: FilterSqlContext): Expr {
  return sql.ref(`${resourceTable(ctx.resourceType)}.resource`);
}

/** The JSON value of `attr` in the row's document (the attribute itself, not its elements). */
export function attributeRef(attr: ResolvedAttribute, ctx: FilterSqlContext): JsonRef {
  return ctx.dialect.documentRef(documentColumn(ctx), attr.documentPath);
}

/** The typed operand of a simple attribute stored at `ref`. */
export function jsonOperand(ref: JsonRef, type: Exclude<AttributeType, 'complex'>, caseExact: boolean): Operand {
  switch (type) {
    case 'boolean':
      return { kind: 'boolean', expr: ref.boolean() };
    case 'integer':
    case 'decimal':
      return { kind: 'number', expr: ref.number() };
    case 'dateTime':
      return { kind: 'dateTime', expr: ref.dateTime() };
    case 'binary':
      return { kind: 'text', expr: ref.text(), caseExact: true };
    default:
      return { kind: 'text', expr: ref.text(), caseExact };
  }
}

/** The typed operand of the JSON value at `ref`, typed as the attribute's target. */
export function jsonValueOperand(ref: JsonRef, attr: ResolvedAttribute): Operand {
  const type = targetType(attr);
  if (type === 'complex') throw new Error(`The complex attribute ${attr.attribute.name} has no comparable value.`);
  return jsonOperand(ref, type, isCaseExact(attr));
}

/** The operand of an array element: the element itself, or its sub-attribute `attr.subAttribute`. */
export function jsonElementOperand(element: JsonRef, attr: ResolvedAttribute): Operand {
  return jsonValueOperand(attr.subAttribute === undefined ? element : element.child(attr.subAttribute.name), attr);
}

export function jsonAccess(element: JsonRef): ElementAccess {
  return {
    isObject: element.isObject(),
    operand: (attr) => jsonElementOperand(element, attr),
    present: (attr, depth) =>
      (attr.subAttribute === undefined ? element : element.child(attr.subAttribute.name)).present(depth),
  };
}

/** The array of a multi-valued attribute (`emails` for `emails.value`) in the document. */
export function arrayRef(attr: ResolvedAttribute, ctx: FilterSqlContext): JsonRef {
  const keys = attr.subAttribute === undefined ? attr.documentPath : attr.documentPath.slice(0, -1);
  return ctx.dialect.documentRef(documentColumn(ctx), keys);
}
