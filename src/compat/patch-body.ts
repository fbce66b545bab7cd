/**
 * A PATCH request body from any supported client (Okta, Microsoft Entra ID in both dialects,
 * OneLogin, Keycloak) turned into a strict RFC 7644 PatchOp message, by the dialect functions of
 * this folder, each named after the clients that need it. Nothing here rejects a request: a body
 * this layer does not understand is passed on unchanged for the core to report. A body that needs
 * nothing is returned as the very same object (no copy); the input is never mutated.
 */
import type { ResolvedAttribute, ResourceTypeName, SchemaRegistry } from '../scim/schemas/types.js';
import { normalizeAttributeValue, normalizeSingleValue } from './attribute-values.js';
import { normalizeFilterText } from './entra-filter-dialect.js';
import { emptiedReferenceAsRemove } from './entra-manager.js';
import {
  emptyPathAsNoPath,
  emptyStringAsNull,
  emptyStringOnRemoveDropped,
  memberRemovalByValueList,
  opNameInAnyCase,
  strayOperationKeys,
  strayPatchBodyKeys,
} from './entra-patch-dialect.js';
import { ownIdDropped } from './okta-group-rename.js';
import { nullIdDropped } from './onelogin-null-id.js';
import {
  hasCaseVariants,
  isGroupMembers,
  isPlainObject,
  memberOf,
  resolveAttributeKey,
  resolvePathTarget,
  type PathTarget,
  type UnknownObject,
} from './schema-lookup.js';

interface PatchScope {
  registry: SchemaRegistry;
  resourceType: ResourceTypeName;
  /** The id in the request's URL, when known. */
  resourceId: string | undefined;
}

/** The value dialects for the value of an attribute reached by a path or a key. */
function normalizeTargetValue(resolved: ResolvedAttribute, hasFilter: boolean, value: unknown): unknown {
  const emptied = emptyStringAsNull(resolved, hasFilter, value);
  if (resolved.subAttribute !== undefined) return normalizeAttributeValue(resolved.subAttribute, emptied);
  if (hasFilter) return normalizeSingleValue(resolved.attribute, emptied);
  return normalizeAttributeValue(resolved.attribute, emptied);
}

/** Value dialects for an add or replace with a path. */
function normalizePathValue(operation: UnknownObject, target: PathTarget): UnknownObject {
  if (operation.op === 'remove' || !Object.hasOwn(operation, 'value')) return operation;
  const resolved: ResolvedAttribute =
    target.subAttribute === undefined ? target.resolved : { ...target.resolved, subAttribute: target.subAttribute };
  const value = operation.value;
  const normalized = normalizeTargetValue(resolved, target.hasFilter, value);
  return normalized === value ? operation : { ...operation, value: normalized };
}

/** One key of a no-path value (or of an extension block in it) that the core reads as a path. */
function normalizeKeyValue(key: string, item: unknown, scope: PatchScope): { key: string; value: unknown } | undefined {
  if (key.includes('[')) {
    // A value-filter path used as a key (`{"emails[type eq \"work\"].value": "x"}`).
    const path = normalizeFilterText(key, 'path', [scope.resourceType], scope.registry);
    const target = resolvePathTarget(path, scope.resourceType, scope.registry);
    if (target === undefined) return path === key ? undefined : { key: path, value: item };
    const resolved =
      target.subAttribute === undefined ? target.resolved : { ...target.resolved, subAttribute: target.subAttribute };
    return { key: path, value: normalizeTargetValue(resolved, target.hasFilter, item) };
  }
  const found = resolveAttributeKey(scope.registry, scope.resourceType, key);
  if (found === undefined) return undefined;
  return { key: found.qualified, value: normalizeTargetValue(found.resolved, false, item) };
}

/**
 * The keys of a no-path value object: attribute names, dotted names (`name.givenName`),
 * URN-qualified names and extension blocks (Entra with the flag, docs/clients.md §2.5; Okta's
 * `{active: false}` and `{id, displayName}`, §1.d, §1.e). Values get the value dialects; bare
 * extension attribute names (`department`) are qualified with their URN.
 */
function normalizeNoPathValue(value: UnknownObject, scope: PatchScope): UnknownObject {
  const withoutIds = ownIdDropped(nullIdDropped(value), scope.resourceId);
  let changed = withoutIds !== value;
  const result: UnknownObject = {};
  for (const [key, item] of Object.entries(withoutIds)) {
    const lower = key.toLowerCase();
    const urn = scope.registry.canonicalExtensionUrn(scope.resourceType, key);
    if (urn !== undefined && isPlainObject(item)) {
      let blockChanged = false;
      const block: UnknownObject = {};
      for (const [name, sub] of Object.entries(item)) {
        const resolved = scope.registry.resolve(scope.resourceType, `${urn}:${name}`);
        const normalized = resolved === undefined ? sub : normalizeTargetValue(resolved, false, sub);
        if (normalized !== sub) blockChanged = true;
        block[name] = normalized;
      }
      result[key] = blockChanged ? block : item;
      changed ||= blockChanged;
      continue;
    }
    const normalized = lower === 'id' || lower === 'schemas' ? undefined : normalizeKeyValue(key, item, scope);
    if (normalized === undefined) {
      result[key] = item;
      continue;
    }
    if (normalized.key !== key || normalized.value !== item) changed = true;
    result[normalized.key] = normalized.value;
  }
  return changed ? result : value;
}

function normalizeOperation(raw: unknown, scope: PatchScope): unknown[] {
  if (!isPlainObject(raw) || hasCaseVariants(raw, ['op', 'path', 'value'])) return [raw];
  let operation = emptyPathAsNoPath(opNameInAnyCase(strayOperationKeys(raw)));
  const path = operation.path;
  if (path === undefined) {
    const value = operation.value;
    if (operation.op !== 'remove' && isPlainObject(value)) {
      const normalized = normalizeNoPathValue(value, scope);
      if (normalized !== value) operation = { ...operation, value: normalized };
    }
    return [operation];
  }
  if (typeof path !== 'string') return [operation];
  const strictPath = normalizeFilterText(path, 'path', [scope.resourceType], scope.registry);
  if (strictPath !== path) operation = { ...operation, path: strictPath };
  const target = resolvePathTarget(strictPath, scope.resourceType, scope.registry);
  if (target === undefined) return [operation];
  if (target.path !== strictPath) operation = { ...operation, path: target.path };
  if (isGroupMembers(scope.resourceType, target.resolved)) {
    operation = normalizePathValue(operation, target);
    return operation.op === 'remove' ? memberRemovalByValueList(operation, target) : [operation];
  }
  operation = emptyStringOnRemoveDropped(operation);
  operation = normalizePathValue(operation, target);
  return [emptiedReferenceAsRemove(operation, target)];
}

/**
 * Normalise a PATCH request body for `resourceType` (the resource `resourceId`, when known) into
 * a strict RFC 7644 PatchOp message. Returns the input unchanged when it is not an object with an
 * `Operations` array, so that the core can explain what is wrong with it.
 */
export function normalizePatchBody(
  body: unknown,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
  resourceId?: string,
): unknown {
  if (!isPlainObject(body) || hasCaseVariants(body, ['operations'])) return body;
  const message = strayPatchBodyKeys(body);
  const found = memberOf(message, 'Operations');
  const operations = found?.value;
  if (found === undefined || !Array.isArray(operations)) return body;
  const scope: PatchScope = { registry, resourceType, resourceId };
  let changed = message !== body;
  const normalized: unknown[] = [];
  for (const operation of operations as unknown[]) {
    const results = normalizeOperation(operation, scope);
    if (results.length !== 1 || results[0] !== operation) changed = true;
    normalized.push(...results);
  }
  return changed ? { ...message, [found.key]: normalized } : body;
}
