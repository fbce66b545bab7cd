/**
 * PATCH dialects of real SCIM clients, normalised at the HTTP edge so that the PATCH engine can
 * stay strict RFC 7644. Each quirk is a small named function; `normalizePatchBody` runs them in
 * order over the PatchOp message and each operation. Nothing here rejects a request: a body
 * this layer does not understand is passed on unchanged for the core to report.
 *
 * References are to /work/shared/docs/clients.md ("clients.md").
 */
import { parsePatchPath } from '../scim/filter/patch-path-parser.js';
import type { ResolvedAttribute, ResourceTypeName, SchemaRegistry } from '../scim/schemas/types.js';
import {
  isGroupMembers,
  isPlainObject,
  resolveAttributeKey,
  subAttributeNamed,
  type UnknownObject,
} from './attribute-lookup.js';
import { isReferenceLike, normalizeAttributeValue, normalizeSingleValue } from './value-quirks.js';

interface QuirkContext {
  registry: SchemaRegistry;
  resourceType: ResourceTypeName;
}

/** The value of `key` in `object`, matching the key case-insensitively. */
function memberOf(object: UnknownObject, key: string): { key: string; value: unknown } | undefined {
  if (Object.hasOwn(object, key)) return { key, value: object[key] };
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((name) => name.toLowerCase() === lower);
  return found === undefined ? undefined : { key: found, value: object[found] };
}

/**
 * Keep only `schemas` and `Operations` of the PatchOp message, the latter under its canonical
 * spelling. Entra sends an `id` next to `Operations`; some clients spell `operations` in lower
 * case (clients.md §0 item 7, §6.1 "PATCH engine").
 */
export function strayPatchBodyKeys(body: UnknownObject): UnknownObject {
  const result: UnknownObject = {};
  const schemas = memberOf(body, 'schemas');
  if (schemas !== undefined) result.schemas = schemas.value;
  const operations = memberOf(body, 'Operations');
  if (operations !== undefined) result.Operations = operations.value;
  return result;
}

/**
 * Keep only `op`, `path` and `value` of an operation, with lower-case keys. Entra's group PATCHes
 * have been seen with a stray `name` key (clients.md §6.1 "ignore stray keys on operation
 * objects"); some clients capitalise `Path`/`Value`.
 */
export function strayOperationKeys(operation: UnknownObject): UnknownObject {
  const result: UnknownObject = {};
  for (const key of ['op', 'path', 'value'] as const) {
    const found = memberOf(operation, key);
    if (found !== undefined) result[key] = found.value;
  }
  return result;
}

/**
 * `"op": "Replace"`, `"Add"`, `"Remove"` (Entra without the flag, clients.md §2.3, §2.4, §2.5), or
 * any other case (`"ADD"`), becomes lower case.
 */
export function opNameInAnyCase(operation: UnknownObject): UnknownObject {
  const op = operation.op;
  if (typeof op !== 'string' || op === op.trim().toLowerCase()) return operation;
  return { ...operation, op: op.trim().toLowerCase() };
}

/** `"path": ""` (or blanks, or `null`) is treated as no path: the target is the resource itself. */
export function emptyPathAsNoPath(operation: UnknownObject): UnknownObject {
  const path = operation.path;
  if (path === null || (typeof path === 'string' && path.trim() === '')) {
    const { path: _dropped, ...rest } = operation;
    return rest;
  }
  return operation;
}

interface PathTarget {
  resolved: ResolvedAttribute;
  /** The path text, rewritten when a bare extension attribute name was qualified. */
  path: string;
  hasFilter: boolean;
  /** The sub-attribute named after a value filter, or by a dotted path. */
  subAttribute: ResolvedAttribute['subAttribute'];
}

/**
 * Resolve the target of a path for the value quirks. A path naming an extension attribute
 * without its URN (`"path": "manager"`, the historic Entra shape in clients.md §2.3) is qualified
 * with the one extension that defines it. Undefined when the path cannot be parsed or resolved;
 * the core then reports it.
 */
function resolvePathTarget(path: string, context: QuirkContext): PathTarget | undefined {
  let parsed;
  try {
    parsed = parsePatchPath(path);
  } catch {
    return undefined;
  }
  const { attr, filter, subAfterFilter } = parsed;
  let resolved = context.registry.resolveParts(context.resourceType, attr);
  let rewritten = path;
  if (resolved === undefined && (attr.uri === undefined || attr.uri === '')) {
    const key = resolveAttributeKey(context.registry, context.resourceType, attr.name);
    if (key !== undefined) {
      rewritten = `${key.resolved.schema}:${path}`;
      resolved = context.registry.resolveParts(context.resourceType, {
        uri: key.resolved.schema,
        name: attr.name,
        sub: attr.sub,
      });
    }
  }
  if (resolved === undefined) return undefined;
  const subAttribute =
    subAfterFilter !== undefined ? subAttributeNamed(resolved.attribute, subAfterFilter) : resolved.subAttribute;
  return { resolved, path: rewritten, hasFilter: filter !== undefined, subAttribute };
}

/**
 * Member removal by value list instead of a filter path, Entra without the `aadOptscim062020`
 * flag: `{"op":"Remove","path":"members","value":[{"value":"u1091"}]}` (clients.md §2.3, §2.4,
 * §2.5). Each listed member becomes its own `remove` of `members[value eq "u1091"]`, which the
 * engine turns into one removal of those ids. Without this, RFC 7644 would read the operation
 * as "remove every member".
 */
export function memberRemovalByValueList(
  operation: UnknownObject,
  target: PathTarget,
  context: QuirkContext,
): UnknownObject[] {
  if (operation.op !== 'remove' || !isGroupMembers(context.resourceType, target.resolved)) return [operation];
  if (
    target.hasFilter ||
    target.subAttribute !== undefined ||
    operation.value === undefined ||
    operation.value === null
  ) {
    return [operation];
  }
  const listed = Array.isArray(operation.value) ? operation.value : [operation.value];
  const ids: string[] = [];
  for (const item of listed) {
    const id = typeof item === 'string' ? item : isPlainObject(item) ? memberOf(item, 'value')?.value : undefined;
    if (typeof id !== 'string' || id.trim() === '') return [operation];
    ids.push(id);
  }
  return ids.map((id) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` }));
}

/**
 * Add or replace of a manager-like attribute with an emptied value (`""`, `{"value": ""}`, null)
 * becomes a `remove` of that path: the Microsoft SCIM Validator's "Patch User - Remove Manager"
 * (clients.md §2.3, §2.6).
 */
export function emptiedReferenceAsRemove(operation: UnknownObject, target: PathTarget): UnknownObject {
  if (operation.op === 'remove' || target.subAttribute !== undefined || !isReferenceLike(target.resolved.attribute)) {
    return operation;
  }
  if (operation.value !== null) return operation;
  return { op: 'remove', path: operation.path };
}

/** Value quirks (string booleans, manager shapes, `$ref: null`) for an operation with a path. */
function normalizePathValue(operation: UnknownObject, target: PathTarget): UnknownObject {
  if (operation.op === 'remove' || !Object.hasOwn(operation, 'value')) return operation;
  const { attribute } = target.resolved;
  const value = operation.value;
  let normalized: unknown;
  if (target.subAttribute !== undefined) normalized = normalizeAttributeValue(target.subAttribute, value);
  else if (target.hasFilter) normalized = normalizeSingleValue(attribute, value);
  else normalized = normalizeAttributeValue(attribute, value);
  return normalized === value ? operation : { ...operation, value: normalized };
}

/**
 * `"id": null` inside a no-path value (OneLogin templates, clients.md §3) is dropped: it says
 * nothing. A non-null `id` is left for the engine, which ignores it when it equals the resource
 * id (Okta's group rename, clients.md §1.e) and rejects it otherwise.
 */
export function nullIdInNoPathValue(value: UnknownObject): UnknownObject {
  const id = memberOf(value, 'id');
  if (id === undefined || id.value !== null) return value;
  const { [id.key]: _dropped, ...rest } = value;
  return rest;
}

/**
 * The keys of a no-path value object: attribute names, dotted names (`name.givenName`),
 * URN-qualified names and extension blocks (Entra with the flag, clients.md §2.5; Okta's
 * `{active: false}` and `{id, displayName}`, clients.md §1.d, §1.e). Values get the value quirks;
 * bare extension attribute names (`department`) are qualified with their URN.
 */
function normalizeNoPathValue(value: UnknownObject, context: QuirkContext): UnknownObject {
  const result: UnknownObject = {};
  for (const [key, item] of Object.entries(nullIdInNoPathValue(value))) {
    const urn = context.registry.canonicalExtensionUrn(context.resourceType, key);
    if (urn !== undefined && isPlainObject(item)) {
      const block: UnknownObject = {};
      for (const [name, sub] of Object.entries(item)) {
        const resolved = context.registry.resolve(context.resourceType, `${urn}:${name}`);
        block[name] = resolved === undefined ? sub : normalizeResolvedValue(resolved, sub);
      }
      result[key] = block;
      continue;
    }
    const found = resolveAttributeKey(context.registry, context.resourceType, key);
    if (found === undefined) {
      result[key] = item;
      continue;
    }
    result[found.qualified] = normalizeResolvedValue(found.resolved, item);
  }
  return result;
}

function normalizeResolvedValue(resolved: ResolvedAttribute, value: unknown): unknown {
  return resolved.subAttribute !== undefined
    ? normalizeAttributeValue(resolved.subAttribute, value)
    : normalizeAttributeValue(resolved.attribute, value);
}

/**
 * True when `object` spells one of `keys` in two ways (`"value"` and `"Value"`). Such a body is
 * passed on untouched: picking one spelling here would hide the ambiguity from the core, which
 * refuses it with a detail naming both.
 */
function hasCaseVariants(object: UnknownObject, keys: readonly string[]): boolean {
  return keys.some((key) => Object.keys(object).filter((name) => name.toLowerCase() === key).length > 1);
}

function normalizeOperation(raw: unknown, context: QuirkContext): unknown[] {
  if (!isPlainObject(raw) || hasCaseVariants(raw, ['op', 'path', 'value'])) return [raw];
  let operation = emptyPathAsNoPath(opNameInAnyCase(strayOperationKeys(raw)));
  const path = operation.path;
  if (path === undefined) {
    const value = operation.value;
    if (operation.op !== 'remove' && isPlainObject(value)) {
      operation = { ...operation, value: normalizeNoPathValue(value, context) };
    }
    return [operation];
  }
  if (typeof path !== 'string') return [operation];
  const target = resolvePathTarget(path, context);
  if (target === undefined) return [operation];
  if (target.path !== path) operation = { ...operation, path: target.path };
  operation = normalizePathValue(operation, target);
  operation = emptiedReferenceAsRemove(operation, target);
  return memberRemovalByValueList(operation, target, context);
}

/**
 * Normalise a PATCH request body from any supported client (Okta, Microsoft Entra ID in both
 * dialects, OneLogin, Keycloak) into a strict RFC 7644 PatchOp message. Returns the input
 * unchanged when it is not an object with an `Operations` array, so that the core can explain
 * what is wrong with it. Never mutates its input.
 */
export function normalizePatchBody(body: unknown, resourceType: ResourceTypeName, registry: SchemaRegistry): unknown {
  if (!isPlainObject(body) || hasCaseVariants(body, ['operations'])) return body;
  const message = strayPatchBodyKeys(body);
  if (!Array.isArray(message.Operations)) return body;
  const context: QuirkContext = { registry, resourceType };
  const operations = (message.Operations as unknown[]).flatMap((operation) => normalizeOperation(operation, context));
  return { ...message, Operations: operations };
}
