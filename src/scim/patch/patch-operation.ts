/**
 * Where the PATCH engine is (which operation of the request) and the errors it raises there, each
 * naming the operation as `describeOperationSentence` words it (`src/scim/messages/patch-op.ts`).
 */
import { ScimError } from '../errors.js';
import { describeOperationSentence, type PatchOpName } from '../messages/patch-op.js';

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
