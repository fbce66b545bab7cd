/**
 * Errors of the admin API: the same ScimError as the SCIM API, sent as `application/json` with
 * `status`, `detail` and (when it applies) `scimType`. A request that does not fit its route's
 * schemas arrives here as the 400 ScimError of `schema-validation.ts`. Fastify's own failures (bad
 * JSON, body too large) are mapped like the SCIM API maps them; anything unexpected becomes a 500
 * that leaks nothing and is logged with the request id.
 */
import type { FastifyInstance } from 'fastify';
import { toScimError } from '../../http/scim-wire.js';
import { ScimError } from '../../scim/errors.js';
import { StoreConflictError } from '../../store/store.js';

export function registerAdminErrorHandling(api: FastifyInstance): void {
  api.setErrorHandler(async (error, request, reply) => {
    let mapped: ScimError;
    if (error instanceof StoreConflictError) {
      mapped = new ScimError(409, error.message, 'uniqueness');
    } else {
      const { error: scimError, unexpected } = toScimError(error);
      if (unexpected) request.log.error({ err: error }, 'unexpected error in admin API request');
      mapped = scimError;
    }
    const retryAfter = mapped.headers['Retry-After'];
    if (retryAfter !== undefined) reply.header('Retry-After', retryAfter);
    const body: { status: string; detail: string; scimType?: string } = {
      status: String(mapped.status),
      detail: mapped.detail,
    };
    if (mapped.scimType !== undefined) body.scimType = mapped.scimType;
    return reply.code(mapped.status).type('application/json; charset=utf-8').send(body);
  });

  api.setNotFoundHandler(async (request, reply) => {
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send({
        status: '404',
        detail: `There is no admin API endpoint ${request.method} ${request.url.split('?')[0] ?? ''}. See GET /api/admin/openapi.json.`,
      });
  });
}
