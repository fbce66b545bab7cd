/** Users and groups: search, detail, members, deactivate/reactivate, delete, restore, purge, export. */
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { exportDirectory } from '../../services/directory-export.js';
import { groupDetail, groupMembers, listGroups } from '../../services/group-admin.js';
import { purgeSoftDeletedUsers } from '../../services/soft-delete-purge.js';
import { deleteUser, listUsers, restoreUser, setUserActive, userDetail } from '../../services/user-admin.js';
import { type AdminRouteContext, baseUrlOf, signedInAdmin } from '../admin-route-context.js';
import { errorResponses, idParams } from '../schemas/common.js';
import {
  DirectoryExportSchema,
  GroupDetailSchema,
  GroupPageSchema,
  GroupQuerySchema,
  MemberPageSchema,
  MemberQuerySchema,
  PurgeRequestSchema,
  PurgeResultSchema,
  UserActiveChangeSchema,
  UserDetailSchema,
  UserPageSchema,
  UserQuerySchema,
  UserRowSchema,
} from '../schemas/directory.js';

const userId = idParams('User id');
const groupId = idParams('Group id');

export function registerDirectoryRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { directory } = context;

  api.get(
    '/users',
    {
      schema: {
        summary: 'Search users with a SCIM filter, paged',
        querystring: UserQuerySchema,
        response: { 200: UserPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => listUsers(directory, request.query, baseUrlOf(context, request)),
  );

  api.get(
    '/users/:id',
    {
      schema: {
        summary: 'A user: SCIM JSON, Library fields, groups',
        params: userId,
        response: { 200: UserDetailSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => userDetail(directory, request.params.id, baseUrlOf(context, request)),
  );

  api.patch(
    '/users/:id',
    {
      schema: {
        summary: 'Deactivate or reactivate (a SCIM PATCH of active)',
        params: userId,
        body: UserActiveChangeSchema,
        response: { 200: UserDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const detail = await setUserActive(directory, id, request.body.active, baseUrlOf(context, request));
      request.log.info(
        { admin: signedInAdmin(request).username, userId: id, active: detail.user.active },
        'user active changed',
      );
      return detail;
    },
  );

  api.delete(
    '/users/:id',
    {
      schema: {
        summary: 'Delete by hand, for good (also purges a soft-deleted user)',
        params: userId,
        response: { 200: UserRowSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const row = await deleteUser(directory, request.params.id);
      request.log.info({ admin: signedInAdmin(request).username, userId: row.id }, 'user deleted by hand');
      return row;
    },
  );

  api.post(
    '/users/:id/restore',
    {
      schema: {
        summary: 'Restore a soft-deleted user',
        params: userId,
        response: { 200: UserDetailSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const detail = await restoreUser(directory, request.params.id, baseUrlOf(context, request));
      request.log.info({ admin: signedInAdmin(request).username, userId: request.params.id }, 'user restored');
      return detail;
    },
  );

  api.post(
    '/users/purge-deleted',
    {
      schema: {
        summary: 'Purge soft-deleted users (all, or those deleted more than olderThanDays ago)',
        body: PurgeRequestSchema,
        response: { 200: PurgeResultSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const days = request.body?.olderThanDays;
      const before = days === undefined ? undefined : new Date(Date.now() - days * 86_400_000);
      const purged = await purgeSoftDeletedUsers(directory, before);
      request.log.info({ admin: signedInAdmin(request).username, purged }, 'soft-deleted users purged');
      return { purged };
    },
  );

  api.get(
    '/groups',
    {
      schema: {
        summary: 'Search groups with a SCIM filter, paged (members not loaded)',
        querystring: GroupQuerySchema,
        response: { 200: GroupPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => listGroups(directory, request.query, baseUrlOf(context, request)),
  );

  api.get(
    '/groups/:id',
    {
      schema: {
        summary: 'A group without its members',
        params: groupId,
        response: { 200: GroupDetailSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => groupDetail(directory, request.params.id, baseUrlOf(context, request)),
  );

  api.get(
    '/groups/:id/members',
    {
      schema: {
        summary: "A page of a group's members, by member id",
        params: groupId,
        querystring: MemberQuerySchema,
        response: { 200: MemberPageSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => groupMembers(directory, request.params.id, request.query),
  );

  // Registered without the type provider: the answer is a stream, which Fastify sends as it is
  // (the schema documents what the stream holds).
  app.get(
    '/export',
    {
      schema: {
        summary: 'The whole directory as JSON (users, groups with members, custom attributes, mappings, settings)',
        response: { 200: DirectoryExportSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const stamp = new Date().toISOString().slice(0, 10);
      request.log.info({ admin: signedInAdmin(request).username }, 'directory exported');
      return reply
        .type('application/json; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="library-directory-${stamp}.json"`)
        .send(Readable.from(exportDirectory(directory, baseUrlOf(context, request))));
    },
  );
}
