/**
 * add / replace / remove on single-valued attributes (RFC 7644 sections 3.5.2.1–3.5.2.3):
 * simple attributes (`userName`, `active`, `urn:…:enterprise:2.0:User:employeeNumber`), complex
 * ones (`name`, `manager`) whose sub-attributes merge, and one sub-attribute of a complex one
 * (`name.givenName`, `manager.value`).
 */
import { canonicaliseValue, keysByLowerName } from '../resources/attribute-value.js';
import { findSubAttribute } from '../schemas/schema-registry.js';
import { deleteAttribute, isEmptyValue, readAttribute, writeAttribute } from './patch-document.js';
import { assertImmutableUnchanged } from './patch-mutability.js';
import type { OperationContext } from './patch-operation.js';
import type { PatchTarget } from './patch-target.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';

/**
 * Merge `value` (an object of sub-attributes) into `current`: named sub-attributes are set,
 * those given as null or "" are removed, others are left unchanged. Unknown and read-only
 * sub-attributes are ignored, as on POST/PUT (clients echo `display` names back).
 */
export function mergeSubAttributes(
  target: PatchTarget,
  current: JsonObject,
  value: JsonValue,
  context: OperationContext,
): JsonObject {
  const { attribute } = target.resolved;
  if (!isJsonObject(value)) {
    // Let the shared value check word the error ("must be a JSON object with the sub-attributes …").
    canonicaliseValue(attribute, value, target.label);
    return current;
  }
  const merged: JsonObject = { ...current };
  for (const [key, subValue] of keysByLowerName(value, `The value of "${target.label}"`).values()) {
    const sub = findSubAttribute(attribute, key);
    if (sub === undefined || sub.mutability === 'readOnly') continue;
    const subTarget: PatchTarget = { ...target, sub, label: `${target.label}.${sub.name}` };
    const next = isEmptyValue(subValue) ? undefined : canonicaliseValue(sub, subValue, subTarget.label);
    assertImmutableUnchanged(subTarget, context, merged[sub.name], next);
    if (next === undefined) delete merged[sub.name];
    else merged[sub.name] = next;
  }
  return merged;
}

/** add or replace of a single-valued attribute, or of one sub-attribute of it. */
export function writeSingleValued(
  document: JsonObject,
  target: PatchTarget,
  value: JsonValue,
  context: OperationContext,
): void {
  const { resolved } = target;
  const current = readAttribute(document, resolved);
  if (target.sub !== undefined) {
    const object = isJsonObject(current) ? { ...current } : {};
    const next = isEmptyValue(value) ? undefined : canonicaliseValue(target.sub, value, target.label);
    assertImmutableUnchanged(target, context, object[target.sub.name], next);
    if (next === undefined) delete object[target.sub.name];
    else object[target.sub.name] = next;
    storeObject(document, target, object);
    return;
  }
  if (resolved.attribute.type === 'complex') {
    const merged = mergeSubAttributes(target, isJsonObject(current) ? current : {}, value, context);
    storeObject(document, target, merged);
    return;
  }
  const next = isEmptyValue(value) ? undefined : canonicaliseValue(resolved.attribute, value, target.label);
  assertImmutableUnchanged(target, context, current, next);
  if (next === undefined) deleteAttribute(document, resolved);
  else writeAttribute(document, resolved, next);
}

/** remove of a single-valued attribute or of one of its sub-attributes; absent is a no-op. */
export function removeSingleValued(document: JsonObject, target: PatchTarget, context: OperationContext): void {
  const { resolved } = target;
  const current = readAttribute(document, resolved);
  if (current === undefined) return;
  if (target.sub !== undefined) {
    if (!isJsonObject(current) || !Object.hasOwn(current, target.sub.name)) return;
    assertImmutableUnchanged(target, context, current[target.sub.name], undefined);
    const { [target.sub.name]: _removed, ...rest } = current;
    storeObject(document, target, rest);
    return;
  }
  assertImmutableUnchanged(target, context, current, undefined);
  deleteAttribute(document, resolved);
}

/** Write a complex value back; an object left without sub-attributes unassigns the attribute. */
function storeObject(document: JsonObject, target: PatchTarget, object: JsonObject): void {
  if (Object.keys(object).length === 0) deleteAttribute(document, target.resolved);
  else writeAttribute(document, target.resolved, object);
}
