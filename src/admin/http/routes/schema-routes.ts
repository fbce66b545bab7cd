/** The Library field mappings and the custom attributes. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { addCustomAttribute, listCustomAttributes, removeCustomAttribute } from '../../services/custom-attributes.js';
import { listMappings, setMapping } from '../../services/field-mappings.js';
import { type AdminRouteContext, signedInAdmin } from '../admin-route-context.js';
import { errorResponses } from '../schemas/common.js';
import {
  AttributeParamsSchema,
  CustomAttributeCreateSchema,
  CustomAttributeListSchema,
  CustomAttributeViewSchema,
  MappingChangeSchema,
  MappingListSchema,
  MappingParamsSchema,
} from '../schemas/mappings.js';

export function registerSchemaRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { directory } = context;

  api.get(
    '/mappings',
    {
      schema: {
        summary: 'Library field / SCIM attribute / SCIM schema table',
        response: { 200: MappingListSchema, ...errorResponses(401) },
      },
    },
    async () => ({ mappings: await listMappings(directory) }),
  );

  api.put(
    '/mappings/:field',
    {
      schema: {
        summary: 'Change the SCIM attribute that feeds a remappable Library field (applies to writes from now on)',
        params: MappingParamsSchema,
        body: MappingChangeSchema,
        response: { 200: MappingListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const mappings = await setMapping(directory, request.params.field, request.body.scimPath);
      request.log.info(
        { admin: signedInAdmin(request).username, field: request.params.field },
        'field mapping changed',
      );
      return { mappings };
    },
  );

  api.get(
    '/attributes',
    {
      schema: { summary: 'Custom attributes', response: { 200: CustomAttributeListSchema, ...errorResponses(401) } },
    },
    async () => ({ attributes: await listCustomAttributes(directory) }),
  );

  api.post(
    '/attributes',
    {
      schema: {
        summary: 'Add a custom attribute; it appears in /Schemas at once',
        body: CustomAttributeCreateSchema,
        response: {
          201: Type.Object(CustomAttributeViewSchema.properties, { description: 'Added and published.' }),
          ...errorResponses(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const attribute = await addCustomAttribute(directory, request.body);
      request.log.info({ admin: signedInAdmin(request).username, attribute: attribute.path }, 'custom attribute added');
      return reply.code(201).send(attribute);
    },
  );

  api.delete(
    '/attributes/:id',
    {
      schema: {
        summary: 'Remove a custom attribute (stored values stay, unpublished)',
        params: AttributeParamsSchema,
        response: { 200: CustomAttributeViewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const attribute = await removeCustomAttribute(directory, request.params.id);
      request.log.info(
        { admin: signedInAdmin(request).username, attribute: attribute.path },
        'custom attribute removed',
      );
      return attribute;
    },
  );
}
