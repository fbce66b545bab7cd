/**
 * Where the filter compiler finds an attribute outside the JSON document:
 * - hot attributes live in indexed columns (`users.user_name_key`, `user_groups.display_name_key`,
 *   `id`, `external_id`, `active`, `created`, `last_modified`); `meta.resourceType` is a constant;
 * - Group `members` and User `groups` live in `group_members`, never in the document.
 *
 * Columns are referred to table-qualified, because the store may join. Every other attribute is
 * read from the `resource` document (`filter-sql-document.ts`).
 */
import { sql } from 'kysely';
import { TABLE } from './tables.js';
import { type Operand, operandPresent, TRUE_SQL } from './filter-sql-operand.js';
import type { Expr, SqlDialect } from './sql-dialect.js';
import { attributePathText, isCaseExact } from '../../scim/filter/filter-attribute.js';
import { ScimError } from '../../scim/errors.js';
import type { ResolvedAttribute, ResourceTypeName } from '../../scim/schemas/types.js';

export interface FilterSqlContext {
  dialect: SqlDialect;
  resourceType: ResourceTypeName;
}

/** Reads the elements of a multi-valued attribute: JSON array elements or membership rows. */
export interface ElementScope {
  /** `EXISTS` an element for which `condition` holds (the condition may yield NULL). */
  exists(condition: (element: ElementAccess) => Expr): Expr;
}

export interface ElementAccess {
  /** True when the element can have sub-attributes (a JSON object; every membership row). */
  readonly isObject: Expr;
  /** The element's value (no sub-attribute) or its sub-attribute `attr.subAttribute`. */
  operand(attr: ResolvedAttribute): Operand;
  /** `pr` on the element or its sub-attribute, looking `depth` levels into JSON containers. */
  present(attr: ResolvedAttribute, depth: number): Expr;
}

export function resourceTable(resourceType: ResourceTypeName): string {
  return resourceType === 'User' ? TABLE.users : TABLE.groups;
}

function column(ctx: FilterSqlContext, name: string): Expr {
  return sql.ref(`${resourceTable(ctx.resourceType)}.${name}`);
}

export function unsupportedAttribute(attr: ResolvedAttribute, instead: string): ScimError {
  return ScimError.invalidFilter(
    `"${attributePathText(attr)}" cannot be used in filters or sorting on this server; ${instead}.`,
  );
}

function metaOperand(attr: ResolvedAttribute, ctx: FilterSqlContext): Operand | undefined {
  switch (attr.subAttribute?.name) {
    case undefined:
      return undefined;
    case 'resourceType':
      return { kind: 'constant', value: ctx.resourceType, caseExact: isCaseExact(attr) };
    case 'created':
      return { kind: 'dateTime', expr: column(ctx, 'created') };
    case 'lastModified':
      return { kind: 'dateTime', expr: column(ctx, 'last_modified') };
    default:
      throw unsupportedAttribute(attr, 'use meta.created, meta.lastModified or meta.resourceType');
  }
}

/** The indexed column (or constant) holding a core attribute, if it has one. */
export function columnOperand(attr: ResolvedAttribute, ctx: FilterSqlContext): Operand | undefined {
  if (!attr.core) return undefined;
  const name = attr.attribute.name;
  if (name === 'meta') return metaOperand(attr, ctx);
  if (attr.subAttribute !== undefined) return undefined;
  const user = ctx.resourceType === 'User';
  switch (name) {
    case 'id':
      return { kind: 'text', expr: column(ctx, 'id'), caseExact: true };
    case 'externalId':
      return { kind: 'text', expr: column(ctx, 'external_id'), caseExact: isCaseExact(attr) };
    case 'userName':
      return user ? { kind: 'text', expr: column(ctx, 'user_name_key'), caseExact: false, folded: true } : undefined;
    case 'displayName':
      return user
        ? { kind: 'text', expr: column(ctx, 'display_name'), caseExact: isCaseExact(attr) }
        : { kind: 'text', expr: column(ctx, 'display_name_key'), caseExact: false, folded: true };
    case 'active':
      return user ? { kind: 'boolean', expr: column(ctx, 'active') } : undefined;
    default:
      return undefined;
  }
}

/** Group `members` (on Groups) and User `groups` (on Users) are read from `group_members`. */
export function membershipScope(attr: ResolvedAttribute, ctx: FilterSqlContext): ElementScope | undefined {
  if (!attr.core) return undefined;
  const isMembers = ctx.resourceType === 'Group' && attr.attribute.name === 'members';
  const isGroups = ctx.resourceType === 'User' && attr.attribute.name === 'groups';
  if (!isMembers && !isGroups) return undefined;
  const owner = column(ctx, 'id');
  const row = sql.raw('scim_m');
  const subOperand = (element: ResolvedAttribute): Operand => {
    const caseExact = isCaseExact(element);
    switch (element.subAttribute?.name) {
      case 'value':
        return { kind: 'text', expr: sql.raw(isMembers ? 'scim_m.member_id' : 'scim_m.group_id'), caseExact };
      case 'display':
        return {
          kind: 'text',
          caseExact,
          expr: isMembers
            ? sql`(CASE scim_m.member_type WHEN 'User' THEN (SELECT scim_mu.user_name FROM ${sql.table(TABLE.users)} AS scim_mu WHERE scim_mu.id = scim_m.member_id) ELSE (SELECT scim_mg.display_name FROM ${sql.table(TABLE.groups)} AS scim_mg WHERE scim_mg.id = scim_m.member_id) END)`
            : sql`(SELECT scim_mg.display_name FROM ${sql.table(TABLE.groups)} AS scim_mg WHERE scim_mg.id = scim_m.group_id)`,
        };
      case 'type':
        if (isMembers) return { kind: 'text', expr: sql.raw('scim_m.member_type'), caseExact };
        throw unsupportedAttribute(element, 'use groups.value or groups.display');
      default:
        throw unsupportedAttribute(
          element,
          isMembers ? 'use members.value, members.type or members.display' : 'use groups.value or groups.display',
        );
    }
  };
  const access: ElementAccess = {
    isObject: TRUE_SQL,
    operand: subOperand,
    present: (element) => (element.subAttribute === undefined ? TRUE_SQL : operandPresent(subOperand(element))),
  };
  // A soft-deleted user keeps its membership rows but is no member as far as SCIM can see (the
  // group's `members` omit it), so no filter on `members` may match through it either.
  const link = isMembers
    ? sql`scim_m.group_id = ${owner} AND NOT EXISTS (SELECT 1 FROM ${sql.table(TABLE.users)} AS scim_md WHERE scim_md.id = scim_m.member_id AND scim_md.deleted_at IS NOT NULL)`
    : sql`scim_m.member_id = ${owner} AND scim_m.member_type = 'User'`;
  return {
    exists: (condition) =>
      sql`EXISTS (SELECT 1 FROM ${sql.table(TABLE.members)} AS ${row} WHERE ${link} AND ${condition(access)})`,
  };
}
