/**
 * The in-memory evaluator of resolved filters, over canonical SCIM documents (core attributes at
 * the top level, extensions under their URN key, see `ResolvedAttribute.documentPath`). It is the
 * reference semantics: the SQL compiler must return exactly the resources this accepts (the
 * differential tests in `src/store/sql/fixtures/filter-sql-differential.ts` hold it to that).
 *
 * Semantics:
 * - a multi-valued attribute matches when any of its elements does; a value path
 *   (`emails[type eq "work" and value co "@x"]`) needs one element, a JSON object, to satisfy the
 *   whole inner filter (for a single-valued complex attribute: its object value);
 * - `ne` is the negation of `eq`: it matches when no value equals, including when there is none;
 * - `pr`: the value is not null, not "" and, for arrays and objects, has a present member
 *   (RFC 7644 3.4.2.2: "a non-empty node for complex attributes"), looking two levels deep;
 * - strings compare case-insensitively unless the attribute is caseExact (see `isCaseExact`);
 *   ordering is by Unicode code point;
 * - numbers compare numerically and only match JSON numbers; dateTimes compare by instant (see
 *   `normalizeDateTime`; a stored text that is not a dateTime matches nothing);
 * - booleans match JSON booleans and also the texts "true"/"false" in any case, which sloppy
 *   clients store ("True").
 */
import { PRESENCE_DEPTH, type CompareOp, type ResolvedFilter } from './ast.js';
import { normalizeDateTime } from './date-time-value.js';
import { compareCodePoints, isCaseExact, targetType } from './filter-attribute.js';
import type { ResolvedAttribute } from '../schemas/types.js';
import { isJsonObject as isObject, type JsonObject, type JsonValue } from '../json.js';

/** RFC 7644 `pr` on one value, looking `depth` levels into arrays and objects. */
export function isPresentValue(value: JsonValue | undefined, depth: number = PRESENCE_DEPTH): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return depth > 0 ? value.some((item) => isPresentValue(item, depth - 1)) : value.length > 0;
  if (isObject(value)) {
    const members = Object.values(value);
    return depth > 0 ? members.some((item) => isPresentValue(item, depth - 1)) : members.length > 0;
  }
  return true;
}

function getPath(root: JsonValue | undefined, keys: readonly string[]): JsonValue | undefined {
  let current = root;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * The values a document holds for `attr`: for a multi-valued attribute, the elements (or each
 * element's sub-attribute); otherwise the single value, if any. A multi-valued attribute stored
 * as something other than an array has no values.
 */
function valuesOf(document: JsonObject, attr: ResolvedAttribute): (JsonValue | undefined)[] {
  if (!attr.attribute.multiValued) return [getPath(document, attr.documentPath)];
  const base = attr.subAttribute === undefined ? attr.documentPath : attr.documentPath.slice(0, -1);
  const container = getPath(document, base);
  if (!Array.isArray(container)) return [];
  const sub = attr.subAttribute;
  return sub === undefined
    ? container
    : container.map((element) => (isObject(element) ? element[sub.name] : undefined));
}

function asBoolean(value: JsonValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function compareOrdered(order: number, op: CompareOp): boolean {
  switch (op) {
    case 'eq':
      return order === 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    default:
      return false;
  }
}

function compareText(actual: string, op: CompareOp, expected: string): boolean {
  switch (op) {
    case 'co':
      return actual.includes(expected);
    case 'sw':
      return actual.startsWith(expected);
    case 'ew':
      return actual.endsWith(expected);
    default:
      return compareOrdered(compareCodePoints(actual, expected), op);
  }
}

/** One stored value against `op value` (never `ne`: that is the negation of `eq`). */
function compareOne(
  attr: ResolvedAttribute,
  actual: JsonValue | undefined,
  op: CompareOp,
  expected: string | number | boolean,
): boolean {
  switch (targetType(attr)) {
    case 'boolean': {
      const value = asBoolean(actual);
      return value !== undefined && op === 'eq' && value === expected;
    }
    case 'integer':
    case 'decimal':
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      return compareOrdered(actual === expected ? 0 : actual > expected ? 1 : -1, op);
    case 'dateTime': {
      const value = typeof actual === 'string' ? normalizeDateTime(actual) : undefined;
      return value !== undefined && typeof expected === 'string' && compareText(value, op, expected);
    }
    case 'complex':
      return false;
    default: {
      if (typeof actual !== 'string' || typeof expected !== 'string') return false;
      return isCaseExact(attr)
        ? compareText(actual, op, expected)
        : compareText(actual.toLowerCase(), op, expected.toLowerCase());
    }
  }
}

function matchesAny(values: (JsonValue | undefined)[], filter: Extract<ResolvedFilter, { kind: 'compare' }>): boolean {
  const { attr, value } = filter;
  if (value === null) return false;
  const op = filter.op === 'ne' ? 'eq' : filter.op;
  const any = values.some((actual) => compareOne(attr, actual, op, value));
  return filter.op === 'ne' ? !any : any;
}

/** Whether `document`, a canonical SCIM resource, matches the filter. */
export function matchesFilter(filter: ResolvedFilter, document: JsonObject): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesFilter(filter.left, document) && matchesFilter(filter.right, document);
    case 'or':
      return matchesFilter(filter.left, document) || matchesFilter(filter.right, document);
    case 'not':
      return !matchesFilter(filter.filter, document);
    case 'present':
      return valuesOf(document, filter.attr).some((value) =>
        isPresentValue(value, filter.attr.attribute.multiValued ? PRESENCE_DEPTH - 1 : PRESENCE_DEPTH),
      );
    case 'compare':
      return matchesAny(valuesOf(document, filter.attr), filter);
    case 'valuePath': {
      const elements = valuesOf(document, filter.attr);
      return elements.some((element) => isObject(element) && matchesElement(filter.filter, element));
    }
  }
}

/**
 * Whether one element of a multi-valued (or the value of a single-valued) complex attribute
 * matches the inner filter of a value path, such as `type eq "work"` of `emails[type eq "work"]`.
 * The filter's attributes name sub-attributes (`subAttribute` set).
 */
export function matchesElement(filter: ResolvedFilter, element: JsonValue): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesElement(filter.left, element) && matchesElement(filter.right, element);
    case 'or':
      return matchesElement(filter.left, element) || matchesElement(filter.right, element);
    case 'not':
      return !matchesElement(filter.filter, element);
    case 'valuePath':
      return false;
    case 'present':
    case 'compare': {
      const sub = filter.attr.subAttribute;
      const value = sub !== undefined && isObject(element) ? element[sub.name] : undefined;
      return filter.kind === 'present' ? isPresentValue(value, PRESENCE_DEPTH - 2) : matchesAny([value], filter);
    }
  }
}
