/**
 * RFC 7644 section 3.5.2: the PatchOp request message (`urn:ietf:params:scim:api:messages:2.0:PatchOp`)
 * and its operations. Turns a parsed JSON body into a list of operations the engine can apply, or
 * a 400 whose detail names the operation at fault. Operations are numbered from 1 in prose,
 * because the detail is read by an IT admin in Okta's task list or Entra's provisioning log, not
 * by a program.
 *
 * Strict RFC 7644: the message has `schemas` (listing the PatchOp URN) and `Operations`, nothing
 * else; an operation has `op` ("add", "replace" or "remove", in lower case), `path` (a string) and
 * `value`, nothing else. Member names are case-insensitive (RFC 7643 section 2.1). The dialects
 * clients send instead (`"op": "Replace"`, `"path": ""`, an `id` next to `Operations`, ...) are
 * normalised at the HTTP edge by `src/compat/`.
 */
import { ScimError } from '../errors.js';
import type { JsonValue } from '../json.js';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  /** Absent when the client sent no path: the target is the resource itself. */
  path?: string;
  /** Absent when the client sent no value; `null` when it sent `null`. */
  value?: JsonValue;
}

/**
 * `operation 2 (op "add", path "emails[type eq \"work\"].value")`, or
 * `operation 1 (op "replace", no path)`. `index` is 0-based; the prose is 1-based.
 */
export function describeOperation(index: number, op: string, path: string | undefined): string {
  const where = path === undefined ? 'no path' : `path ${JSON.stringify(path)}`;
  return `operation ${index + 1} (op ${JSON.stringify(op)}, ${where})`;
}

/** The same, capitalised, to start a sentence. */
export function describeOperationSentence(index: number, op: string, path: string | undefined): string {
  const text = describeOperation(index, op, path);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The most operations one PATCH request may carry. Entra and Okta send at most a few hundred. */
export const MAX_PATCH_OPERATIONS = 10_000;

const OP_NAMES: readonly PatchOpName[] = ['add', 'replace', 'remove'];
const MESSAGE_MEMBERS: ReadonlySet<string> = new Set(['schemas', 'operations']);
const OPERATION_MEMBERS: ReadonlySet<string> = new Set(['op', 'path', 'value']);

const EXAMPLE =
  'Example: {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],' +
  '"Operations":[{"op":"replace","path":"active","value":false}]}.';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value of `key` in `object`, matching the key case-insensitively. Two spellings of one key
 * (`"value"` and `"Value"`) are refused: which one the client meant cannot be known.
 */
function member(object: Record<string, unknown>, key: string, where: string): unknown {
  const lower = key.toLowerCase();
  const names = Object.keys(object).filter((name) => name.toLowerCase() === lower);
  if (names.length > 1) {
    throw ScimError.invalidSyntax(
      `${where} has both ${names.map((name) => JSON.stringify(name)).join(' and ')}. Names in a PATCH request are case-insensitive, so these are the same member; send it once.`,
    );
  }
  const name = names[0];
  return name === undefined ? undefined : object[name];
}

/** Deepest nesting of arrays and objects accepted in an operation's value. */
export const MAX_VALUE_DEPTH = 100;

/** Why `value` is not usable JSON data ('nested too deep', 'not JSON'), or undefined when it is. */
function jsonValueProblem(value: unknown, depth = 0): 'nested too deep' | 'not JSON' | undefined {
  if (depth > MAX_VALUE_DEPTH) return 'nested too deep';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'not JSON';
  const items = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : undefined;
  if (items === undefined) return 'not JSON';
  for (const item of items) {
    const problem = jsonValueProblem(item, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const position = `Operation ${index + 1}`;
  if (!isPlainObject(raw)) {
    throw ScimError.invalidSyntax(
      `${position} of "Operations" must be a JSON object with "op", "path" and "value", but the request sent ${describeJson(raw)}. ${EXAMPLE}`,
    );
  }
  const sentPath = member(raw, 'path', position);
  const where = typeof sentPath === 'string' && sentPath.trim() !== '' ? ` (path ${JSON.stringify(sentPath)})` : '';
  const opRaw = member(raw, 'op', position);
  if (typeof opRaw !== 'string' || opRaw.trim() === '') {
    throw ScimError.invalidSyntax(
      `${position}${where} has no "op"; each operation needs "op" set to "add", "replace" or "remove". ${EXAMPLE}`,
    );
  }
  const op = OP_NAMES.find((name) => name === opRaw);
  if (op === undefined) {
    throw ScimError.invalidSyntax(
      `${position}${where} has op ${JSON.stringify(opRaw)}; SCIM PATCH supports only "add", "replace" and "remove" (RFC 7644 section 3.5.2).`,
    );
  }

  const stray = Object.keys(raw).find((key) => !OPERATION_MEMBERS.has(key.toLowerCase()));
  if (stray !== undefined) {
    throw ScimError.invalidSyntax(
      `${position}${where} has the member ${JSON.stringify(stray)}; an operation has only "op", "path" and "value" (RFC 7644 section 3.5.2).`,
    );
  }
  const path = sentPath;
  if (path !== undefined && typeof path !== 'string') {
    throw ScimError.invalidPath(
      `${position} (op ${JSON.stringify(op)}) has a "path" that is ${describeJson(path)}; a path must be a string such as "name.givenName" or "emails[type eq \\"work\\"].value".`,
    );
  }

  const hasValue = Object.keys(raw).some((key) => key.toLowerCase() === 'value');
  const value = member(raw, 'value', position);
  const operation: PatchOperation = { op };
  if (path !== undefined) operation.path = path;
  if (hasValue) {
    const problem = jsonValueProblem(value);
    if (problem === 'nested too deep') {
      throw ScimError.invalidValue(
        `${describeOperationSentence(index, op, path)} has a "value" nested more than ${MAX_VALUE_DEPTH} levels deep; no SCIM attribute is that deep. Send the attribute's value itself.`,
      );
    }
    if (problem !== undefined) {
      throw ScimError.invalidValue(
        `${describeOperationSentence(index, op, path)} has a "value" that is not valid JSON data.`,
      );
    }
    operation.value = value as JsonValue;
  }
  if (op !== 'remove' && !hasValue) {
    throw ScimError.invalidValue(
      `${describeOperationSentence(index, op, path)} has no "value"; "${op}" needs the new value (use op "remove" to clear an attribute).`,
    );
  }
  return operation;
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Parse a PatchOp body. An empty `Operations` array is a valid request that changes nothing.
 *
 * @throws ScimError 400 `invalidSyntax` for a malformed message or operation (including a member
 *   the message or an operation does not have, and `schemas` without the PatchOp URN),
 *   `invalidPath` for a non-string path, `invalidValue` for add/replace without a value or too
 *   many operations.
 */
export function parsePatchOp(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      `A PATCH request body must be a JSON object with an "Operations" array (RFC 7644 section 3.5.2), but the request sent ${describeJson(body)}. ${EXAMPLE}`,
    );
  }
  const operations = member(body, 'Operations', 'The PATCH request body');
  if (operations === undefined || operations === null) {
    throw ScimError.invalidSyntax(
      `The PATCH request body has no "Operations" array, so there is nothing to apply. ${EXAMPLE}`,
    );
  }
  if (!Array.isArray(operations)) {
    throw ScimError.invalidSyntax(
      `"Operations" in the PATCH request body must be an array of operations, but the request sent ${describeJson(operations)}. ${EXAMPLE}`,
    );
  }
  const stray = Object.keys(body).find((key) => !MESSAGE_MEMBERS.has(key.toLowerCase()));
  if (stray !== undefined) {
    throw ScimError.invalidSyntax(
      `The PATCH request body has the member ${JSON.stringify(stray)}; a PatchOp message has only "schemas" and "Operations" (RFC 7644 section 3.5.2). ${EXAMPLE}`,
    );
  }
  if (!declaresPatchOpSchema(body)) {
    throw ScimError.invalidSyntax(
      `The PATCH request body must list "${PATCH_OP_SCHEMA}" in "schemas" (RFC 7644 section 3.5.2). ${EXAMPLE}`,
    );
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw ScimError.invalidValue(
      `The PATCH request has ${operations.length} operations; at most ${MAX_PATCH_OPERATIONS} are accepted in one request. Split the change into several PATCH requests.`,
    );
  }
  return operations.map((raw, index) => parseOperation(raw, index));
}

/** True when a body's `schemas` lists the PatchOp URN (URNs compare case-insensitively). */
export function declaresPatchOpSchema(body: unknown): boolean {
  if (!isPlainObject(body)) return false;
  const name = Object.keys(body).find((key) => key.toLowerCase() === 'schemas');
  const schemas = name === undefined ? undefined : body[name];
  return (
    Array.isArray(schemas) &&
    schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())
  );
}
