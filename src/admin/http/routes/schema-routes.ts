/** The Library field mappings and the custom attributes. */
import type { FastifyInstance } from 'fastify';
import { addCustomAttribute, listCustomAttributes, removeCustomAttribute } from '../../services/custom-attributes.js';
import { listMappings, setMapping } from '../../services/field-mappings.js';
import { type AdminRouteContext, signedInAdmin } from '../admin-route-context.js';

export function registerSchemaRoutes(api: FastifyInstance, context: AdminRouteContext): void {
  const { directory } = context;

  api.get('/mappings', async () => ({ mappings: await listMappings(directory) }));

  api.put<{ Params: { field: string } }>('/mappings/:field', async (request) => {
    const body = request.body as Record<string, unknown> | null | undefined;
    const mappings = await setMapping(directory, request.params.field, body?.['scimPath']);
    request.log.info({ admin: signedInAdmin(request).username, field: request.params.field }, 'field mapping changed');
    return { mappings };
  });

  api.get('/attributes', async () => ({ attributes: await listCustomAttributes(directory) }));

  api.post('/attributes', async (request, reply) => {
    const attribute = await addCustomAttribute(directory, request.body);
    request.log.info({ admin: signedInAdmin(request).username, attribute: attribute.path }, 'custom attribute added');
    return reply.code(201).send(attribute);
  });

  api.delete<{ Params: { id: string } }>('/attributes/:id', async (request) => {
    const attribute = await removeCustomAttribute(directory, request.params.id);
    request.log.info({ admin: signedInAdmin(request).username, attribute: attribute.path }, 'custom attribute removed');
    return attribute;
  });
}
