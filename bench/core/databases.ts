/**
 * A seeded database per run: migrated by the server's own CLI (`library-scim db migrate`), then
 * filled by `seed.ts`.
 * - SQLite: a file in the run's folder. Seeded files are cached in `bench/.cache/`, keyed by the
 *   data plan, the number of migrations the server applied and the seed layout version, so that
 *   a second run copies the file instead of seeding again.
 * - PostgreSQL: a fresh schema per run (`DATABASE_SCHEMA`), dropped at the end.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { REPO_ROOT, runCli, serverEnvironment } from './processes.js';
import type { DatabaseKind } from './types.js';
import {
  SEED_LAYOUT_VERSION,
  TEAM_COUNT,
  seedPostgres,
  seedSqlite,
  sqliteMigrationCount,
  type SeedPlan,
} from '../seed.js';

export const CACHE_DIR = join(REPO_ROOT, 'bench', '.cache');

/** Creates bench/.cache/, ignored by git from inside (it holds large files: seeds, profiles). */
export function ensureCacheDir(): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const ignore = join(CACHE_DIR, '.gitignore');
  if (!existsSync(ignore))
    writeFileSync(ignore, '# Made by the bench: seeded databases and CPU profiles, never committed.\n*\n');
  return CACHE_DIR;
}

export interface PreparedDatabase {
  kind: DatabaseKind;
  /** DATABASE_URL and, for PostgreSQL, DATABASE_SCHEMA. */
  settings: Record<string, string>;
  /** What was done to get it, for the log and the result. */
  description: string;
  seedSeconds: number;
  cleanup(): Promise<void>;
}

function removeSqliteFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

async function prepareSqlite(folder: string, plan: SeedPlan): Promise<PreparedDatabase> {
  const dir = join(folder, 'sqlite');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'library.db');
  const settings = { DATABASE_URL: `sqlite:${file}` };
  const started = performance.now();
  await runCli(['db', 'migrate'], serverEnvironment(settings));
  const migrations = sqliteMigrationCount(file);
  const key = `u${plan.users}-g${plan.groupSizes.join('_')}-t${TEAM_COUNT}-m${migrations}-s${SEED_LAYOUT_VERSION}`;
  const cached = join(CACHE_DIR, `sqlite-${key}.db`);
  let description: string;
  if (existsSync(cached)) {
    removeSqliteFiles(file);
    copyFileSync(cached, file);
    description = `copied the cached seed bench/.cache/sqlite-${key}.db`;
  } else {
    seedSqlite(file, plan);
    ensureCacheDir();
    const partial = `${cached}.partial-${process.pid}`;
    copyFileSync(file, partial);
    renameSync(partial, cached);
    description = `seeded and cached as bench/.cache/sqlite-${key}.db`;
  }
  return {
    kind: 'sqlite',
    settings,
    description,
    seedSeconds: (performance.now() - started) / 1000,
    cleanup: () => {
      removeSqliteFiles(file);
      return Promise.resolve();
    },
  };
}

async function preparePostgres(url: string, plan: SeedPlan): Promise<PreparedDatabase> {
  const schema = `bench_${new Date().toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(4).toString('hex')}`;
  const settings = { DATABASE_URL: url, DATABASE_SCHEMA: schema };
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const cleanup = async (): Promise<void> => {
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  };
  try {
    await runCli(['db', 'migrate'], serverEnvironment(settings));
    await client.query(`SET search_path TO "${schema}"`);
    await seedPostgres(client, plan);
    await client.query('RESET search_path');
  } catch (error) {
    await cleanup();
    throw error;
  }
  const version = await client.query<{ server_version: string }>('SHOW server_version');
  return {
    kind: 'postgres',
    settings,
    description: `PostgreSQL ${version.rows[0]?.server_version ?? '?'}, schema ${schema} seeded with generate_series`,
    seedSeconds: (performance.now() - started) / 1000,
    cleanup,
  };
}

export function prepareDatabase(
  kind: DatabaseKind,
  folder: string,
  plan: SeedPlan,
  postgresUrl: string,
): Promise<PreparedDatabase> {
  return kind === 'sqlite' ? prepareSqlite(folder, plan) : preparePostgres(postgresUrl, plan);
}
