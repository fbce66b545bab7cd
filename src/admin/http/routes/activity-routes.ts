/** The activity log: browse with filters, open one request. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { activityDetail, browseActivity } from '../../services/activity-browser.js';
import type { AdminRouteContext } from '../admin-route-context.js';
import {
  ActivityDetailSchema,
  ActivityPageSchema,
  ActivityParamsSchema,
  ActivityQuerySchema,
} from '../schemas/activity.js';
import { errorResponses } from '../schemas/common.js';

export function registerActivityRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { directory } = context;

  api.get(
    '/activity',
    {
      schema: {
        summary: 'SCIM requests, newest first',
        querystring: ActivityQuerySchema,
        response: { 200: ActivityPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { before, limit, ...filter } = request.query;
      // The service takes the filter as query text and parses it itself.
      return browseActivity(directory, { ...filter, before: before?.toString(), limit: limit?.toString() });
    },
  );

  api.get(
    '/activity/:id',
    {
      schema: {
        summary: 'One request with its redacted body',
        params: ActivityParamsSchema,
        response: { 200: ActivityDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => activityDetail(directory, request.params.id),
  );
}
