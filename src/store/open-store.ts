/**
 * Opens the store a database URL names:
 * - `sqlite:./data/library.db`: a file relative to the working directory (its directory is
 *   created when missing); `sqlite:/abs/path.db` and `sqlite:///abs/path.db` absolute;
 * - `sqlite::memory:`: a private in-memory database (tests, demos);
 * - `postgres://…` or `postgresql://…`: PostgreSQL, optionally in `postgresSchema`.
 *
 * The store is returned unmigrated; call `migrate()`.
 */
import path from 'node:path';
import { openPostgresStore, redactDatabaseUrl } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  databaseUrl: string;
  /** PostgreSQL schema (search_path), created when missing. Ignored for SQLite. */
  postgresSchema?: string | undefined;
}

export type StoreLocation = { dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string };

const EXAMPLES =
  'Use sqlite:./data/library.db (a file relative to the working directory), sqlite:/absolute/path/library.db, sqlite::memory:, or postgres://user:password@host:5432/database.';

/** Where a database URL points; throws an Error an operator can act on when it is not usable. */
export function parseDatabaseUrl(databaseUrl: string, cwd: string = process.cwd()): StoreLocation {
  const url = databaseUrl.trim();
  if (/^sqlite:/i.test(url)) {
    let target = url.slice('sqlite:'.length);
    if (target.startsWith('//')) target = target.slice(2);
    if (target === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
    if (target === '') throw new Error(`DATABASE_URL "${url}" names no SQLite file. ${EXAMPLES}`);
    return { dialect: 'sqlite', filename: path.resolve(cwd, target) };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', connectionString: url };
  const shown = url === '' ? '(empty)' : `"${redactDatabaseUrl(url)}"`;
  throw new Error(`DATABASE_URL ${shown} is not a supported database URL. ${EXAMPLES}`);
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const location = parseDatabaseUrl(options.databaseUrl);
  if (location.dialect === 'sqlite') return openSqliteStore({ filename: location.filename });
  return openPostgresStore({ connectionString: location.connectionString, schema: options.postgresSchema });
}
