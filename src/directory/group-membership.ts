/**
 * Membership changes, checked before they are written: every member must be an existing Library
 * user or group (product.md section 4: the request fails as a whole and names each missing id),
 * and a group must never contain itself, directly or through other groups.
 */
import { ScimError } from '../scim/errors.js';
import { matchesElement } from '../scim/filter/filter-evaluator.js';
import type { MembershipStep } from '../scim/patch/resource-patch.js';
import type { MemberRef, StoreSession } from '../store/store.js';
import type { JsonObject } from '../scim/json.js';

export interface MemberInput {
  value: string;
  type?: string | undefined;
}

export interface MembershipDelta {
  added: number;
  removed: number;
}

const LISTED_IDS = 20;

/**
 * Check the members and give each its real type. Throws 400 invalidValue naming problems. Ids
 * that are already members were checked when they were added, so only the new ones are looked up:
 * an Okta PUT that repeats a 100,000-member list to change one member checks one member.
 */
export async function resolveMembers(
  session: StoreSession,
  groupId: string,
  inputs: readonly MemberInput[],
): Promise<MemberRef[]> {
  const ids = [...new Set(inputs.map((input) => input.value))];
  if (ids.length === 0) return [];
  const types = await session.members.typesOf(groupId, ids);
  const newIds = ids.filter((id) => !types.has(id));
  if (newIds.length > 0) {
    for (const [id, type] of await session.members.resolveTypes(newIds)) types.set(id, type);
  }
  const missing = newIds.filter((id) => !types.has(id));
  if (missing.length > 0) {
    const shown = missing
      .slice(0, LISTED_IDS)
      .map((id) => `"${id}"`)
      .join(', ');
    const more = missing.length > LISTED_IDS ? ` and ${missing.length - LISTED_IDS} more` : '';
    throw ScimError.invalidValue(
      `Nothing was changed: ${missing.length === 1 ? 'this member id is' : 'these member ids are'} neither a Library user nor a Library group: ${shown}${more}. ` +
        'A user deleted by hand in the Library must be provisioned again: in Okta, re-assign the user to the app (or click "Provision User"), then push the group again.',
    );
  }
  const memberGroups = newIds.filter((id) => types.get(id) === 'Group');
  if (memberGroups.length > 0) {
    const ancestors = await session.members.ancestorGroupIds(groupId);
    const cyclic = memberGroups.filter((id) => id === groupId || ancestors.has(id));
    if (cyclic.length > 0) {
      throw ScimError.invalidValue(
        `Nothing was changed: a group cannot contain itself, directly or through other groups, and adding ${cyclic.map((id) => `"${id}"`).join(', ')} to group "${groupId}" would do that. Remove the nesting in the identity provider and push again.`,
      );
    }
  }
  return ids.map((id) => ({ value: id, type: types.get(id) ?? 'User' }));
}

export async function addMembers(
  session: StoreSession,
  groupId: string,
  inputs: readonly MemberInput[],
): Promise<number> {
  const refs = await resolveMembers(session, groupId, inputs);
  return refs.length === 0 ? 0 : session.members.add(groupId, refs);
}

export async function replaceMembers(
  session: StoreSession,
  groupId: string,
  inputs: readonly MemberInput[],
): Promise<MembershipDelta> {
  const refs = await resolveMembers(session, groupId, inputs);
  return session.members.replace(groupId, refs);
}

/** Apply a PATCH's membership steps in order. */
export async function applyMembershipSteps(
  session: StoreSession,
  groupId: string,
  steps: readonly MembershipStep[],
): Promise<MembershipDelta> {
  const delta: MembershipDelta = { added: 0, removed: 0 };
  for (const step of steps) {
    switch (step.kind) {
      case 'add':
        delta.added += await addMembers(session, groupId, step.members);
        break;
      case 'remove':
        delta.removed += step.ids.length === 0 ? 0 : await session.members.remove(groupId, [...new Set(step.ids)]);
        break;
      case 'removeAll': {
        const result = await session.members.replace(groupId, []);
        delta.removed += result.removed;
        break;
      }
      case 'replace': {
        const result = await replaceMembers(session, groupId, step.members);
        delta.added += result.added;
        delta.removed += result.removed;
        break;
      }
      case 'removeWhere': {
        const ids = await matchingMemberIds(session, groupId, step);
        delta.removed += ids.length === 0 ? 0 : await session.members.remove(groupId, ids);
        break;
      }
    }
  }
  return delta;
}

/** A filter other than `value eq` on members: evaluated over the member list (a rare path). */
async function matchingMemberIds(
  session: StoreSession,
  groupId: string,
  step: Extract<MembershipStep, { kind: 'removeWhere' }>,
): Promise<string[]> {
  const ids: string[] = [];
  let afterMemberId: string | undefined;
  for (;;) {
    const page = await session.members.list(groupId, { afterMemberId, limit: 5000 });
    for (const member of page) {
      const element: JsonObject = { value: member.value, display: member.display, type: member.type };
      if (matchesElement(step.filter, element)) ids.push(member.value);
    }
    if (page.length < 5000) return ids;
    afterMemberId = page[page.length - 1]?.value;
  }
}
