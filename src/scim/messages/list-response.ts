/**
 * RFC 7644 section 3.4.2: the ListResponse message (`urn:ietf:params:scim:api:messages:2.0:ListResponse`)
 * that answers a query, a search and the discovery lists, with RFC 9865's `nextCursor`.
 */
import type { JsonObject } from '../json.js';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** One page of results, as a query produced it. */
export interface ResultPage {
  totalResults: number;
  itemsPerPage: number;
  /** 1-based; absent in cursor paging (RFC 9865). */
  startIndex: number | undefined;
  nextCursor?: string | undefined;
  resources: JsonObject[];
}

/** The ListResponse for `page`; `Resources` is always present, `[]` when empty. */
export function listResponse(page: ResultPage): JsonObject {
  const message: JsonObject = {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: page.totalResults,
    itemsPerPage: page.itemsPerPage,
  };
  if (page.startIndex !== undefined) message['startIndex'] = page.startIndex;
  if (page.nextCursor !== undefined) message['nextCursor'] = page.nextCursor;
  message['Resources'] = page.resources;
  return message;
}

/** A complete list on one page (discovery: `/ResourceTypes`, `/Schemas`). */
export function completeListResponse(resources: JsonObject[]): JsonObject {
  return listResponse({ totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, resources });
}
