/**
 * The filter compiler against PostgreSQL, in a schema of its own that is dropped afterwards.
 * Set LIBRARY_TEST_POSTGRES_URL to a connection string, or to `skip` to skip this file.
 */
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe } from 'vitest';
import { describeFilterDifferential } from '../sql/fixtures/filter-sql-differential.js';
import type { Database } from '../sql/tables.js';
import { POSTGRES_DIALECT } from './postgres-dialect.js';

const url = process.env.LIBRARY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skip = url === 'skip';

describe.skipIf(skip)(`filter SQL on PostgreSQL${skip ? ' (skipped: LIBRARY_TEST_POSTGRES_URL=skip)' : ''}`, () => {
  describeFilterDifferential(POSTGRES_DIALECT, async () => {
    const schema = `filter_sql_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 2 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      close: async () => {
        await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db);
        await db.destroy();
      },
    };
  });
});
