/**
 * One attribute value, checked against its definition and written with canonical names. Shared by
 * POST/PUT input (`resource-input.ts`) and the PATCH engine (values of add/replace operations).
 */
import { ScimError } from '../errors.js';
import { findSubAttribute } from '../schemas/schema-registry.js';
import type { AttributeDefinition, AttributeType } from '../schemas/types.js';
import { unstorableTextReason } from '../unicode-text.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';

/** How a received JSON value reads in an error detail: `the string "yes"`, `an array`. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return value === '' ? 'an empty string' : `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'an array';
  return 'a JSON object';
}

function expectation(attr: AttributeDefinition): string {
  const kinds: Record<AttributeType, string> = {
    string: 'a string',
    reference: 'a string (a URI reference)',
    binary: 'a base64-encoded string',
    boolean: 'a boolean (true or false)',
    integer: 'a whole number (for example 42)',
    decimal: 'a number (for example 1.5)',
    dateTime: 'an ISO 8601 date and time (for example "2025-01-23T04:56:22Z")',
    complex: `a JSON object with the sub-attributes ${(attr.subAttributes ?? []).map((sub) => sub.name).join(', ')}`,
  };
  return kinds[attr.type];
}

function wrongType(attr: AttributeDefinition, path: string, value: unknown): ScimError {
  return ScimError.invalidValue(
    `Attribute "${path}" must be ${expectation(attr)}, but the request sent ${describeJson(value)}.`,
  );
}

/** xsd:dateTime as RFC 7643 section 2.3.5 uses it; a bare date is accepted too. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/i;

function isDateTime(text: string): boolean {
  if (!DATE_TIME.test(text)) return false;
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const sameDay = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  return sameDay && !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text));
}

function canonicaliseSimple(attr: AttributeDefinition, value: JsonValue, path: string): JsonValue {
  switch (attr.type) {
    case 'string':
    case 'reference':
    case 'binary': {
      if (typeof value !== 'string') throw wrongType(attr, path, value);
      const problem = unstorableTextReason(value);
      if (problem !== undefined) {
        throw ScimError.invalidValue(
          `Attribute "${path}" contains ${problem}; no SCIM value can contain it. Correct the value in the identity provider and send it again.`,
        );
      }
      return value;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw wrongType(attr, path, value);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrongType(attr, path, value);
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(attr, path, value);
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || !isDateTime(value)) throw wrongType(attr, path, value);
      return value;
    case 'complex':
      throw new Error(`canonicaliseSimple called for complex attribute ${path}`);
  }
}

/**
 * Keys of `object` by lower-cased name; two keys that differ only in case, both with a value,
 * are a client mistake (which one would win?).
 */
export function keysByLowerName(object: JsonObject, where: string): Map<string, [string, JsonValue]> {
  const keys = new Map<string, [string, JsonValue]>();
  for (const [key, value] of Object.entries(object)) {
    const lower = key.toLowerCase();
    const earlier = keys.get(lower);
    if (earlier !== undefined && earlier[1] !== null && value !== null) {
      throw ScimError.invalidSyntax(
        `${where} has both "${earlier[0]}" and "${key}". Attribute names are case-insensitive, so these name ` +
          'the same attribute; send it once.',
      );
    }
    if (earlier === undefined || earlier[1] === null) keys.set(lower, [key, value]);
  }
  return keys;
}

function canonicaliseComplex(attr: AttributeDefinition, value: JsonValue, path: string): JsonObject | undefined {
  if (!isJsonObject(value)) throw wrongType(attr, path, value);
  const result: JsonObject = {};
  for (const [key, subValue] of keysByLowerName(value, `The value of "${path}"`).values()) {
    const sub = findSubAttribute(attr, key);
    // Unknown sub-attributes are ignored; read-only ones (display names the server fills in) are
    // echoed by clients and dropped.
    if (sub === undefined || sub.mutability === 'readOnly') continue;
    const canonical = canonicaliseValue(sub, subValue, `${path}.${sub.name}`);
    if (canonical !== undefined) result[sub.name] = canonical;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

function canonicaliseSingle(attr: AttributeDefinition, value: JsonValue, path: string): JsonValue | undefined {
  return attr.type === 'complex' ? canonicaliseComplex(attr, value, path) : canonicaliseSimple(attr, value, path);
}

function checkOnePrimary(attr: AttributeDefinition, values: JsonValue[], path: string): void {
  if (findSubAttribute(attr, 'primary') === undefined) return;
  const primaries = values.filter((element) => isJsonObject(element) && element['primary'] === true).length;
  if (primaries > 1) {
    throw ScimError.invalidValue(
      `Attribute "${path}" has ${primaries} values marked "primary": true, but at most one value may be primary ` +
        '(RFC 7643 section 2.4). Mark only the preferred value as primary.',
    );
  }
}

/**
 * Check one attribute value against its definition and return it in canonical form.
 *
 * Contract:
 * - `value` is what the client sent for `attr` (a JSON value; `undefined` is accepted too).
 *   `path` is how the attribute is named in error details, e.g. `emails` or
 *   `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
 * - Returns `undefined` when the value means "no value": `null`, an empty array, an array of
 *   nulls, or a complex value with no known sub-attribute left. Callers drop the attribute then.
 * - Sub-attribute names are matched case-insensitively and written in canonical case. Unknown
 *   sub-attributes and `readOnly` sub-attributes (such as `manager.displayName`) are dropped.
 * - Types are checked, never coerced: booleans must be JSON booleans (the strings "True" and
 *   "False" that some clients send are turned into booleans at the HTTP edge, `src/compat/`),
 *   strings strings (numbers are refused), integers whole numbers, decimals finite numbers,
 *   dateTime an ISO 8601 string (kept as sent), complex values JSON objects. A multi-valued attribute needs an array; a single JSON object given for a
 *   multi-valued complex attribute is wrapped into a one-element array.
 * - In a multi-valued complex attribute at most one element may have `primary: true`.
 * - Canonical values (such as `type` "work") are NOT enforced: clients send others ("untyped").
 * - Does NOT check the mutability of `attr` itself nor whether it is required: the caller does.
 * - Never mutates `value`. Throws ScimError 400 `invalidValue` naming `path` on a wrong type.
 */
export function canonicaliseValue(attr: AttributeDefinition, value: unknown, path: string): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  const json = value as JsonValue;
  if (!attr.multiValued) {
    if (Array.isArray(json)) throw wrongType(attr, path, json);
    return canonicaliseSingle(attr, json, path);
  }
  let elements: JsonValue[];
  if (Array.isArray(json)) elements = json;
  else if (attr.type === 'complex' && isJsonObject(json)) elements = [json];
  else {
    throw ScimError.invalidValue(
      `Attribute "${path}" is multi-valued and must be a JSON array of ${attr.type === 'complex' ? 'objects' : `${attr.type} values`}, ` +
        `but the request sent ${describeJson(json)}.`,
    );
  }
  const result: JsonValue[] = [];
  for (const element of elements) {
    if (element === null) continue;
    if (Array.isArray(element)) throw wrongType(attr, path, element);
    const canonical = canonicaliseSingle(attr, element, path);
    if (canonical !== undefined) result.push(canonical);
  }
  if (result.length === 0) return undefined;
  checkOnePrimary(attr, result, path);
  return result;
}
