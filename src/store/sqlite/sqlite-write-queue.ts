/**
 * SQLite write transactions with group commit.
 *
 * Every write takes the database write lock up front (`BEGIN IMMEDIATE`) on the one connection,
 * so that two processes on the same file (the server and the CLI) wait for each other through
 * `busy_timeout` instead of deadlocking on a lock upgrade. Writes issued while a transaction runs
 * queue in this process; the queue then runs them together in one transaction, each in its own
 * savepoint, and commits once: with `synchronous=FULL` that is one fsync for the whole batch. A
 * write that throws rolls back to its savepoint and fails alone; every write is resolved only
 * after its commit is durable, and fails if the commit fails.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../sql/tables.js';

/** Most writes committed together. */
const MAX_BATCH = 64;

interface QueuedWrite {
  run(db: Kysely<Database>): Promise<void>;
  succeed(): void;
  fail(error: unknown): void;
}

async function exec(db: Kysely<Database>, statement: string): Promise<void> {
  await sql.raw(statement).execute(db);
}

/** SQLITE_BUSY on BEGIN IMMEDIATE: another process held the write lock past busy_timeout. */
function lockError(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code !== 'SQLITE_BUSY') return error;
  return new Error(
    'The SQLite database stayed locked by another process for more than 5 seconds (a long write, such as a CLI import, holds its write lock). Retry; if this persists, look for a stuck process using the same database file.',
    { cause: error },
  );
}

async function rollbackQuietly(db: Kysely<Database>): Promise<void> {
  try {
    await exec(db, 'rollback');
  } catch {
    // SQLite may already have rolled back (I/O error, disk full); nothing is left to undo.
  }
}

async function runAlone(db: Kysely<Database>, write: QueuedWrite): Promise<void> {
  try {
    await write.run(db);
  } catch (error) {
    await rollbackQuietly(db);
    write.fail(error);
    return;
  }
  try {
    await exec(db, 'commit');
  } catch (error) {
    await rollbackQuietly(db);
    write.fail(error);
    return;
  }
  write.succeed();
}

async function runTogether(db: Kysely<Database>, batch: QueuedWrite[]): Promise<void> {
  const done: QueuedWrite[] = [];
  for (const [index, write] of batch.entries()) {
    try {
      await exec(db, 'savepoint library_write');
    } catch (fatal) {
      await rollbackQuietly(db);
      for (const other of [...done, ...batch.slice(index)]) other.fail(fatal);
      return;
    }
    try {
      await write.run(db);
      await exec(db, 'release library_write');
      done.push(write);
    } catch (error) {
      try {
        await exec(db, 'rollback to library_write');
        await exec(db, 'release library_write');
      } catch (fatal) {
        // The transaction itself is gone: nothing of the batch can commit.
        await rollbackQuietly(db);
        write.fail(error);
        for (const other of [...done, ...batch.slice(index + 1)]) other.fail(fatal);
        return;
      }
      write.fail(error);
    }
  }
  try {
    await exec(db, 'commit');
  } catch (error) {
    await rollbackQuietly(db);
    for (const write of done) write.fail(error);
    return;
  }
  for (const write of done) write.succeed();
}

export class SqliteWriteQueue {
  readonly #db: Kysely<Database>;
  readonly #pending: QueuedWrite[] = [];
  #draining: Promise<void> | undefined;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Runs `work` in a write transaction on the reserved connection; resolves after the commit. */
  enqueue<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let outcome: { value: T } | undefined;
      this.#pending.push({
        async run(db) {
          outcome = { value: await work(db) };
        },
        succeed() {
          if (outcome) resolve(outcome.value);
          else reject(new Error('SQLite write finished without a result'));
        },
        fail: reject,
      });
      this.#draining ??= this.#drain();
    });
  }

  /** Resolves when every write queued so far has settled. */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        await this.#db.connection().execute(async (db) => {
          // Taken after the connection is ours, so that writes queued meanwhile join the batch.
          const batch = this.#pending.splice(0, MAX_BATCH);
          try {
            await exec(db, 'begin immediate');
          } catch (error) {
            const failure = lockError(error);
            for (const write of batch) write.fail(failure);
            return;
          }
          if (batch.length === 1 && batch[0]) await runAlone(db, batch[0]);
          else await runTogether(db, batch);
        });
      }
    } catch (error) {
      // The connection could not be acquired (closed store): fail what is left.
      for (const write of this.#pending.splice(0)) write.fail(error);
    } finally {
      this.#draining = undefined;
    }
  }
}
