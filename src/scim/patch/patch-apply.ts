/**
 * Applying one operation to one target: the dispatch between Group membership, single-valued
 * and multi-valued attributes, with the mutability rules in front. Shared by path operations and
 * by each key of a no-path value.
 */
import { describeJson, keysByLowerName } from '../resources/attribute-value.js';
import type { ResourceTypeName, SchemaRegistry } from '../schemas/types.js';
import { membershipStep, type MembershipStep } from './group-membership-patch.js';
import {
  addElements,
  patchFilteredElements,
  removeElements,
  replaceElements,
  writeSubOfEveryElement,
} from './multi-valued-patch.js';
import { isEmptyValue } from './patch-document.js';
import { assertNotReadOnly, assertRemovable, isDiscarded } from './patch-mutability.js';
import type { PatchOpName } from '../messages/patch-op.js';
import { operationError, type OperationContext } from './patch-operation.js';
import type { PatchTarget } from './patch-target.js';
import { removeSingleValued, writeSingleValued } from './single-valued-patch.js';
import type { JsonObject, JsonValue } from '../json.js';

/** Everything an operation needs besides its target: the working copy and where steps go. */
export interface PatchWorkspace {
  document: JsonObject;
  /** Steps as the operations produce them; `applyPatch` merges neighbours at the end. */
  membership: MembershipStep[];
  resourceType: ResourceTypeName;
  resourceId: string;
  registry: SchemaRegistry;
}

function isGroupMembers(workspace: PatchWorkspace, target: PatchTarget): boolean {
  return workspace.resourceType === 'Group' && target.resolved.core && target.resolved.attribute.name === 'members';
}

/**
 * Apply `op` with `value` (absent only for remove) to `target`. An empty value (null or []) on
 * add/replace unassigns the target (RFC 7644 section 3.5.2); an empty list on add adds nothing.
 */
export function applyToTarget(
  workspace: PatchWorkspace,
  target: PatchTarget,
  op: PatchOpName,
  value: JsonValue | undefined,
  context: OperationContext,
): void {
  if (op !== 'remove' && value === undefined) {
    throw operationError(context, 'invalidValue', `"${op}" needs a "value" for "${target.label}".`);
  }
  if (isGroupMembers(workspace, target)) {
    const step = membershipStep(op, target, value, context);
    if (step !== undefined) workspace.membership.push(step);
    return;
  }
  assertNotReadOnly(target, context);
  if (isDiscarded(target)) return;
  if (op === 'add' && Array.isArray(value) && value.length === 0) return;

  const removal = op === 'remove' || isEmptyValue(value);
  if (removal && target.filter === undefined) assertRemovable(target, context, workspace.resourceType);

  const { document } = workspace;
  const { attribute } = target.resolved;
  if (!attribute.multiValued) {
    if (removal) removeSingleValued(document, target, context);
    else writeSingleValued(document, target, value as JsonValue, context);
    return;
  }
  if (target.filter !== undefined) {
    patchFilteredElements(document, target, op, value, context);
    return;
  }
  if (target.sub !== undefined) {
    writeSubOfEveryElement(document, target, op === 'remove' ? null : (value as JsonValue), context);
    return;
  }
  if (op === 'remove') removeElements(document, target, value, context);
  else if (removal || op === 'replace') replaceElements(document, target, value as JsonValue, context);
  else addElements(document, target, value as JsonValue, context);
}

/**
 * add/replace/remove of a whole extension block (`path` is the URN itself, or a URN key of a
 * no-path value). remove or null deletes the block; an object sets the attributes it names and
 * leaves the others, as for any complex value (RFC 7644 §3.5.2.3).
 */
export function applyToExtensionBlock(
  workspace: PatchWorkspace,
  urn: string,
  op: PatchOpName,
  value: JsonValue | undefined,
  context: OperationContext,
  applyKey: (key: string, item: JsonValue) => void,
): void {
  if (op === 'remove' || value === null) {
    delete workspace.document[urn];
    return;
  }
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw operationError(
      context,
      'invalidValue',
      `the extension "${urn}" must be given as a JSON object holding its attributes, but the request sent ${describeJson(value)}.`,
    );
  }
  keysByLowerName(value, `The extension "${urn}"`);
  for (const [key, item] of Object.entries(value)) applyKey(`${urn}:${key}`, item);
}
