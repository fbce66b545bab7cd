/**
 * The database behind a test server: a SQLite file in a fresh temp folder, or a fresh PostgreSQL
 * schema, and the server configuration that points at it (127.0.0.1, any free port, no rate
 * limit, no logs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store, StoreDialect } from '../../src/store/store.js';

export const POSTGRES_URL = process.env['LIBRARY_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Run `work` with a connection to the test PostgreSQL database, closed afterwards. */
export async function withPostgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabaseOptions {
  /** `sqlite` by default. */
  dialect?: StoreDialect | undefined;
  /** The start of the temp folder's name, such as `library-scim-test-`. */
  folderPrefix: string;
  /** The start of the PostgreSQL schema's name, such as `test_`; random hex follows. */
  schemaPrefix: string;
  config?: Partial<Config> | undefined;
}

export interface TestDatabase {
  folder: string;
  /** The SQLite database file in `folder` (used on SQLite only). */
  sqliteFile: string;
  /** The fresh PostgreSQL schema (on PostgreSQL only). */
  postgresSchema: string | undefined;
  config: Config;
  /** Open a new, unmigrated store on this database. */
  openStore(): Promise<Store>;
  /** Drop the PostgreSQL schema, if any. */
  dropSchema(): Promise<void>;
  /** Delete the temp folder. */
  removeFolder(): void;
}

export function createTestDatabase(options: TestDatabaseOptions): TestDatabase {
  const folder = mkdtempSync(join(tmpdir(), options.folderPrefix));
  const sqliteFile = join(folder, 'library.db');
  const postgresSchema =
    options.dialect === 'postgres' ? `${options.schemaPrefix}${randomBytes(6).toString('hex')}` : undefined;
  const config = loadConfig(
    {},
    {
      databaseUrl: options.dialect === 'postgres' ? POSTGRES_URL : `sqlite:${sqliteFile}`,
      postgresSchema,
      host: '127.0.0.1',
      port: 0,
      rateLimitPerSecond: 0,
      logLevel: 'silent',
      ...options.config,
    },
  );
  return {
    folder,
    sqliteFile,
    postgresSchema,
    config,
    openStore: () => openStore({ databaseUrl: config.databaseUrl, postgresSchema }),
    async dropSchema() {
      if (postgresSchema !== undefined)
        await withPostgres((client) => client.query(`DROP SCHEMA IF EXISTS "${postgresSchema}" CASCADE`));
    },
    removeFolder() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
