/**
 * Facts about a resolved attribute that the resolver, the in-memory evaluator and the SQL compiler
 * must agree on, so that a filter means the same thing in memory and in either database.
 */
import type { AttributeDefinition, AttributeType, ResolvedAttribute } from '../schemas/types.js';

/** The definition the path ends at: the sub-attribute when there is one. */
export function targetDefinition(attr: ResolvedAttribute): AttributeDefinition {
  return attr.subAttribute ?? attr.attribute;
}

export function targetType(attr: ResolvedAttribute): AttributeType {
  return targetDefinition(attr).type;
}

/**
 * Whether string comparisons on the attribute respect case. From the schema, except that binary
 * values (base64, where case is data) always compare exactly, and `members.value` (Group) and `groups.value` (User) hold resource ids, which the
 * service issues and compares exactly like `id` (caseExact true); this is what lets the database
 * answer `members[value eq "..."]` from the membership primary key.
 */
export function isCaseExact(attr: ResolvedAttribute): boolean {
  if (targetType(attr) === 'binary') return true;
  if (
    attr.core &&
    attr.subAttribute?.name === 'value' &&
    (attr.attribute.name === 'members' || attr.attribute.name === 'groups')
  ) {
    return true;
  }
  return targetDefinition(attr).caseExact;
}

/** The canonical path: `name.givenName`, `urn:...:enterprise:2.0:User:manager.value`. */
export function attributePathText(attr: ResolvedAttribute): string {
  const local =
    attr.subAttribute === undefined ? attr.attribute.name : `${attr.attribute.name}.${attr.subAttribute.name}`;
  return attr.core ? local : `${attr.schema}:${local}`;
}

/** Compare two strings by Unicode code point (the order of UTF-8 bytes, as both databases use). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const x = left[i]?.codePointAt(0) ?? 0;
    const y = right[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}
