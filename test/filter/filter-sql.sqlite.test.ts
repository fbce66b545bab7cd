/** The filter compiler against SQLite (better-sqlite3, in memory). */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe } from 'vitest';
import { describeFilterDifferential } from './filter-sql-differential.js';
import type { Database as Tables } from '../../src/store/sql/tables.js';

describe('filter SQL on SQLite', () => {
  describeFilterDifferential('sqlite', async () => {
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    return { db, close: () => db.destroy() };
  });
});
