/**
 * The service provider's root operations: `POST /Bulk` (RFC 7644 section 3.7) and
 * `POST /.search` across resource types (section 3.4.3).
 */
import type { FastifyInstance } from 'fastify';
import { runBulk } from '../../directory/bulk-operations.js';
import type { Directory } from '../../directory/directory.js';
import { searchAllResources } from '../../directory/root-search.js';
import { ScimError } from '../../scim/errors.js';
import { sendScim } from '../scim-wire.js';
import { scimBaseUrl, searchRequest } from '../scim-request.js';
import { listResponse } from './resource-routes.js';

export function registerBulkAndSearchRoutes(app: FastifyInstance, directory: Directory, publicUrl: string | undefined): void {
  app.post('/Bulk', async (request, reply) => {
    request.scimActivity = { resourceType: 'Bulk', resourceId: null, summary: { action: 'bulk' } };
    const response = await runBulk(directory, request.body, scimBaseUrl(request, publicUrl));
    const operations = response['Operations'];
    const failed = Array.isArray(operations)
      ? operations.filter((item) => typeof item === 'object' && item !== null && !Array.isArray(item) && !String(item['status']).startsWith('2')).length
      : 0;
    request.scimActivity.summary = { action: 'bulk', operations: Array.isArray(operations) ? operations.length : 0, failed };
    return sendScim(reply, 200, response);
  });

  app.post('/.search', async (request, reply) => {
    const query = searchRequest(request.body, scimBaseUrl(request, publicUrl));
    request.scimActivity = { resourceType: null, resourceId: null, summary: { action: 'search', filter: query.filter ?? null } };
    return sendScim(reply, 200, listResponse(await searchAllResources(directory, query)));
  });

  for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
    app.route({
      method,
      url: '/Bulk',
      handler: async (_request, reply) => {
        reply.header('Allow', 'POST');
        throw new ScimError(405, 'Bulk requests are sent with POST /Bulk and a BulkRequest body.');
      },
    });
  }
}
