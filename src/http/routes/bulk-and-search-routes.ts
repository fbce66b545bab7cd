/**
 * The service provider's root operations: `POST /Bulk` (RFC 7644 section 3.7) and
 * `POST /.search` across resource types (section 3.4.3).
 */
import type { FastifyInstance } from 'fastify';
import { SCIM_BASE_PATH } from '../../config.js';
import { clientOf } from '../../directory/activity-log.js';
import { runBulk } from '../../directory/bulk-operations.js';
import type { Directory } from '../../directory/directory.js';
import { searchAllResources } from '../../directory/root-search.js';
import { ScimError } from '../../scim/errors.js';
import { withClientDialect } from '../client-dialect-hooks.js';
import { sendScim } from '../scim-wire.js';
import { scimBaseUrl, searchRequest } from '../scim-request.js';
import { listResponse } from '../../scim/messages/list-response.js';

export function registerBulkAndSearchRoutes(
  app: FastifyInstance,
  directory: Directory,
  publicUrl: string | undefined,
): void {
  app.post('/Bulk', withClientDialect({ kind: 'bulk' }), async (request, reply) => {
    request.scimActivity = { resourceType: 'Bulk', resourceId: null, summary: { action: 'bulk' } };
    const { response, audit } = await runBulk(directory, request.scimBody, scimBaseUrl(request, publicUrl));
    const failed = audit.filter((entry) => entry.status >= 400).length;
    request.scimActivity.summary = { action: 'bulk', operations: audit.length, failed };
    // One activity row per operation as well, so that each resource's history shows its changes.
    const at = new Date().toISOString();
    audit.forEach((entry, index) => {
      directory.activity.record({
        at,
        requestId: `${request.id}#${index + 1}`,
        tokenId: request.scimToken?.id ?? null,
        tokenName: request.scimToken?.name ?? null,
        client: clientOf(request.headers['user-agent']),
        method: entry.method,
        path: `${SCIM_BASE_PATH}${entry.path}`,
        status: entry.status,
        scimType: entry.scimType,
        detail: entry.detail,
        resourceType: entry.resourceType,
        resourceId: entry.resourceId,
        summary: { action: 'bulk operation', bulkRequest: request.id },
        requestBody: null,
        durationMs: 0,
      });
    });
    return sendScim(reply, 200, response);
  });

  app.post(
    '/.search',
    withClientDialect({ kind: 'search', resourceTypes: ['User', 'Group'] }),
    async (request, reply) => {
      const query = searchRequest(request.scimBody, scimBaseUrl(request, publicUrl));
      request.scimActivity = {
        resourceType: null,
        resourceId: null,
        summary: { action: 'search', filter: query.filter ?? null },
      };
      return sendScim(reply, 200, listResponse(await searchAllResources(directory, query)));
    },
  );

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
