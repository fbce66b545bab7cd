/**
 * The activity log: one row per SCIM request, newest first, with bounded retention (by age and
 * by row count).
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { ActivityQuery, ActivityRecord, ActivityRepository } from '../store.js';
import { decodeJson, encodeNullableJson, storableText, toNumber } from './row-codec.js';
import type { SqlContext } from './sql-context.js';
import type { ActivityTable } from './tables.js';

function toActivityRecord(row: Selectable<ActivityTable>): ActivityRecord {
  return {
    id: toNumber(row.id),
    at: row.at,
    requestId: row.request_id,
    tokenId: row.token_id,
    tokenName: row.token_name,
    client: row.client,
    method: row.method,
    path: row.path,
    status: toNumber(row.status),
    scimType: row.scim_type,
    detail: row.detail,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    summary: decodeJson(row.summary),
    requestBody: decodeJson(row.request_body),
    durationMs: toNumber(row.duration_ms),
  };
}

export function createActivityRepository(ctx: SqlContext): ActivityRepository {
  const { db } = ctx;
  return {
    async insert(entry) {
      // Free text from the request (a resource id from the URL, a detail quoting it) may hold
      // NUL characters, which PostgreSQL text refuses; one such row would fail the whole batch
      // of log rows written with it. They are stored as U+FFFD in both dialects.
      await db
        .insertInto('activity')
        .values({
          at: entry.at,
          request_id: storableText(entry.requestId),
          token_id: entry.tokenId,
          token_name: storableText(entry.tokenName),
          client: storableText(entry.client),
          method: storableText(entry.method),
          path: storableText(entry.path),
          status: entry.status,
          scim_type: entry.scimType,
          detail: storableText(entry.detail),
          resource_type: storableText(entry.resourceType),
          resource_id: storableText(entry.resourceId),
          summary: encodeNullableJson(entry.summary),
          request_body: encodeNullableJson(entry.requestBody),
          duration_ms: entry.durationMs,
        })
        .execute();
    },

    /** Newest first. `since` is inclusive and `until` exclusive. */
    async list(query: ActivityQuery) {
      const rows = await db
        .selectFrom('activity')
        .selectAll()
        .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status ?? 0))
        .$if(query.statusClass !== undefined, (qb) =>
          qb
            .where('status', '>=', (query.statusClass ?? 0) * 100)
            .where('status', '<', ((query.statusClass ?? 0) + 1) * 100),
        )
        .$if(query.client !== undefined, (qb) => qb.where('client', '=', query.client ?? ''))
        .$if(query.resourceType !== undefined, (qb) => qb.where('resource_type', '=', query.resourceType ?? ''))
        .$if(query.resourceId !== undefined, (qb) => qb.where('resource_id', '=', query.resourceId ?? ''))
        .$if(query.since !== undefined, (qb) => qb.where('at', '>=', query.since ?? ''))
        .$if(query.until !== undefined, (qb) => qb.where('at', '<', query.until ?? ''))
        .$if(query.beforeId !== undefined, (qb) => qb.where('id', '<', query.beforeId ?? 0))
        .orderBy('id', 'desc')
        .limit(Math.max(0, query.limit))
        .execute();
      return rows.map(toActivityRecord);
    },

    async prune(options) {
      let deleted = 0;
      if (options.before !== undefined) {
        const result = await db.deleteFrom('activity').where('at', '<', options.before).executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      if (options.keep !== undefined) {
        // Everything at or below the id of the first row beyond the newest `keep`.
        const keep = Math.max(0, Math.floor(options.keep));
        const result = await sql`
          delete from activity
          where id <= (select id from activity order by id desc limit 1 offset ${keep})`.execute(db);
        deleted += Number(result.numAffectedRows ?? 0n);
      }
      return deleted;
    },
  };
}
