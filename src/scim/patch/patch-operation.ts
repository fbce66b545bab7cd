/**
 * The PATCH operation as the engine sees it (RFC 7644 section 3.5.2), and the wording that every
 * PATCH error uses to point at the operation that failed. Operations are numbered from 1 in
 * prose, because the detail is read by an IT admin in Okta's task list or Entra's provisioning
 * log, not by a program.
 */
import { ScimError } from '../errors.js';
import type { JsonValue } from '../json.js';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  /** Absent when the client sent no path (or an empty one): the target is the resource itself. */
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

/**
 * Rethrow a ScimError raised while handling one operation (by the path parser, the filter
 * resolver or a value check) with the operation named in front of its detail. The status is
 * kept; `scimType` is replaced when `scimType` is given (a bad filter inside a PATCH path is an
 * `invalidPath`, not an `invalidFilter`).
 */
export function withOperationContext(
  error: unknown,
  index: number,
  operation: { op: string; path?: string | undefined },
  scimType?: ScimError['scimType'],
): unknown {
  if (!(error instanceof ScimError)) return error;
  const prefix = describeOperationSentence(index, operation.op, operation.path);
  if (error.detail.startsWith(prefix)) return error;
  return new ScimError(error.status, `${prefix}: ${error.detail}`, scimType ?? error.scimType, { ...error.headers });
}

/** Where the engine is: which operation of the request, for error details. */
export interface OperationContext {
  /** 0-based position in `Operations`. */
  index: number;
  op: PatchOpName;
  path: string | undefined;
}

/** A 400 whose detail starts with the operation: `Operation 2 (op "add", path "x"): <message>`. */
export function operationError(
  context: OperationContext,
  scimType: NonNullable<ScimError['scimType']>,
  message: string,
): ScimError {
  return ScimError.badRequest(
    scimType,
    `${describeOperationSentence(context.index, context.op, context.path)}: ${message}`,
  );
}
