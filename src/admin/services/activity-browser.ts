/**
 * The activity log as the console browses it: newest first, filtered by status, client, resource
 * and time, paged by id, and one request opened with its redacted body. Buffered rows are flushed
 * first, so a request that just finished is already listed.
 */
import type { Directory } from '../../directory/directory.js';
import { ScimError } from '../../scim/errors.js';
import type { ActivityQuery, ActivityRecord } from '../../store/store.js';
import type { ActivityDetail, ActivityPage, ActivityRow } from '../admin-api-types.js';

export const MAX_ACTIVITY_PAGE = 200;

export interface ActivityFilter {
  status?: string | undefined;
  client?: string | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  before?: string | undefined;
  limit?: string | undefined;
}

function timestamp(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed))
    throw ScimError.invalidValue(`"${name}" must be a date and time such as 2026-01-31T09:00:00Z, not "${value}".`);
  return new Date(parsed).toISOString();
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw ScimError.invalidValue(`"${name}" must be a positive whole number, not "${value}".`);
  return parsed;
}

/** Turn query parameters into a store query. `status` is a code (`404`) or a class (`4xx`). */
export function activityQuery(filter: ActivityFilter): ActivityQuery {
  const query: ActivityQuery = { limit: Math.min(positiveInteger(filter.limit, 'limit') ?? 50, MAX_ACTIVITY_PAGE) };
  const status = filter.status?.trim().toLowerCase();
  if (status) {
    const statusClass = /^([2-5])xx$/.exec(status);
    if (statusClass) query.statusClass = Number(statusClass[1]) as 2 | 3 | 4 | 5;
    else if (/^[1-5]\d\d$/.test(status)) query.status = Number(status);
    else
      throw ScimError.invalidValue(
        `"status" must be a status code such as 404 or a class such as 4xx, not "${filter.status}".`,
      );
  }
  if (filter.client?.trim()) query.client = filter.client.trim().toLowerCase();
  if (filter.resourceType?.trim()) {
    const type = filter.resourceType.trim();
    if (type !== 'User' && type !== 'Group') throw ScimError.invalidValue('"resourceType" must be User or Group.');
    query.resourceType = type;
  }
  if (filter.resourceId?.trim()) query.resourceId = filter.resourceId.trim();
  query.since = timestamp(filter.since, 'since');
  query.until = timestamp(filter.until, 'until');
  query.beforeId = positiveInteger(filter.before, 'before');
  return query;
}

export function toActivityRow(record: ActivityRecord): ActivityRow {
  const { requestBody: _omitted, ...row } = record;
  return row;
}

export async function browseActivity(directory: Directory, filter: ActivityFilter): Promise<ActivityPage> {
  const query = activityQuery(filter);
  await directory.activity.flush();
  const records = await directory.store.read((session) => session.activity.list(query));
  const page: ActivityPage = {
    rows: records.map(toActivityRow),
    retention: { days: directory.config.activityRetentionDays, maxRows: directory.config.activityMaxRows },
  };
  const last = records[records.length - 1];
  if (records.length === query.limit && last) page.before = last.id;
  return page;
}

export async function activityDetail(directory: Directory, id: number): Promise<ActivityDetail> {
  if (!Number.isInteger(id) || id < 1) throw ScimError.invalidValue('The activity id must be a positive whole number.');
  await directory.activity.flush();
  const [record] = await directory.store.read((session) => session.activity.list({ beforeId: id + 1, limit: 1 }));
  if (!record || record.id !== id)
    throw ScimError.notFound(`No activity row has id ${id}; it may be older than the retention period.`);
  return record;
}
