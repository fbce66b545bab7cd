/**
 * RFC 7644 section 3.4.3: the SearchRequest message (`urn:ietf:params:scim:api:messages:2.0:SearchRequest`),
 * the body of `POST /.search`, with RFC 9865's `cursor`. The same parameters come in the query
 * string of a GET; both become a `SearchRequest`.
 */
import { ScimError } from '../errors.js';
import { parseAttributeList, type ProjectionOptions } from '../resources/resource-attribute-projection.js';

export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

export interface SearchRequest extends ProjectionOptions {
  filter?: string | undefined;
  sortBy?: string | undefined;
  sortOrder?: string | undefined;
  /** 1-based. */
  startIndex?: number | undefined;
  count?: number | undefined;
  /** RFC 9865: undefined = index paging; '' = first cursor page; otherwise an opaque cursor. */
  cursor?: string | undefined;
}

/**
 * Parse a SearchRequest body; member names are matched case-insensitively. No body is a search
 * for everything.
 * @throws ScimError 400 `invalidSyntax` for a body that is not an object, `invalidValue` for a
 *   member of the wrong type.
 */
export function parseSearchRequest(body: unknown): SearchRequest {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw ScimError.invalidSyntax(`A search request body must be a JSON object (${SEARCH_REQUEST_SCHEMA}).`);
  }
  const fields = new Map(
    Object.entries(body as Record<string, unknown>).map(([key, value]) => [key.toLowerCase(), value]),
  );
  const text = (name: string): string | undefined => {
    const value = fields.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw ScimError.invalidValue(`"${name}" in the search request must be a string.`);
    return value;
  };
  const integer = (name: string): number | undefined => {
    const value = fields.get(name.toLowerCase());
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw ScimError.invalidValue(`"${name}" in the search request must be an integer.`);
    return value;
  };
  const list = (name: string): string[] | undefined => {
    const value = fields.get(name.toLowerCase());
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    if (typeof value === 'string') return parseAttributeList(value);
    throw ScimError.invalidValue(`"${name}" in the search request must be an array of attribute names.`);
  };
  return {
    attributes: list('attributes'),
    excludedAttributes: list('excludedAttributes'),
    filter: text('filter'),
    sortBy: text('sortby'),
    sortOrder: text('sortorder'),
    startIndex: integer('startIndex'),
    count: integer('count'),
    cursor: text('cursor'),
  };
}
