/**
 * RFC 7644 section 3.7: the BulkRequest message (`urn:ietf:params:scim:api:messages:2.0:BulkRequest`):
 * `failOnErrors` and the `Operations`, each with a method, a path, an optional `bulkId`, `version`
 * and `data`. Parsing checks the message; applying the operations is the directory's
 * (`src/directory/bulk-operations.ts`).
 */
import { ScimError } from '../errors.js';
import type { JsonValue } from '../json.js';

export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const MAX_BULK_OPERATIONS = 1000;
/** Deeper `data` is refused: nothing in a SCIM resource nests this far. */
const MAX_DATA_DEPTH = 64;

export interface BulkOperation {
  index: number;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  bulkId: string | undefined;
  version: string | undefined;
  path: string;
  data: JsonValue | undefined;
}

function fields(value: unknown, what: string): Map<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw ScimError.invalidSyntax(`${what} must be a JSON object.`);
  }
  return new Map(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key.toLowerCase(), item]));
}

export function parseBulkRequest(body: unknown): { operations: BulkOperation[]; failOnErrors: number | undefined } {
  const request = fields(body, `The bulk request body (${BULK_REQUEST_SCHEMA})`);
  const failOnErrors = request.get('failonerrors');
  if (
    failOnErrors !== undefined &&
    (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1)
  ) {
    throw ScimError.invalidValue(
      '"failOnErrors" must be a positive integer: the number of errors after which the rest of the operations are skipped.',
    );
  }
  const list = request.get('operations');
  if (!Array.isArray(list)) throw ScimError.invalidSyntax('A bulk request needs an "Operations" array.');
  if (list.length > MAX_BULK_OPERATIONS) {
    throw new ScimError(
      413,
      `The bulk request has ${list.length} operations; this server accepts at most ${MAX_BULK_OPERATIONS} per request (see /ServiceProviderConfig bulk.maxOperations). Split it.`,
    );
  }
  const seen = new Set<string>();
  const operations = list.map((raw, index): BulkOperation => {
    const operation = fields(raw, `Bulk operation ${index + 1}`);
    const sentMethod = operation.get('method');
    const method = typeof sentMethod === 'string' ? sentMethod.toUpperCase() : '';
    if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH' && method !== 'DELETE') {
      throw ScimError.invalidValue(
        `Bulk operation ${index + 1} has method "${String(operation.get('method'))}"; use POST, PUT, PATCH or DELETE.`,
      );
    }
    const path = operation.get('path');
    if (typeof path !== 'string' || path.trim() === '')
      throw ScimError.invalidValue(`Bulk operation ${index + 1} needs a "path" such as "/Users" or "/Groups/{id}".`);
    const bulkId = operation.get('bulkid');
    if (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId === ''))
      throw ScimError.invalidValue(`Bulk operation ${index + 1} has a "bulkId" that is not a non-empty string.`);
    if (method === 'POST' && bulkId === undefined)
      throw ScimError.invalidValue(`Bulk operation ${index + 1} is a POST and needs a "bulkId".`);
    if (typeof bulkId === 'string') {
      if (seen.has(bulkId))
        throw ScimError.invalidValue(`The bulkId "${bulkId}" is used by more than one operation; each must be unique.`);
      seen.add(bulkId);
    }
    const version = operation.get('version');
    if (depthOf(operation.get('data')) > MAX_DATA_DEPTH) {
      throw ScimError.invalidSyntax(
        `The "data" of bulk operation ${index + 1} is nested more than ${MAX_DATA_DEPTH} levels deep; no SCIM resource nests that far.`,
      );
    }
    return {
      index,
      method,
      bulkId: typeof bulkId === 'string' ? bulkId : undefined,
      version: typeof version === 'string' ? version : undefined,
      path: path.trim(),
      data: operation.get('data') as JsonValue | undefined,
    };
  });
  return { operations, failOnErrors: typeof failOnErrors === 'number' ? failOnErrors : undefined };
}

/** How deeply a JSON value nests, measured without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() ?? [null, 0];
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_DATA_DEPTH) return deepest;
    if (item !== null && typeof item === 'object') {
      for (const child of Object.values(item as Record<string, unknown>)) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
