/**
 * add / replace / remove on multi-valued attributes (RFC 7644 sections 3.5.2.1–3.5.2.3): the
 * whole list (`emails`), one sub-attribute of every element (`emails.display`), the elements a
 * value filter selects (`emails[type eq "work"]`) and a sub-attribute of those
 * (`emails[type eq "work"].value`). When a filtered add or replace selects nothing and the filter
 * is made of `eq` comparisons joined by `and`, the element is created from them: Entra's
 * `emails[type eq "work"].value` on a user without a work email creates `{type: "work", value}`.
 * "primary" stays unique: the element a write marks primary takes the flag from the others.
 */
import { matchesElement } from '../filter/filter-evaluator.js';
import type { ResolvedFilter } from '../filter/ast.js';
import { canonicaliseValue } from '../resources/attribute-value.js';
import { findSubAttribute } from '../schemas/schema-registry.js';
import type { AttributeDefinition } from '../schemas/types.js';
import { deleteAttribute, isEmptyValue, jsonEqual, readAttribute, writeAttribute } from './patch-document.js';
import { assertImmutableUnchanged } from './patch-mutability.js';
import type { PatchOpName } from '../messages/patch-op.js';
import { operationError, type OperationContext } from './patch-operation.js';
import { mergeSubAttributes } from './single-valued-patch.js';
import type { PatchTarget } from './patch-target.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';

function currentElements(document: JsonObject, target: PatchTarget): JsonValue[] {
  const current = readAttribute(document, target.resolved);
  if (current === undefined || current === null) return [];
  return Array.isArray(current) ? [...current] : [current];
}

/** Store the list back (empty lists unassign the attribute), keeping "primary" unique. */
function storeElements(
  document: JsonObject,
  target: PatchTarget,
  elements: JsonValue[],
  written: ReadonlySet<JsonValue>,
  context: OperationContext,
): void {
  const kept = elements.filter((element) => !(isJsonObject(element) && Object.keys(element).length === 0));
  if (kept.length === 0) {
    deleteAttribute(document, target.resolved);
    return;
  }
  writeAttribute(document, target.resolved, enforceSinglePrimary(target, kept, written, context));
}

function enforceSinglePrimary(
  target: PatchTarget,
  elements: JsonValue[],
  written: ReadonlySet<JsonValue>,
  context: OperationContext,
): JsonValue[] {
  const { attribute } = target.resolved;
  if (attribute.type !== 'complex' || findSubAttribute(attribute, 'primary') === undefined) return elements;
  const isPrimary = (element: JsonValue) => isJsonObject(element) && element['primary'] === true;
  const newPrimaries = elements.filter((element) => written.has(element) && isPrimary(element));
  if (newPrimaries.length > 1) {
    throw operationError(
      context,
      'invalidValue',
      `it would mark ${newPrimaries.length} values of "${attributeName(target)}" as "primary": true, but at most one ` +
        'value may be primary (RFC 7643 section 2.4). Mark only the preferred value as primary.',
    );
  }
  if (newPrimaries.length === 0) return elements;
  return elements.map((element) => {
    if (written.has(element) || !isPrimary(element) || !isJsonObject(element)) return element;
    const { primary: _lost, ...rest } = element;
    return rest;
  });
}

function attributeName(target: PatchTarget): string {
  const { resolved } = target;
  return resolved.core ? resolved.attribute.name : `${resolved.schema}:${resolved.attribute.name}`;
}

/** The elements `value` stands for: an array, or one element (a lone object or scalar is wrapped). */
function canonicalElements(target: PatchTarget, value: JsonValue): JsonValue[] {
  const { attribute } = target.resolved;
  const list = Array.isArray(value) ? value : [value];
  const canonical = canonicaliseValue(attribute, list, attributeName(target));
  return canonical === undefined ? [] : (canonical as JsonValue[]);
}

function sameString(a: JsonValue | undefined, b: JsonValue | undefined, caseExact: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return caseExact ? a === b : a.toLowerCase() === b.toLowerCase();
  return jsonEqual(a ?? null, b ?? null);
}

/** Two elements that stand for the same value: equal, or the same `value` and `type`. */
function sameElement(attribute: AttributeDefinition, a: JsonValue, b: JsonValue): boolean {
  if (jsonEqual(a, b)) return true;
  if (attribute.type !== 'complex' || !isJsonObject(a) || !isJsonObject(b)) return false;
  if (a['value'] === undefined || b['value'] === undefined) return false;
  const caseExact = findSubAttribute(attribute, 'value')?.caseExact ?? false;
  return sameString(a['value'], b['value'], caseExact) && sameString(a['type'], b['type'], false);
}

/**
 * A key under which two elements are the same value (see `sameElement`), for elements that have
 * one: simple values, and complex elements with a string `value`. Undefined otherwise.
 */
function elementKey(attribute: AttributeDefinition, element: JsonValue): string | undefined {
  if (attribute.type !== 'complex') return typeof element === 'object' ? undefined : JSON.stringify(element);
  if (!isJsonObject(element) || typeof element['value'] !== 'string') return undefined;
  const caseExact = findSubAttribute(attribute, 'value')?.caseExact ?? false;
  const value = caseExact ? element['value'] : element['value'].toLowerCase();
  const type =
    typeof element['type'] === 'string'
      ? `s:${element['type'].toLowerCase()}`
      : JSON.stringify(element['type'] ?? null);
  return `${value}\u0000${type}`;
}

/** add to the whole list: new values are appended; a value already present is merged, not repeated. */
export function addElements(
  document: JsonObject,
  target: PatchTarget,
  value: JsonValue,
  context: OperationContext,
): void {
  const additions = canonicalElements(target, value);
  if (additions.length === 0) return;
  const { attribute } = target.resolved;
  const elements = currentElements(document, target);
  const byKey = new Map<string, number>();
  elements.forEach((element, index) => {
    const key = elementKey(attribute, element);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, index);
  });
  const written = new Set<JsonValue>();
  for (const addition of additions) {
    const key = elementKey(attribute, addition);
    const index =
      key !== undefined
        ? (byKey.get(key) ?? -1)
        : elements.findIndex((element) => sameElement(attribute, element, addition));
    if (index < 0) {
      if (key !== undefined) byKey.set(key, elements.length);
      elements.push(addition);
      written.add(addition);
      continue;
    }
    const existing = elements[index] as JsonValue;
    const merged = isJsonObject(existing) && isJsonObject(addition) ? { ...existing, ...addition } : existing;
    elements[index] = merged;
    written.add(merged);
  }
  storeElements(document, target, elements, written, context);
}

/** replace of the whole list. */
export function replaceElements(
  document: JsonObject,
  target: PatchTarget,
  value: JsonValue,
  context: OperationContext,
): void {
  const elements = isEmptyValue(value) ? [] : canonicalElements(target, value);
  storeElements(document, target, elements, new Set(elements), context);
}

/**
 * remove of the whole list, or (with a value, as SCIMMY and Entra-style clients send it) of the
 * listed values only: an element goes when every sub-attribute given for it matches.
 */
export function removeElements(
  document: JsonObject,
  target: PatchTarget,
  value: JsonValue | undefined,
  context: OperationContext,
): void {
  if (value === undefined || isEmptyValue(value)) {
    deleteAttribute(document, target.resolved);
    return;
  }
  const { attribute } = target.resolved;
  const matchers = canonicalElements(target, value);
  const matches = (element: JsonValue, matcher: JsonValue): boolean => {
    if (!isJsonObject(matcher) || !isJsonObject(element)) return sameElement(attribute, element, matcher);
    return Object.entries(matcher).every(([key, wanted]) => {
      const caseExact = findSubAttribute(attribute, key)?.caseExact ?? false;
      return sameString(element[key], wanted, caseExact);
    });
  };
  const kept = currentElements(document, target).filter(
    (element) => !matchers.some((matcher) => matches(element, matcher)),
  );
  storeElements(document, target, kept, new Set(), context);
}

/** add/replace of one sub-attribute on every element (`emails.display`); creates one element if none. */
export function writeSubOfEveryElement(
  document: JsonObject,
  target: PatchTarget,
  value: JsonValue,
  context: OperationContext,
): void {
  const sub = target.sub as AttributeDefinition;
  const next = isEmptyValue(value) ? undefined : canonicaliseValue(sub, value, target.label);
  const elements = currentElements(document, target);
  if (elements.length === 0) {
    if (next !== undefined) storeElements(document, target, [{ [sub.name]: next }], new Set(), context);
    return;
  }
  const written = new Set<JsonValue>();
  const updated = elements.map((element) => {
    const object = isJsonObject(element) ? element : {};
    assertImmutableUnchanged(target, context, object[sub.name], next);
    const { [sub.name]: _old, ...rest } = object;
    const result: JsonObject = next === undefined ? rest : { ...object, [sub.name]: next };
    written.add(result);
    return result;
  });
  storeElements(document, target, updated, written, context);
}

/** The element a filter describes, when it is `eq` comparisons of sub-attributes joined by `and`. */
export function elementFromFilter(filter: ResolvedFilter): JsonObject | undefined {
  const element: JsonObject = {};
  const collect = (node: ResolvedFilter): boolean => {
    if (node.kind === 'and') return collect(node.left) && collect(node.right);
    if (node.kind !== 'compare' || node.op !== 'eq' || node.value === null) return false;
    const sub = node.attr.subAttribute;
    if (sub === undefined || sub.type === 'complex') return false;
    let value: JsonValue | undefined;
    try {
      value = canonicaliseValue(sub, node.value, sub.name);
    } catch {
      return false;
    }
    if (value === undefined) return false;
    if (element[sub.name] !== undefined && !jsonEqual(element[sub.name], value)) return false;
    element[sub.name] = value;
    return true;
  };
  return collect(filter) ? element : undefined;
}

function noTarget(target: PatchTarget, context: OperationContext): Error {
  return operationError(
    context,
    'noTarget',
    `no value of "${attributeName(target)}" matches the filter, and the filter does not describe a new value to create ` +
      '(only "eq" comparisons joined by "and" can, as in emails[type eq "work"].value). Check the filter, or add the value first.',
  );
}

/** One element given as the value of a filtered path: an object, or a one-element array. */
function singleElement(target: PatchTarget, value: JsonValue, context: OperationContext): JsonObject {
  const elements = canonicalElements(target, value);
  if (elements.length > 1) {
    throw operationError(
      context,
      'invalidValue',
      `a path with a value filter selects existing values of "${attributeName(target)}", so "value" must be one JSON object, not a list of ${elements.length}.`,
    );
  }
  const [element] = elements;
  return isJsonObject(element) ? element : {};
}

/**
 * add / replace / remove through a value filter, with or without a sub-attribute after it. An
 * empty value (null or "") on add/replace removes what the path selects.
 */
export function patchFilteredElements(
  document: JsonObject,
  target: PatchTarget,
  op: PatchOpName,
  value: JsonValue | undefined,
  context: OperationContext,
): void {
  const filter = target.filter as ResolvedFilter;
  const sub = target.sub;
  const elements = currentElements(document, target);
  const selected = elements.map((element) => matchesElement(filter, element));
  const removal = op === 'remove' || value === undefined || isEmptyValue(value);
  const written = new Set<JsonValue>();

  if (removal) {
    const updated = elements.flatMap((element, index): JsonValue[] => {
      if (!selected[index]) return [element];
      if (sub === undefined) return [];
      const object = isJsonObject(element) ? element : {};
      if (!Object.hasOwn(object, sub.name)) return [element];
      assertImmutableUnchanged(target, context, object[sub.name], undefined);
      const { [sub.name]: _removed, ...rest } = object;
      return [rest];
    });
    storeElements(document, target, updated, written, context);
    return;
  }

  const equalities = elementFromFilter(filter);
  if (sub !== undefined) {
    const next = canonicaliseValue(sub, value, target.label) as JsonValue;
    const updated = elements.map((element, index) => {
      if (!selected[index]) return element;
      const object = isJsonObject(element) ? element : {};
      assertImmutableUnchanged(target, context, object[sub.name], next);
      const result: JsonObject = { ...object, [sub.name]: next };
      written.add(result);
      return result;
    });
    if (written.size === 0) {
      if (equalities === undefined) throw noTarget(target, context);
      const created: JsonObject = { ...equalities, [sub.name]: next };
      updated.push(created);
      written.add(created);
    }
    storeElements(document, target, updated, written, context);
    return;
  }

  const given = singleElement(target, value, context);
  const updated = elements.map((element, index) => {
    if (!selected[index]) return element;
    const result =
      op === 'add'
        ? mergeSubAttributes(target, isJsonObject(element) ? element : {}, given, context)
        : { ...(equalities ?? {}), ...given };
    written.add(result);
    return result;
  });
  if (written.size === 0) {
    if (equalities === undefined) throw noTarget(target, context);
    const created: JsonObject = { ...equalities, ...given };
    updated.push(created);
    written.add(created);
  }
  storeElements(document, target, updated, written, context);
}
