/** Types shared by the user and group directories. */
import type { JsonObject, JsonValue } from '../scim/json.js';
import type { SearchRequest } from '../scim/messages/search-request.js';
import type { ProjectionOptions } from '../scim/resources/resource-attribute-projection.js';

export interface WriteContext {
  /** `<origin>/api/scim/v2`, for `meta.location` and `$ref`. */
  scimBaseUrl: string;
  /** The request's If-Match header, when sent. */
  ifMatch?: string | undefined;
  /** `attributes` / `excludedAttributes` of the response, so that excluded members are not loaded. */
  projection?: ProjectionOptions | undefined;
}

export type { ProjectionOptions } from '../scim/resources/resource-attribute-projection.js';

/** The result of a SCIM write, with what the activity log records about it. */
export interface WriteOutcome {
  resource: JsonObject;
  id: string;
  version: number;
  /** Redacted, for the activity log. */
  summary: JsonValue;
}

/** A SearchRequest (from a query string or a `.search` body) and where the service is. */
export interface ListRequest extends SearchRequest {
  /** `<origin>/api/scim/v2`, for `meta.location` and `$ref`. */
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
