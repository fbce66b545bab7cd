/**
 * The PatchOp message and operation shapes of Microsoft Entra ID's provisioning service (with and
 * without the `aadOptscim062020` flag, docs/clients.md §2.3–§2.5, §2.7) that RFC 7644 section
 * 3.5.2 does not have, each turned into the RFC shape. Every function returns its input itself
 * when there is nothing to change, and never mutates it.
 */
import { PATCH_OP_SCHEMA } from '../scim/messages/patch-op.js';
import type { ResolvedAttribute } from '../scim/schemas/types.js';
import { memberOf, isPlainObject, type PathTarget, type UnknownObject } from './schema-lookup.js';

/**
 * Keep only `schemas` and `Operations` of the PatchOp message (in the client's spelling, which the
 * core reads case-insensitively), and list the PatchOp URN in `schemas` when the client left it
 * out.
 *
 * Clients: Entra sends an `id` next to `Operations` (docs/clients.md §6.1 "ignore stray keys on
 * the PatchOp body"); Entra's documented group PATCHes carry no `schemas` (§2.3); some clients
 * spell `operations` in lower case (§0 item 7).
 */
export function strayPatchBodyKeys(body: UnknownObject): UnknownObject {
  const schemas = memberOf(body, 'schemas');
  const operations = memberOf(body, 'Operations');
  const listed =
    Array.isArray(schemas?.value) &&
    schemas.value.some((urn) => typeof urn === 'string' && urn.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase());
  const stray = Object.keys(body).some((key) => key !== schemas?.key && key !== operations?.key);
  if (listed && !stray) return body;
  const result: UnknownObject = { schemas: listed ? schemas.value : [PATCH_OP_SCHEMA] };
  if (operations !== undefined) result[operations.key] = operations.value;
  return result;
}

/**
 * Keep only `op`, `path` and `value` of an operation, with lower-case keys.
 *
 * Clients: Entra's group PATCHes have been seen with a stray `name` key (docs/clients.md §6.1
 * "ignore stray keys on operation objects"); some clients capitalise `Path`/`Value`.
 */
export function strayOperationKeys(operation: UnknownObject): UnknownObject {
  const keys = Object.keys(operation);
  if (keys.every((key) => key === 'op' || key === 'path' || key === 'value')) return operation;
  const result: UnknownObject = {};
  for (const key of ['op', 'path', 'value'] as const) {
    const found = memberOf(operation, key);
    if (found !== undefined) result[key] = found.value;
  }
  return result;
}

/**
 * `"op": "Replace"`, `"Add"`, `"Remove"`, or any other case (`"ADD"`), becomes lower case.
 *
 * Clients: Entra without the `aadOptscim062020` flag (docs/clients.md §2.3, §2.4, §2.5).
 */
export function opNameInAnyCase(operation: UnknownObject): UnknownObject {
  const op = operation.op;
  if (typeof op !== 'string' || op === op.trim().toLowerCase()) return operation;
  return { ...operation, op: op.trim().toLowerCase() };
}

/**
 * `"path": ""` (or blanks, or `null`) is read as no path: the target is the resource itself.
 *
 * Clients: none named in docs/clients.md; the core accepted these before it became strict, so the
 * edge keeps accepting them.
 */
export function emptyPathAsNoPath(operation: UnknownObject): UnknownObject {
  const path = operation.path;
  if (path === null || (typeof path === 'string' && path.trim() === '')) {
    const { path: _dropped, ...rest } = operation;
    return rest;
  }
  return operation;
}

/**
 * Member removal by value list instead of a filter path:
 * `{"op":"Remove","path":"members","value":[{"value":"u1091"}]}`. Each listed member becomes its
 * own `remove` of `members[value eq "u1091"]`, which the engine merges into one removal of those
 * ids. RFC 7644 has no value on a remove; the strict core refuses one (it would otherwise read the
 * operation as "remove every member"). A list that cannot be read is passed on for the core to
 * report.
 *
 * Clients: Entra without the `aadOptscim062020` flag (docs/clients.md §2.3, §2.4, §2.5).
 */
export function memberRemovalByValueList(operation: UnknownObject, target: PathTarget): UnknownObject[] {
  if (target.hasFilter || target.subAttribute !== undefined) return [operation];
  if (operation.value === undefined || operation.value === null) return [operation];
  const listed = Array.isArray(operation.value) ? (operation.value as unknown[]) : [operation.value];
  const ids: string[] = [];
  for (const item of listed) {
    const id = typeof item === 'string' ? item : isPlainObject(item) ? memberOf(item, 'value')?.value : undefined;
    if (typeof id !== 'string' || id.trim() === '') return [operation];
    ids.push(id);
  }
  return ids.map((id) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` }));
}

/**
 * An empty string as a value to add or replace means "unassign", as null does in RFC 7644
 * section 3.5.2: `{"op":"Replace","path":"title","value":""}` gets `"value": null`, and so do the
 * sub-attributes given as `""` in the object value of a single-valued complex attribute
 * (`{"name": {"givenName": ""}}`), whose null sub-attributes the core removes. `target` says what
 * the value is for; `hasFilter` whether it goes through a value filter (whose object value the core
 * reads as an element, where null and `""` differ, so it is left alone).
 *
 * Clients: Entra's SCIM_Null_Update (docs/clients.md §2.7), the Microsoft SCIM Validator's
 * "Remove Manager" (§2.3, §2.6).
 */
export function emptyStringAsNull(target: ResolvedAttribute, hasFilter: boolean, value: unknown): unknown {
  if (value === '') return null;
  const { attribute } = target;
  if (hasFilter || target.subAttribute !== undefined || attribute.type !== 'complex' || attribute.multiValued) {
    return value;
  }
  if (!isPlainObject(value) || !Object.values(value).includes('')) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, item === '' ? null : item]));
}

/** On a remove, a `""` value says nothing (the core would read it as a list of values) and is dropped. */
export function emptyStringOnRemoveDropped(operation: UnknownObject): UnknownObject {
  if (operation.op !== 'remove' || operation.value !== '') return operation;
  const { value: _dropped, ...rest } = operation;
  return rest;
}
