/**
 * Reading a SCIM request: the base URL to write into `meta.location`, and query parameters, whose
 * names are matched case-insensitively; unknown ones (such as Entra's `aadOptscim062020`) are
 * ignored.
 */
import type { FastifyRequest } from 'fastify';
import { SCIM_BASE_PATH } from '../config.js';
import { ScimError } from '../scim/errors.js';
import { parseSearchRequest } from '../scim/messages/search-request.js';
import { parseAttributeList, type ProjectionOptions } from '../scim/resources/resource-attribute-projection.js';
import type { ListRequest } from '../directory/directory-types.js';

/**
 * `<origin>/api/scim/v2` for `meta.location` and `Location`: PUBLIC_URL when set, else the
 * request's protocol and host (which follow X-Forwarded-Proto/-Host only when TRUST_PROXY is set,
 * so that a client cannot make the server write links to another host).
 */
export function scimBaseUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return `${publicUrl}${SCIM_BASE_PATH}`;
  return `${request.protocol}://${request.host}${SCIM_BASE_PATH}`;
}

export type QueryParameters = Map<string, string>;

export function queryParameters(request: FastifyRequest): QueryParameters {
  const parameters = new Map<string, string>();
  const query = request.query as Record<string, string | string[] | undefined> | undefined;
  for (const [name, value] of Object.entries(query ?? {})) {
    const text = Array.isArray(value) ? value[value.length - 1] : value;
    if (text === undefined) continue;
    if (text.includes('\u0000')) {
      throw ScimError.invalidValue(
        `The query parameter "${name}" contains a NUL character (%00), which no SCIM value may contain.`,
      );
    }
    parameters.set(name.toLowerCase(), text);
  }
  return parameters;
}

function integerParameter(parameters: QueryParameters, name: string): number | undefined {
  const raw = parameters.get(name.toLowerCase());
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw ScimError.invalidValue(`The query parameter "${name}" must be an integer, not "${raw}".`);
  }
  return value;
}

export function projectionOptions(parameters: QueryParameters): ProjectionOptions {
  return {
    attributes: parseAttributeList(parameters.get('attributes')),
    excludedAttributes: parseAttributeList(parameters.get('excludedattributes')),
  };
}

export function listRequest(parameters: QueryParameters, baseUrl: string): ListRequest {
  return {
    ...projectionOptions(parameters),
    filter: parameters.get('filter'),
    sortBy: parameters.get('sortby'),
    sortOrder: parameters.get('sortorder'),
    startIndex: integerParameter(parameters, 'startIndex'),
    count: integerParameter(parameters, 'count'),
    cursor: parameters.get('cursor'),
    scimBaseUrl: baseUrl,
  };
}

/** The body of a `POST /.search` request (RFC 7644 section 3.4.3), as list parameters. */
export function searchRequest(body: unknown, baseUrl: string): ListRequest {
  return { ...parseSearchRequest(body), scimBaseUrl: baseUrl };
}
