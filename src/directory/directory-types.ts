import type { JsonObject, JsonValue } from '../scim/json.js';
/** Types shared by the user and group directories. */

export interface WriteContext {
  /** `<origin>/api/scim/v2`, for `meta.location` and `$ref`. */
  scimBaseUrl: string;
  /** The request's If-Match header, when sent. */
  ifMatch?: string | undefined;
  /** `attributes` / `excludedAttributes` of the response, so that excluded members are not loaded. */
  projection?: ProjectionOptions | undefined;
}

export interface ProjectionOptions {
  attributes?: string[] | undefined;
  excludedAttributes?: string[] | undefined;
}

/** The result of a SCIM write, with what the activity log records about it. */
export interface WriteOutcome {
  resource: JsonObject;
  id: string;
  version: number;
  /** Redacted, for the activity log. */
  summary: JsonValue;
}

export interface ListRequest extends ProjectionOptions {
  filter?: string | undefined;
  sortBy?: string | undefined;
  sortOrder?: string | undefined;
  /** 1-based. */
  startIndex?: number | undefined;
  count?: number | undefined;
  /** RFC 9865: undefined = index paging; '' = first cursor page; otherwise an opaque cursor. */
  cursor?: string | undefined;
  scimBaseUrl: string;
}

export interface ListPage {
  totalResults: number;
  startIndex: number | undefined;
  itemsPerPage: number;
  resources: JsonObject[];
  nextCursor?: string | undefined;
  previousCursor?: string | undefined;
}

export type DeprovisioningPolicy = 'hard' | 'soft';
