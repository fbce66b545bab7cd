/**
 * RFC 7644 section 4 discovery: `/ServiceProviderConfig`, `/ResourceTypes` (User first) and
 * `/Schemas`, including the Strategy extensions and any custom attributes an admin added. They
 * advertise only what is implemented.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { MAX_BULK_OPERATIONS } from '../../scim/messages/bulk-request.js';
import type { Directory } from '../../directory/directory.js';
import { ScimError } from '../../scim/errors.js';
import type { ResourceTypeDefinition, SchemaDefinition } from '../../scim/schemas/types.js';
import { sendScim } from '../scim-wire.js';
import { completeListResponse } from '../../scim/messages/list-response.js';
import { scimBaseUrl } from '../scim-request.js';
import type { JsonObject, JsonValue } from '../../scim/json.js';

const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export function serviceProviderConfig(config: Config, base: string): JsonObject {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: `${base.replace(/\/api\/scim\/v2$/, '')}/admin`,
    patch: { supported: true },
    bulk: { supported: true, maxOperations: MAX_BULK_OPERATIONS, maxPayloadSize: config.maxBodyBytes },
    filter: { supported: true, maxResults: config.maxPageSize },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: config.defaultPageSize,
      maxPageSize: config.maxPageSize,
      cursorTimeout: 86_400,
    },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'Authentication with a bearer token generated in the Library admin console (Okta: "HTTP Header" mode).',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${base}/ServiceProviderConfig`,
    },
  };
}

export function resourceTypeResource(type: ResourceTypeDefinition, base: string): JsonObject {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.id,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema,
    schemaExtensions: type.schemaExtensions.map((extension) => ({
      schema: extension.schema,
      required: extension.required,
    })),
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.id}` },
  };
}

export function schemaResource(schema: SchemaDefinition, base: string): JsonObject {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes as unknown as JsonValue,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  };
}

export function registerDiscoveryRoutes(app: FastifyInstance, directory: Directory, config: Config): void {
  app.get('/ServiceProviderConfig', async (request, reply) =>
    sendScim(reply, 200, serviceProviderConfig(config, scimBaseUrl(request, config.publicUrl))),
  );

  app.get('/ResourceTypes', async (request, reply) => {
    const { registry } = await directory.catalog.current();
    const base = scimBaseUrl(request, config.publicUrl);
    return sendScim(
      reply,
      200,
      completeListResponse(registry.resourceTypes.map((type) => resourceTypeResource(type, base))),
    );
  });

  app.get<{ Params: { id: string } }>('/ResourceTypes/:id', async (request, reply) => {
    const { registry } = await directory.catalog.current();
    const type = registry.resourceTypes.find(
      (candidate) => candidate.id.toLowerCase() === request.params.id.toLowerCase(),
    );
    if (!type)
      throw ScimError.notFound(`There is no resource type "${request.params.id}". This server has User and Group.`);
    return sendScim(reply, 200, resourceTypeResource(type, scimBaseUrl(request, config.publicUrl)));
  });

  app.get('/Schemas', async (request, reply) => {
    const { registry } = await directory.catalog.current();
    const base = scimBaseUrl(request, config.publicUrl);
    return sendScim(
      reply,
      200,
      completeListResponse(registry.allSchemas().map((schema) => schemaResource(schema, base))),
    );
  });

  app.get<{ Params: { id: string } }>('/Schemas/:id', async (request, reply) => {
    const { registry } = await directory.catalog.current();
    const schema = registry.schema(request.params.id);
    if (!schema) {
      throw ScimError.notFound(
        `There is no schema "${request.params.id}". GET /Schemas lists the ${registry.allSchemas().length} schemas this server publishes.`,
      );
    }
    return sendScim(reply, 200, schemaResource(schema, scimBaseUrl(request, config.publicUrl)));
  });
}
