/** Users and groups: search, detail, members, deactivate/reactivate, delete, restore, purge, export. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ScimError } from '../../../scim/errors.js';
import { exportDirectory } from '../../services/directory-export.js';
import { groupDetail, groupMembers, listGroups } from '../../services/group-admin.js';
import { purgeSoftDeletedUsers } from '../../services/soft-delete-purge.js';
import { deleteUser, listUsers, restoreUser, setUserActive, userDetail } from '../../services/user-admin.js';
import { integerOf, queryOf } from '../admin-request.js';
import { type AdminRouteContext, baseUrlOf, signedInAdmin } from '../admin-route-context.js';

interface IdParams {
  id: string;
}

export function registerDirectoryRoutes(api: FastifyInstance, context: AdminRouteContext): void {
  const { directory } = context;

  api.get('/users', async (request) => {
    const query = queryOf(request);
    return listUsers(
      directory,
      {
        filter: query['filter'],
        startIndex: integerOf(query['startIndex'], 'startIndex'),
        count: integerOf(query['count'], 'count'),
        includeDeleted: query['includeDeleted'] === 'true',
      },
      baseUrlOf(context, request),
    );
  });

  api.get<{ Params: IdParams }>('/users/:id', async (request) =>
    userDetail(directory, request.params.id, baseUrlOf(context, request)),
  );

  api.patch<{ Params: IdParams }>('/users/:id', async (request) => {
    const body = request.body as Record<string, unknown> | null | undefined;
    const detail = await setUserActive(directory, request.params.id, body?.['active'], baseUrlOf(context, request));
    request.log.info(
      { admin: signedInAdmin(request).username, userId: request.params.id, active: detail.user.active },
      'user active changed',
    );
    return detail;
  });

  api.delete<{ Params: IdParams }>('/users/:id', async (request) => {
    const row = await deleteUser(directory, request.params.id);
    request.log.info({ admin: signedInAdmin(request).username, userId: row.id }, 'user deleted by hand');
    return row;
  });

  api.post<{ Params: IdParams }>('/users/:id/restore', async (request) => {
    const detail = await restoreUser(directory, request.params.id, baseUrlOf(context, request));
    request.log.info({ admin: signedInAdmin(request).username, userId: request.params.id }, 'user restored');
    return detail;
  });

  api.post('/users/purge-deleted', async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const days = body['olderThanDays'];
    if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 0)) {
      throw ScimError.invalidValue(
        '"olderThanDays" must be a whole number of days (0 or more); leave it out to purge every soft-deleted user.',
      );
    }
    const before = typeof days === 'number' ? new Date(Date.now() - days * 86_400_000) : undefined;
    const purged = await purgeSoftDeletedUsers(directory, before);
    request.log.info({ admin: signedInAdmin(request).username, purged }, 'soft-deleted users purged');
    return { purged };
  });

  api.get('/groups', async (request) => {
    const query = queryOf(request);
    return listGroups(
      directory,
      {
        filter: query['filter'],
        startIndex: integerOf(query['startIndex'], 'startIndex'),
        count: integerOf(query['count'], 'count'),
      },
      baseUrlOf(context, request),
    );
  });

  api.get<{ Params: IdParams }>('/groups/:id', async (request) =>
    groupDetail(directory, request.params.id, baseUrlOf(context, request)),
  );

  api.get<{ Params: IdParams }>('/groups/:id/members', async (request) => {
    const query = queryOf(request);
    return groupMembers(directory, request.params.id, {
      after: query['after'],
      limit: integerOf(query['limit'], 'limit'),
    });
  });

  api.get('/export', async (request, reply) => {
    const stamp = new Date().toISOString().slice(0, 10);
    request.log.info({ admin: signedInAdmin(request).username }, 'directory exported');
    return reply
      .type('application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="library-directory-${stamp}.json"`)
      .send(Readable.from(exportDirectory(directory, baseUrlOf(context, request))));
  });
}
