/**
 * The PATCH engine (RFC 7644 section 3.5.2): applies a list of operations to a stored resource
 * document. Pure: it knows nothing of HTTP or storage, never mutates its input, and applies every
 * operation or none (the first failure throws a ScimError naming the operation, 1-based, and its
 * path). Group `members` are not part of the document; operations on them come back as ordered
 * membership steps for the directory to apply with SQL.
 *
 * Client dialects are normalised before this at the HTTP edge (`src/compat/`); the engine is strict
 * RFC 7644, with the RFC's own latitude (case-insensitive attribute names, URN-qualified and
 * dotted keys in no-path values, null or [] as "unassigned") and one rule of its own, documented
 * where it is implemented: a filtered add/replace creates the element described by an `eq` filter
 * when none matches (Entra relies on it; it depends on the stored document, so the edge, which
 * has no document, cannot express it).
 */
import type { ResourceTypeName, SchemaRegistry } from '../schemas/types.js';
import { describeJson, keysByLowerName } from '../resources/attribute-value.js';
import { coalesceSteps, type MembershipStep } from './group-membership-patch.js';
import { applyToExtensionBlock, applyToTarget, type PatchWorkspace } from './patch-apply.js';
import { jsonEqual } from './patch-document.js';
import type { PatchOperation } from '../messages/patch-op.js';
import { operationError, withOperationContext, type OperationContext } from './patch-operation.js';
import { resolvePatchTarget, targetFor, unknownAttributeMessage } from './patch-target.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';

export type { MembershipStep, MemberReference } from './group-membership-patch.js';

export interface PatchInput {
  /** The canonical stored document: no id, meta, schemas or groups; for Groups no members. */
  document: JsonObject;
  resourceType: ResourceTypeName;
  resourceId: string;
  registry: SchemaRegistry;
  operations: PatchOperation[];
}

export interface PatchResult {
  /** The new document, a fresh object (the input is untouched). */
  document: JsonObject;
  /** Changes to Group `members`, in request order; empty for Users. */
  membership: MembershipStep[];
  /**
   * Top-level attributes whose value differs after the patch, in schema order: core names
   * (`displayName`), extension attributes URN-qualified (`urn:…:enterprise:2.0:User:manager`),
   * and `members` when there is at least one membership step.
   */
  changedAttributes: string[];
}

/** A key of a no-path value (or of an extension block in it), treated as if it were a path. */
function applyNoPathKey(
  workspace: PatchWorkspace,
  key: string,
  item: JsonValue,
  operation: PatchOperation,
  context: OperationContext,
): void {
  const lower = key.toLowerCase();
  if (lower === 'schemas') return;
  if (lower === 'id') {
    throw operationError(
      context,
      'mutability',
      `attribute "id" is read-only: this ${workspace.resourceType}'s id is ${JSON.stringify(workspace.resourceId)}, ` +
        `but the value sets it to ${describeJson(item)}. Leave "id" out of the value, or send the resource's own id.`,
    );
  }
  const urn = workspace.registry.canonicalExtensionUrn(workspace.resourceType, key);
  if (urn !== undefined) {
    applyToExtensionBlock(workspace, urn, operation.op, item, context, (qualified, value) =>
      applyNoPathKey(workspace, qualified, value, operation, context),
    );
    return;
  }
  const resolved = workspace.registry.resolve(workspace.resourceType, key);
  if (resolved === undefined && key.includes('[')) {
    // A value-filter path used as a key (`{"emails[type eq \"work\"].value": "…"}`).
    applyToTarget(workspace, resolvePatchTarget(key, workspace, context), operation.op, item, context);
    return;
  }
  if (resolved === undefined) {
    throw operationError(
      context,
      'invalidPath',
      `the value has the key ${JSON.stringify(key)}, but ${unknownAttributeMessage(key, workspace.resourceType, workspace.registry)}`,
    );
  }
  applyToTarget(workspace, targetFor(resolved), operation.op, item, context);
}

function applyOperation(workspace: PatchWorkspace, operation: PatchOperation, context: OperationContext): void {
  const { path, op, value } = operation;
  if (path === undefined) {
    if (op === 'remove') {
      throw operationError(
        context,
        'noTarget',
        'a "remove" needs a "path" naming what to remove, for example "nickName" or "members[value eq \\"<id>\\"]" (RFC 7644 section 3.5.2.2).',
      );
    }
    if (!isJsonObject(value)) {
      throw operationError(
        context,
        'invalidValue',
        `${op === 'add' ? 'an' : 'a'} "${op}" without a "path" needs a JSON object as "value" whose keys are attribute names, for example ` +
          `{"active": false} or {"displayName": "Sales"}; the request sent ${describeJson(value)}.`,
      );
    }
    keysByLowerName(value, 'The value');
    for (const [key, item] of Object.entries(value)) applyNoPathKey(workspace, key, item, operation, context);
    return;
  }
  const urn = workspace.registry.canonicalExtensionUrn(workspace.resourceType, path);
  if (urn !== undefined) {
    applyToExtensionBlock(workspace, urn, op, value, context, (qualified, item) =>
      applyNoPathKey(workspace, qualified, item, operation, context),
    );
    return;
  }
  const target = resolvePatchTarget(path, workspace, context);
  applyToTarget(workspace, target, op, value, context);
}

function changedAttributes(
  before: JsonObject,
  after: JsonObject,
  registry: SchemaRegistry,
  resourceType: ResourceTypeName,
  membership: MembershipStep[],
): string[] {
  const changed: string[] = [];
  const coreUrn = registry.resourceType(resourceType).schema;
  for (const schema of registry.schemasFor(resourceType)) {
    const core = schema.id === coreUrn;
    const beforeHolder = core ? before : before[schema.id];
    const afterHolder = core ? after : after[schema.id];
    for (const attribute of schema.attributes) {
      const was = isJsonObject(beforeHolder) ? beforeHolder[attribute.name] : undefined;
      const now = isJsonObject(afterHolder) ? afterHolder[attribute.name] : undefined;
      if (!jsonEqual(was, now)) changed.push(core ? attribute.name : `${schema.id}:${attribute.name}`);
    }
  }
  if (membership.length > 0 && !changed.includes('members')) changed.push('members');
  return changed;
}

/**
 * Apply `operations` to `document`, all or nothing.
 * @throws ScimError 400 (`invalidPath`, `invalidValue`, `mutability`, `noTarget`, `invalidSyntax`)
 *   whose detail starts with `Operation <n> (op "<op>", path "<path>")`.
 */
export function applyPatch(input: PatchInput): PatchResult {
  const workspace: PatchWorkspace = {
    document: structuredClone(input.document),
    membership: [],
    resourceType: input.resourceType,
    resourceId: input.resourceId,
    registry: input.registry,
  };
  input.operations.forEach((operation, index) => {
    const context: OperationContext = { index, op: operation.op, path: operation.path };
    try {
      applyOperation(workspace, operation, context);
    } catch (error) {
      throw withOperationContext(error, index, operation);
    }
  });
  const membership = coalesceSteps(workspace.membership);
  return {
    document: workspace.document,
    membership,
    changedAttributes: changedAttributes(
      input.document,
      workspace.document,
      input.registry,
      input.resourceType,
      membership,
    ),
  };
}
