/**
 * The one place where client dialects are applied: a `preHandler` hook of the SCIM scope that
 * runs `src/compat/` over the body or the filter of every route that declares a
 * `clientDialect` in its config, before the handler hands them to the directory and the strict
 * core. The raw body stays in `request.body` (the activity log records what the client sent);
 * the strict one is `request.scimBody`, and a list's query parameters are `request.scimParameters`.
 *
 * Cost: routes without a dialect pay one property read; the others one cached schema look-up and
 * a walk over the body's keys. A body that needs nothing is passed on as the same object.
 */
import type { FastifyInstance } from 'fastify';
import {
  normalizeBulkBody,
  normalizeFilter,
  normalizePatchBody,
  normalizeResourceBody,
  normalizeSearchBody,
} from '../compat/client-dialects.js';
import type { Directory } from '../directory/directory.js';
import type { ResourceTypeName } from '../scim/schemas/types.js';
import { queryParameters, type QueryParameters } from './scim-request.js';

/** What a route receives from the client that may come in a client's dialect. */
export type ClientDialect =
  /** A PatchOp body for `/Users/{id}` or `/Groups/{id}`. */
  | { kind: 'patch'; resourceType: ResourceTypeName }
  /** A resource body of a POST or PUT. */
  | { kind: 'resource'; resourceType: ResourceTypeName }
  /** A SearchRequest body (`.search`), filtered over these resource types. */
  | { kind: 'search'; resourceTypes: readonly ResourceTypeName[] }
  /** A `filter` query parameter of a list. */
  | { kind: 'list'; resourceType: ResourceTypeName }
  /** A BulkRequest body. */
  | { kind: 'bulk' };

declare module 'fastify' {
  interface FastifyContextConfig {
    clientDialect?: ClientDialect;
  }
  interface FastifyRequest {
    /** The request body in strict RFC 7644 form, on routes with a `clientDialect`. */
    scimBody: unknown;
    /** The query parameters with the filter in strict RFC 7644 form, on list routes. */
    scimParameters: QueryParameters | null;
  }
}

/** Route options declaring what the route receives, for `app.post(url, withClientDialect(...), handler)`. */
export function withClientDialect(clientDialect: ClientDialect): { config: { clientDialect: ClientDialect } } {
  return { config: { clientDialect } };
}

export function registerClientDialectHooks(scim: FastifyInstance, directory: Directory): void {
  scim.decorateRequest('scimBody', null);
  scim.decorateRequest('scimParameters', null);
  scim.addHook('preHandler', async (request) => {
    const dialect = request.routeOptions.config.clientDialect;
    if (dialect === undefined) return;
    if (dialect.kind === 'list') {
      const parameters = queryParameters(request);
      const filter = parameters.get('filter');
      if (filter !== undefined) {
        const { registry } = await directory.catalog.current();
        parameters.set('filter', normalizeFilter(filter, [dialect.resourceType], registry));
      }
      request.scimParameters = parameters;
      return;
    }
    const { registry } = await directory.catalog.current();
    switch (dialect.kind) {
      case 'patch': {
        const { id } = request.params as { id?: string };
        request.scimBody = normalizePatchBody(request.body, dialect.resourceType, registry, id);
        return;
      }
      case 'resource':
        request.scimBody = normalizeResourceBody(request.body, dialect.resourceType, registry);
        return;
      case 'search':
        request.scimBody = normalizeSearchBody(request.body, dialect.resourceTypes, registry);
        return;
      case 'bulk':
        request.scimBody = normalizeBulkBody(request.body, registry);
        return;
    }
  });
}
