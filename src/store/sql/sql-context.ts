/**
 * What every repository of the shared Kysely implementation needs: the connection (the pool, a
 * reserved SQLite connection or a PostgreSQL transaction), the dialect, and whether the session
 * is a write transaction.
 */
import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.js';
import type { Database } from './tables.js';

export interface SqlContext {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialect;
  /**
   * True in a write transaction of a dialect that needs row locks (`lockRowsInWrites`,
   * PostgreSQL): single-row reads of users and groups take a row lock (`FOR UPDATE`), so that
   * read-check-write sequences of concurrent transactions serialise instead of losing an update
   * under READ COMMITTED. SQLite holds the database write lock for the whole transaction.
   */
  readonly lockRows: boolean;
}
