/** The filter compiler against SQLite (better-sqlite3, in memory). */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFilterDifferential } from '../sql/fixtures/filter-sql-differential.js';
import { createFilterTables, insertFixtures, registry } from '../sql/fixtures/filter-sql-fixtures.js';
import { parseFilter } from '../../scim/filter/filter-parser.js';
import { resolveFilter } from '../../scim/filter/filter-resolver.js';
import type { ResourceTypeName } from '../../scim/schemas/types.js';
import { compileFilter } from '../sql/filter-sql.js';
import { SQLITE_DIALECT } from './sqlite-dialect.js';
import type { Database as Tables } from '../sql/tables.js';

function openSqlite(): Kysely<Tables> {
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
}

describe('filter SQL on SQLite', () => {
  describeFilterDifferential(SQLITE_DIALECT, async () => {
    const db = openSqlite();
    return { db, close: () => db.destroy() };
  });
});

describe('filter SQL on SQLite: the hot filters use indexes', () => {
  const db = openSqlite();

  beforeAll(async () => {
    await createFilterTables(db, 'sqlite');
    await insertFixtures(db, 'sqlite');
  });

  afterAll(async () => {
    await db.destroy();
  });

  async function plan(resourceType: ResourceTypeName, filter: string): Promise<string> {
    const where = compileFilter(resolveFilter(parseFilter(filter), resourceType, registry), {
      dialect: SQLITE_DIALECT,
      resourceType,
    });
    const table = resourceType === 'User' ? 'users' : 'user_groups';
    const query = db.selectFrom(table).select('id').where(where).compile();
    const explained = await db.executeQuery<{ detail: string }>({ ...query, sql: `EXPLAIN QUERY PLAN ${query.sql}` });
    return explained.rows.map((row) => row.detail).join(' | ');
  }

  it.each<[ResourceTypeName, string, RegExp]>([
    ['User', 'userName eq "BJENSEN"', /SEARCH users USING INDEX .*user_name_key/],
    ['User', 'externalId eq "ext-1"', /SEARCH users USING INDEX users_external_id/],
    ['User', 'id eq "u1"', /SEARCH users USING (COVERING )?INDEX \S+ \(id=\?\)/],
    ['Group', 'displayName eq "Tour Guides"', /SEARCH user_groups USING INDEX .*display_name_key/],
    [
      'Group',
      'members[value eq "u2"]',
      /SEARCH scim_m EXISTS USING (COVERING )?INDEX \S+ \(group_id=\? AND member_id=\?\)/,
    ],
  ])('%s %s', async (resourceType, filter, expected) => {
    expect(await plan(resourceType, filter)).toMatch(expected);
  });
});
