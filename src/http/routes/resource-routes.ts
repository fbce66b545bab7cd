/**
 * `/Users` and `/Groups`: RFC 7644 section 3 over the directory. Users answer PATCH with 200 and
 * the resource (Entra's validator requires a body); Groups answer 204 unless the client asked for
 * attributes, so that a membership change never serialises a 100,000-member group.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Directory } from '../../directory/directory.js';
import type { ProjectionOptions, WriteContext } from '../../directory/directory-types.js';
import { etagMatches, etagOf } from '../../directory/scim-representation.js';
import { withClientDialect } from '../client-dialect-hooks.js';
import { SCIM_MEDIA_TYPE, sendScim } from '../scim-wire.js';
import { listResponse } from '../../scim/messages/list-response.js';
import { ScimError } from '../../scim/errors.js';
import { listRequest, projectionOptions, queryParameters, scimBaseUrl, searchRequest } from '../scim-request.js';
import { isAttributeRequested, projectResource } from '../../scim/resources/resource-attribute-projection.js';

type ResourceKind = 'User' | 'Group';

interface IdParams {
  id: string;
}

function hasProjection(options: ProjectionOptions): boolean {
  return options.attributes !== undefined || options.excludedAttributes !== undefined;
}

export function registerResourceRoutes(
  app: FastifyInstance,
  directory: Directory,
  publicUrl: string | undefined,
): void {
  const kinds: { kind: ResourceKind; endpoint: string }[] = [
    { kind: 'User', endpoint: '/Users' },
    { kind: 'Group', endpoint: '/Groups' },
  ];
  for (const { kind, endpoint } of kinds) {
    const resources = kind === 'User' ? directory.users : directory.groups;
    const context = (request: FastifyRequest): WriteContext => {
      const ifMatch = request.headers['if-match'];
      return {
        scimBaseUrl: scimBaseUrl(request, publicUrl),
        ifMatch: typeof ifMatch === 'string' ? ifMatch : ifMatch?.[0],
        projection: projectionOptions(queryParameters(request)),
      };
    };

    const list = async (request: FastifyRequest, reply: FastifyReply, fromBody: boolean): Promise<FastifyReply> => {
      const base = scimBaseUrl(request, publicUrl);
      const query = fromBody
        ? searchRequest(request.scimBody, base)
        : listRequest(request.scimParameters ?? queryParameters(request), base);
      request.scimActivity = {
        resourceType: kind,
        resourceId: null,
        summary: { action: 'list', filter: query.filter ?? null },
      };
      const page = await resources.list(query);
      return sendScim(reply, 200, listResponse(page));
    };

    app.get(endpoint, withClientDialect({ kind: 'list', resourceType: kind }), (request, reply) =>
      list(request, reply, false),
    );
    app.route({
      method: ['PUT', 'PATCH', 'DELETE'],
      url: endpoint,
      handler: async (request, reply) => {
        reply.header('Allow', 'GET, POST');
        throw new ScimError(
          405,
          `${request.method} needs a resource id: send it to ${endpoint}/{id}. ${endpoint} itself accepts GET (list, filter) and POST (create).`,
        );
      },
    });
    app.route({
      method: ['POST'],
      url: `${endpoint}/:id`,
      handler: async (request, reply) => {
        reply.header('Allow', 'GET, PUT, PATCH, DELETE');
        throw new ScimError(
          405,
          `POST is not allowed on a single ${kind}: use PUT to replace it or PATCH to change it, or POST to ${endpoint} to create a new one.`,
        );
      },
    });
    app.post(`${endpoint}/.search`, withClientDialect({ kind: 'search', resourceTypes: [kind] }), (request, reply) =>
      list(request, reply, true),
    );

    app.post(endpoint, withClientDialect({ kind: 'resource', resourceType: kind }), async (request, reply) => {
      request.scimActivity = { resourceType: kind, resourceId: null, summary: { action: 'create' } };
      const outcome = await resources.create(request.scimBody, context(request));
      request.scimActivity = { resourceType: kind, resourceId: outcome.id, summary: outcome.summary };
      const projection = projectionOptions(queryParameters(request));
      const registry = (await directory.catalog.current()).registry;
      reply.header('Location', `${scimBaseUrl(request, publicUrl)}${endpoint}/${outcome.id}`);
      reply.header('ETag', etagOf(outcome.version));
      return sendScim(reply, 201, projectResource(outcome.resource, kind, registry, projection));
    });

    app.get<{ Params: IdParams }>(`${endpoint}/:id`, async (request, reply) => {
      const { id } = request.params;
      request.scimActivity = { resourceType: kind, resourceId: id, summary: { action: 'read' } };
      const projection = projectionOptions(queryParameters(request));
      if (kind === 'Group' && !hasProjection(projection)) {
        // The whole group, members included: streamed, and never answered with 304 (see below).
        const streamed = await directory.groups.getAsJsonText(id, scimBaseUrl(request, publicUrl));
        reply.header('ETag', etagOf(streamed.version));
        return reply.code(200).type(SCIM_MEDIA_TYPE).send(Readable.from(streamed.chunks));
      }
      const found = await resources.get(id, scimBaseUrl(request, publicUrl), projection);
      reply.header('ETag', etagOf(found.version));
      // The version covers the resource's own attributes. Memberships change without it (a member
      // deleted elsewhere), so a 304 is only given when none are returned.
      const ifNoneMatch = request.headers['if-none-match'];
      const registry = (await directory.catalog.current()).registry;
      const membershipShown = isAttributeRequested(kind, registry, projection, kind === 'User' ? 'groups' : 'members');
      if (typeof ifNoneMatch === 'string' && !membershipShown && etagMatches(ifNoneMatch, found.version))
        return reply.code(304).send();
      return sendScim(reply, 200, found.resource);
    });

    app.put<{ Params: IdParams }>(
      `${endpoint}/:id`,
      withClientDialect({ kind: 'resource', resourceType: kind }),
      async (request, reply) => {
        const { id } = request.params;
        request.scimActivity = { resourceType: kind, resourceId: id, summary: { action: 'replace' } };
        const outcome = await resources.replace(id, request.scimBody, context(request));
        request.scimActivity.summary = outcome.summary;
        const registry = (await directory.catalog.current()).registry;
        reply.header('ETag', etagOf(outcome.version));
        return sendScim(
          reply,
          200,
          projectResource(outcome.resource, kind, registry, projectionOptions(queryParameters(request))),
        );
      },
    );

    app.patch<{ Params: IdParams }>(
      `${endpoint}/:id`,
      withClientDialect({ kind: 'patch', resourceType: kind }),
      async (request, reply) => {
        const { id } = request.params;
        request.scimActivity = { resourceType: kind, resourceId: id, summary: { action: 'patch' } };
        const projection = projectionOptions(queryParameters(request));
        if (kind === 'User') {
          const outcome = await directory.users.patch(id, request.scimBody, context(request));
          request.scimActivity.summary = outcome.summary;
          const registry = (await directory.catalog.current()).registry;
          reply.header('ETag', etagOf(outcome.version));
          return sendScim(reply, 200, projectResource(outcome.resource, 'User', registry, projection));
        }
        const outcome = await directory.groups.patch(id, request.scimBody, context(request));
        request.scimActivity.summary = outcome.summary;
        reply.header('ETag', etagOf(outcome.version));
        if (!hasProjection(projection)) return reply.code(204).send();
        const found = await directory.groups.get(id, scimBaseUrl(request, publicUrl), projection);
        return sendScim(reply, 200, found.resource);
      },
    );

    app.delete<{ Params: IdParams }>(`${endpoint}/:id`, async (request, reply) => {
      const { id } = request.params;
      request.scimActivity = { resourceType: kind, resourceId: id, summary: { action: 'delete' } };
      const outcome = await resources.delete(id, context(request));
      request.scimActivity.summary = outcome.summary;
      return reply.code(204).send();
    });
  }
}
