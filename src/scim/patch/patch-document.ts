/**
 * Reading and writing one attribute of the working copy of a stored document (core attributes
 * at the top level, extension attributes under their canonical URN key). The engine clones the
 * input document once and then edits the clone through these helpers, so the input is never
 * touched and a failing operation leaves nothing behind.
 */
import type { ResolvedAttribute } from '../schemas/types.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';

/** The object that holds `resolved.attribute`: the document, or its extension block. */
function holder(document: JsonObject, resolved: ResolvedAttribute, create: boolean): JsonObject | undefined {
  if (resolved.core) return document;
  const block = document[resolved.schema];
  if (isJsonObject(block)) return block;
  if (!create) return undefined;
  const fresh: JsonObject = {};
  document[resolved.schema] = fresh;
  return fresh;
}

/** The current value of the (top-level) attribute, or undefined. */
export function readAttribute(document: JsonObject, resolved: ResolvedAttribute): JsonValue | undefined {
  return holder(document, resolved, false)?.[resolved.attribute.name];
}

/** Set the (top-level) attribute, creating the extension block when needed. */
export function writeAttribute(document: JsonObject, resolved: ResolvedAttribute, value: JsonValue): void {
  const target = holder(document, resolved, true);
  if (target !== undefined) target[resolved.attribute.name] = value;
}

/** Delete the (top-level) attribute; an extension block left empty is deleted too. */
export function deleteAttribute(document: JsonObject, resolved: ResolvedAttribute): void {
  const target = holder(document, resolved, false);
  if (target === undefined) return;
  delete target[resolved.attribute.name];
  if (!resolved.core && Object.keys(target).length === 0) delete document[resolved.schema];
}

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/**
 * The values that mean "unassigned" in add/replace: null, or an empty array (RFC 7644 section
 * 3.5.2: unassigned attributes, the null value and an empty array are equivalent in state).
 * Entra's SCIM_Null_Update sends `""` for the same; the HTTP edge turns that into null.
 */
export function isEmptyValue(value: JsonValue | undefined): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

/** The value of `key` in `object`, matching case-insensitively (exact spelling first). */
export function entryOf(object: JsonObject, key: string): JsonValue | undefined {
  if (Object.hasOwn(object, key)) return object[key];
  const lower = key.toLowerCase();
  for (const [name, value] of Object.entries(object)) {
    if (name.toLowerCase() === lower) return value;
  }
  return undefined;
}
