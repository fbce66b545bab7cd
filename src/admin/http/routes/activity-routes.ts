/** The activity log: browse with filters, open one request. */
import type { FastifyInstance } from 'fastify';
import { activityDetail, browseActivity } from '../../services/activity-browser.js';
import { queryOf } from '../admin-request.js';
import type { AdminRouteContext } from '../admin-route-context.js';

export function registerActivityRoutes(api: FastifyInstance, context: AdminRouteContext): void {
  const { directory } = context;

  api.get('/activity', async (request) => {
    const query = queryOf(request);
    return browseActivity(directory, {
      status: query['status'],
      client: query['client'],
      resourceType: query['resourceType'],
      resourceId: query['resourceId'],
      since: query['since'],
      until: query['until'],
      before: query['before'],
      limit: query['limit'],
    });
  });

  api.get<{ Params: { id: string } }>('/activity/:id', async (request) =>
    activityDetail(directory, Number(request.params.id)),
  );
}
