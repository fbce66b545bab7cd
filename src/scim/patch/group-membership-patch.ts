/**
 * PATCH operations on Group `members` (RFC 7643 section 4.2, RFC 7644 section 3.5.2). They are
 * not applied to the document: a group may have 100,000 members, so the engine emits ordered
 * membership steps that the directory applies with SQL, touching only the members named.
 *
 * - add `members` with a list (or one object, or a bare id)       → `add`
 * - replace `members` with a list                                  → `replace` (empty → `removeAll`)
 * - remove `members`                                               → `removeAll`
 * - remove `members[value eq "a" or value eq "b"]`                 → `remove` of those ids
 * - remove `members[<any other filter>]`, e.g. `[type eq "Group"]` → `removeWhere` with the filter
 */
import type { ResolvedFilter } from '../filter/ast.js';
import { describeJson, keysByLowerName } from '../resources/attribute-value.js';
import { entryOf, isEmptyValue } from './patch-document.js';
import type { PatchOpName } from '../messages/patch-op.js';
import { operationError, type OperationContext } from './patch-operation.js';
import type { PatchTarget } from './patch-target.js';
import { isJsonObject, type JsonValue } from '../json.js';

export interface MemberReference {
  /** The id of a User or Group of this service. */
  value: string;
  /** "User" or "Group" when the client said which. */
  type?: string;
}

/**
 * One change to a group's membership, applied in order by the directory.
 * `removeWhere.filter` is the value filter of `members[…]`, resolved with each attribute's
 * `subAttribute` set to the member field (`value`, `type`, `display`); evaluate it on a member
 * `{value, type, display}` with `matchesElement` or compile it to SQL.
 */
export type MembershipStep =
  | { kind: 'add'; members: MemberReference[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'removeAll' }
  | { kind: 'replace'; members: MemberReference[] }
  | { kind: 'removeWhere'; filter: ResolvedFilter };

const MEMBER_EXAMPLE = '{"value": "<id of a User or Group>"}';

function memberType(type: JsonValue | undefined, position: number, context: OperationContext): string | undefined {
  if (type === undefined || type === null) return undefined;
  const lower = typeof type === 'string' ? type.trim().toLowerCase() : undefined;
  if (lower === 'user') return 'User';
  if (lower === 'group') return 'Group';
  throw operationError(
    context,
    'invalidValue',
    `member ${position} has a "type" of ${describeJson(type)}; a member's type must be "User" or "Group" (or left out).`,
  );
}

function memberReference(element: JsonValue, position: number, context: OperationContext): MemberReference {
  if (typeof element === 'string' && element.trim() !== '') return { value: element };
  if (!isJsonObject(element)) {
    throw operationError(
      context,
      'invalidValue',
      `member ${position} is ${describeJson(element)}; each member must be a JSON object such as ${MEMBER_EXAMPLE}.`,
    );
  }
  keysByLowerName(element, `Member ${position}`);
  const value = entryOf(element, 'value');
  if (typeof value !== 'string' || value.trim() === '') {
    const sent = value === undefined || value === null ? 'no "value"' : `a "value" of ${describeJson(value)}`;
    throw operationError(
      context,
      'invalidValue',
      `member ${position} has ${sent}; each member needs "value" set to the id of a User or Group of this service, as in ${MEMBER_EXAMPLE}.`,
    );
  }
  const type = memberType(entryOf(element, 'type'), position, context);
  return type === undefined ? { value } : { value, type };
}

/** The members a value lists (array, single object or bare id), duplicates removed, in order. */
export function memberReferences(value: JsonValue, context: OperationContext): MemberReference[] {
  if (value === null) return [];
  const elements = Array.isArray(value) ? value : [value];
  const byId = new Map<string, MemberReference>();
  elements.forEach((element, index) => {
    if (element === null) return;
    const reference = memberReference(element, index + 1, context);
    if (!byId.has(reference.value)) byId.set(reference.value, reference);
  });
  return [...byId.values()];
}

/** The ids of `value eq "id"` comparisons joined by `or`; undefined for any other filter. */
export function memberIdsOfFilter(filter: ResolvedFilter): string[] | undefined {
  if (filter.kind === 'or') {
    const left = memberIdsOfFilter(filter.left);
    const right = memberIdsOfFilter(filter.right);
    return left === undefined || right === undefined ? undefined : [...left, ...right];
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string') return undefined;
  return filter.attr.subAttribute?.name === 'value' ? [filter.value] : undefined;
}

function unsupported(context: OperationContext, what: string): Error {
  return operationError(
    context,
    'invalidPath',
    `${what} Change group membership with the path "members": add or replace a list such as [${MEMBER_EXAMPLE}], ` +
      'or remove with "members[value eq \\"<id>\\"]".',
  );
}

/** The membership step of one operation on `members` (`value` absent only for remove). */
export function membershipStep(
  op: PatchOpName,
  target: PatchTarget,
  value: JsonValue | undefined,
  context: OperationContext,
): MembershipStep | undefined {
  if (target.sub !== undefined) {
    throw unsupported(context, `the sub-attributes of a member ("${target.label}") cannot be changed one by one.`);
  }
  if (target.filter !== undefined) {
    if (op !== 'remove' && value !== undefined && !isEmptyValue(value)) {
      throw unsupported(context, `"${op}" with a filtered members path is not supported.`);
    }
    const ids = memberIdsOfFilter(target.filter);
    return ids === undefined
      ? { kind: 'removeWhere', filter: target.filter }
      : { kind: 'remove', ids: [...new Set(ids)] };
  }
  if (op === 'remove') {
    if (value === undefined || value === null) return { kind: 'removeAll' };
    // RFC 7644 section 3.5.2.2: a remove of "members" removes them all; a value does not choose
    // some (Entra without aadOptscim062020 sends one; the HTTP edge rewrites it into filters).
    memberReferences(value, context);
    throw unsupported(context, 'a "remove" of "members" takes no "value" (it would remove every member).');
  }
  if (value === undefined || isEmptyValue(value)) {
    // replace with null or [] empties the group; add of nothing changes nothing (an add never
    // takes members away).
    return op === 'replace' ? { kind: 'removeAll' } : undefined;
  }
  const members = memberReferences(value, context);
  if (members.length === 0) return op === 'replace' ? { kind: 'removeAll' } : undefined;
  return op === 'replace' ? { kind: 'replace', members } : { kind: 'add', members };
}

/**
 * Merge neighbouring steps of the same kind (add after add, remove after remove) into one, with
 * duplicates dropped, keeping the order of everything else. One pass: Entra removes members one
 * operation each, and a request may carry thousands.
 */
export function coalesceSteps(steps: readonly MembershipStep[]): MembershipStep[] {
  const result: MembershipStep[] = [];
  let seen = new Set<string>();
  for (const step of steps) {
    const last = result[result.length - 1];
    if (last?.kind === 'add' && step.kind === 'add') {
      for (const member of step.members) {
        if (!seen.has(member.value)) last.members.push(member);
        seen.add(member.value);
      }
      continue;
    }
    if (last?.kind === 'remove' && step.kind === 'remove') {
      for (const id of step.ids) {
        if (!seen.has(id)) last.ids.push(id);
        seen.add(id);
      }
      continue;
    }
    if (step.kind === 'add') {
      seen = new Set(step.members.map((member) => member.value));
      result.push({ kind: 'add', members: [...step.members] });
    } else if (step.kind === 'remove') {
      seen = new Set(step.ids);
      result.push({ kind: 'remove', ids: [...step.ids] });
    } else {
      result.push(step);
    }
  }
  return result;
}
