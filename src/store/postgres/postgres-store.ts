/**
 * The PostgreSQL store: a `pg` Pool through Kysely's PostgresDialect.
 *
 * - Writes are READ COMMITTED transactions. Single-row reads of users and groups inside a write
 *   take row locks (`FOR UPDATE`), so read-check-write sequences serialise; a transaction that
 *   fails with serialization_failure (40001) or deadlock_detected (40P01) is retried, three tries
 *   in all, after a short random pause.
 * - Reads run in one REPEATABLE READ, READ ONLY transaction each, so that a list's count and its
 *   page come from one snapshot.
 * - `int8` (bigint, COUNT(*)) is parsed to a JS number on this pool only; no global type parser
 *   is touched.
 * - `schema`: created when missing and set as `search_path` of every pooled connection (a
 *   startup parameter, so it holds before the first query of each connection).
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Store, StoreSession } from '../store.js';
import { createReadSession, createWriteSession } from '../sql/kysely-store.js';
import { migrateToLatest } from '../sql/migrations.js';
import { POSTGRES_DIALECT } from './postgres-dialect.js';
import { isRetryableTransactionError } from '../sql/store-errors.js';
import type { Database } from '../sql/tables.js';

const INT8_OID = 20;
const WRITE_TRIES = 3;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema for the tables (search_path); the server's default when undefined. */
  schema?: string | undefined;
  /** Pool size; pg's default (10) when undefined. */
  maxConnections?: number | undefined;
}

/** The URL without its password, for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** Type parsers of this store's pool: bigint counts as numbers (they stay far below 2^53). */
function poolTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', (value: string) => Number(value));
  return types;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const code = 'code' in error ? String(error.code) : '';
  return code || error.name;
}

function pause(attempt: number): Promise<void> {
  const ms = 10 * attempt + Math.floor(Math.random() * 40 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const MIGRATION_TRIES = 5;

function isConcurrentSchemaDrop(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === '3F000' || code === '42P01' || cause === '3F000' || cause === '42P01';
}

class PostgresStore implements Store {
  readonly dialect = POSTGRES_DIALECT.name;
  readonly #db: Kysely<Database>;
  readonly #schema: string | undefined;

  constructor(db: Kysely<Database>, schema: string | undefined) {
    this.#db = db;
    this.#schema = schema;
  }

  async migrate(): Promise<void> {
    // Kysely's bookkeeping tables live in the store's schema, so that stores in different
    // schemas of one database keep separate histories. Its advisory lock is database-wide.
    const schema = this.#schema ?? (await this.#currentSchema());
    // Kysely's Migrator introspects the tables of every schema in the database; a schema that
    // another client drops at that moment fails the introspection (3F000 / 42P01). Such a race
    // says nothing about our schema, so the migration is simply tried again.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await migrateToLatest(this.#db, POSTGRES_DIALECT, { migrationTableSchema: schema });
        return;
      } catch (error) {
        if (attempt >= MIGRATION_TRIES || !isConcurrentSchemaDrop(error)) throw error;
        await pause(attempt);
      }
    }
  }

  async write<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#db
          .transaction()
          .setIsolationLevel('read committed')
          .execute((trx) => work(createWriteSession(trx, POSTGRES_DIALECT)));
      } catch (error) {
        if (attempt >= WRITE_TRIES || !isRetryableTransactionError(error)) throw error;
        await pause(attempt);
      }
    }
  }

  /**
   * Reads run in one REPEATABLE READ, READ ONLY transaction, so that a list's COUNT(*) and its
   * page come from the same snapshot (Okta pages by totalResults) even while writes go on.
   */
  read<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    return this.#db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => work(createReadSession(trx, POSTGRES_DIALECT)));
  }

  /** PostgreSQL's autovacuum keeps the planner's statistics; nothing to do. */
  async maintain(): Promise<void> {}

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  async #currentSchema(): Promise<string> {
    const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(this.#db);
    const schema = result.rows[0]?.schema;
    if (!schema) {
      throw new Error(
        'PostgreSQL has no current schema (search_path names no existing schema). Set DATABASE_SCHEMA, or create the schema named first in search_path.',
      );
    }
    return schema;
  }
}

async function ensureSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two replicas creating it at the same moment: the loser sees a unique violation.
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(
      `"${schema}" is not a usable PostgreSQL schema name: use 1 to 63 letters, digits or underscores, not starting with a digit (for example library_scim).`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    types: poolTypes(),
    ...(options.maxConnections !== undefined ? { max: options.maxConnections } : {}),
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== undefined) await ensureSchema(db, schema);
    else await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new Error(
      `Cannot use the PostgreSQL database ${redactDatabaseUrl(options.connectionString)}: ${describeError(error)}. Check DATABASE_URL (host, port, database, user and password) and that the server accepts connections.`,
      { cause: error },
    );
  }
  return new PostgresStore(db, schema);
}
