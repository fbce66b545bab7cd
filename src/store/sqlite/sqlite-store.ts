/**
 * The SQLite store: better-sqlite3 through Kysely's SqliteDialect, one connection per store.
 *
 * - `journal_mode=WAL` so that readers never block the writer, `synchronous=FULL` so that a write
 *   acknowledged is never lost, `busy_timeout=5000` so that another process holding the write
 *   lock is waited for, `foreign_keys=ON` for the membership cascade.
 * - `write()` takes the write lock up front (`BEGIN IMMEDIATE`) and commits concurrent writes of
 *   this process together (sqlite-write-queue.ts).
 * - `read()` runs its statements on the same connection without a transaction; Kysely's driver
 *   serialises them with the writes of this process. Do not call `read()` or `write()` from
 *   inside a `write()` callback: the connection is already taken and the call would wait forever.
 */
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Store, StoreSession } from '../store.js';
import { createReadSession, createWriteSession } from '../sql/kysely-store.js';
import { migrateToLatest } from '../sql/migrations.js';
import { SQLITE_DIALECT } from './sqlite-dialect.js';
import type { Database } from '../sql/tables.js';
import { SqliteWriteQueue } from './sqlite-write-queue.js';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export interface SqliteStoreOptions {
  /** A file path (its directory is created when missing) or `:memory:`. */
  filename: string;
}

export function isMemoryFilename(filename: string): boolean {
  return filename === ':memory:' || filename === '';
}

function openDatabase(filename: string): Sqlite.Database {
  if (!isMemoryFilename(filename)) fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  let database: Sqlite.Database;
  try {
    database = new Sqlite(filename, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot open the SQLite database "${filename}": ${reason}. Check that the directory exists and is writable by this process, or set DATABASE_URL to another file.`,
      { cause: error },
    );
  }
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  return database;
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

/** The connection settings that matter for durability and concurrency (for `doctor` and tests). */
export interface SqlitePragmas {
  journalMode: string;
  synchronous: (typeof SYNCHRONOUS)[number] | 'unknown';
  busyTimeoutMs: number;
  foreignKeys: boolean;
}

export class SqliteStore implements Store {
  readonly dialect = SQLITE_DIALECT.name;
  readonly #db: Kysely<Database>;
  readonly #writes: SqliteWriteQueue;
  #closed = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
    this.#writes = new SqliteWriteQueue(db);
  }

  async migrate(): Promise<void> {
    this.#assertOpen();
    // Inside BEGIN IMMEDIATE: a second process migrating the same file waits for the write lock,
    // then finds the migrations recorded and does nothing. SQLite DDL is transactional.
    await this.#writes.enqueue(async (db) => {
      await migrateToLatest(db, SQLITE_DIALECT);
    });
    await this.maintain();
  }

  /**
   * Refresh the query planner's statistics where they are stale (SQLite's `PRAGMA optimize`).
   * Without them SQLite cannot tell that `deleted_at IS NULL` matches nearly every user, and may
   * walk the live-user index for a selective range filter such as `meta.lastModified gt …`.
   */
  async maintain(): Promise<void> {
    this.#assertOpen();
    await this.#writes.enqueue(async (db) => {
      await sql`pragma optimize=0x10002`.execute(db);
    });
  }

  write<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    this.#assertOpen();
    return this.#writes.enqueue((db) => work(createWriteSession(db, SQLITE_DIALECT)));
  }

  async read<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    this.#assertOpen();
    return work(createReadSession(this.#db, SQLITE_DIALECT));
  }

  /** Read on the store's own connection: the pragmas are per connection. */
  async pragmas(): Promise<SqlitePragmas> {
    this.#assertOpen();
    const value = async (name: string): Promise<unknown> => {
      const result = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(this.#db);
      const row = result.rows[0];
      return row ? Object.values(row)[0] : undefined;
    };
    const synchronous = Number(await value('synchronous'));
    return {
      journalMode: String(await value('journal_mode')),
      synchronous: SYNCHRONOUS[synchronous] ?? 'unknown',
      busyTimeoutMs: Number(await value('busy_timeout')),
      foreignKeys: Number(await value('foreign_keys')) === 1,
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writes.idle();
    await this.#db.destroy();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('The store is closed.');
  }
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const database = openDatabase(options.filename);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  await sql`select 1`.execute(db);
  return new SqliteStore(db);
}
