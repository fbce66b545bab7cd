/**
 * RFC 7644 section 3.7.3: the BulkResponse message (`urn:ietf:params:scim:api:messages:2.0:BulkResponse`),
 * one result per operation that ran, in request order.
 */
import type { JsonObject } from '../json.js';
import type { ErrorMessage } from './error.js';

export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/** What happened to one operation of a BulkRequest. */
export interface BulkOperationResult {
  method: string;
  bulkId?: string | undefined;
  /** The resource's URI; absent for a POST that failed. */
  location?: string | undefined;
  /** The resource's new ETag after a successful write. */
  version?: string | undefined;
  status: number;
  /** The Error message of a failed operation. */
  response?: ErrorMessage | undefined;
}

/** One element of the BulkResponse's `Operations`. */
export function bulkOperationResult(result: BulkOperationResult): JsonObject {
  const element: JsonObject = { method: result.method };
  if (result.bulkId !== undefined) element['bulkId'] = result.bulkId;
  if (result.location !== undefined) element['location'] = result.location;
  if (result.version !== undefined) element['version'] = result.version;
  element['status'] = String(result.status);
  if (result.response !== undefined) element['response'] = { ...result.response };
  return element;
}

export function bulkResponse(results: readonly BulkOperationResult[]): JsonObject {
  return { schemas: [BULK_RESPONSE_SCHEMA], Operations: results.map(bulkOperationResult) };
}
