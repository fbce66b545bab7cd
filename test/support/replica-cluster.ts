/**
 * Several Library SCIM replicas on ONE database, for the scale-out tests: each replica has its own
 * Store (its own pg pool, or its own SQLite connection), its own Directory caches and its own
 * HTTP port, exactly as separate processes behind a load balancer would. Only the database is
 * shared: a fresh PostgreSQL schema (dropped on close) or one SQLite file in a temp folder.
 *
 * The stores are migrated concurrently, as replicas that start together would.
 */
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, expect } from 'vitest';
import { SCIM_BASE_PATH, type Config } from '../../src/config.js';
import { buildServer, type LibraryServer } from '../../src/http/server.js';
import type { Store } from '../../src/store/store.js';
import { SCIM_JSON, type ScimReply, type ScimRequest, scimRequest } from './scim-client.js';
import { createTestDatabase, withPostgres } from './test-database.js';

export interface Replica {
  /** `A`, `B`, `C`… */
  name: string;
  origin: string;
  scimBase: string;
  server: LibraryServer;
  store: Store;
}

export interface ReplicaCluster {
  dialect: 'sqlite' | 'postgres';
  replicas: Replica[];
  /** A bearer token created through the first replica. */
  token: string;
  /** Names of the migrations recorded in the shared database, in the order they ran. */
  migrationHistory(): Promise<string[]>;
  close(): Promise<void>;
}

export interface ReplicaClusterOptions {
  replicas: number;
  dialect?: 'sqlite' | 'postgres';
  config?: Partial<Config>;
  /**
   * Migrate the stores at the same moment (the default), or one after another. Several SQLite
   * stores in ONE process cannot migrate at once: better-sqlite3 waits for a held write lock
   * synchronously (busy_timeout), which blocks the very event loop that would release it, so the
   * second store fails with SQLITE_BUSY after 5 s. Separate processes do not have this problem.
   */
  migrate?: 'concurrently' | 'sequentially';
}

const REPLICA_NAMES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

async function closeAll(replicas: readonly { server?: LibraryServer; store: Store }[]): Promise<void> {
  for (const replica of replicas) {
    if (replica.server) await replica.server.close();
    await replica.store.close();
  }
}

export async function startReplicaCluster(options: ReplicaClusterOptions): Promise<ReplicaCluster> {
  const dialect = options.dialect ?? 'postgres';
  const database = createTestDatabase({
    dialect,
    folderPrefix: 'library-scim-replicas-',
    schemaPrefix: 'replicas_',
    config: options.config,
  });
  const { config, postgresSchema, sqliteFile } = database;

  const cleanupDatabase = async (): Promise<void> => {
    await database.dropSchema();
    database.removeFolder();
  };

  const opened: { server?: LibraryServer; store: Store }[] = [];
  try {
    // Open every store first, then migrate them all at once: the start-up race of real replicas.
    const stores = await Promise.all(Array.from({ length: options.replicas }, () => database.openStore()));
    opened.push(...stores.map((store) => ({ store })));
    const migrations: PromiseSettledResult<void>[] = [];
    if (options.migrate === 'sequentially') {
      for (const store of stores) migrations.push(...(await Promise.allSettled([store.migrate()])));
    } else {
      migrations.push(...(await Promise.allSettled(stores.map((store) => store.migrate()))));
    }
    const failures = migrations.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    if (failures.length > 0)
      throw new AggregateError(failures, `${failures.length} of ${stores.length} concurrent migrations failed`);

    const replicas: Replica[] = [];
    for (const [index, entry] of opened.entries()) {
      const server = await buildServer({ config, store: entry.store, logger: false });
      entry.server = server;
      const origin = await server.fastify.listen({ host: '127.0.0.1', port: 0 });
      replicas.push({
        name: REPLICA_NAMES[index] ?? `R${index}`,
        origin,
        scimBase: `${origin}${SCIM_BASE_PATH}`,
        server,
        store: entry.store,
      });
    }
    const first = replicas[0];
    if (!first) throw new Error('A replica cluster needs at least one replica.');
    const created = await first.server.directory.tokens.create({ name: 'replica test' });

    return {
      dialect,
      replicas,
      token: created.token,
      async migrationHistory() {
        if (postgresSchema !== undefined) {
          const result = await withPostgres((client) =>
            client.query<{ name: string }>(
              `SELECT name FROM "${postgresSchema}".kysely_migration ORDER BY timestamp, name`,
            ),
          );
          return result.rows.map((row) => row.name);
        }
        const database = new Sqlite(sqliteFile, { readonly: true });
        try {
          const rows = database.prepare('SELECT name FROM kysely_migration ORDER BY timestamp, name').all() as {
            name: string;
          }[];
          return rows.map((row) => row.name);
        } finally {
          database.close();
        }
      },
      async close() {
        await closeAll(opened);
        await cleanupDatabase();
      },
    };
  } catch (error) {
    await closeAll(opened).catch(() => undefined);
    await cleanupDatabase().catch(() => undefined);
    throw error;
  }
}

export type { ScimReply };

export type ScimCall = Pick<ScimRequest, 'body' | 'headers' | 'token'>;

/** One SCIM request to one replica over real HTTP. */
export function callReplica(replica: Replica, method: string, path: string, call: ScimCall): Promise<ScimReply> {
  return scimRequest(replica, method, path, { ...call, accept: SCIM_JSON });
}

/** The load balancer of these tests: each call hands out the next replica. */
export function roundRobin(replicas: readonly Replica[]): () => Replica {
  let turn = 0;
  return () => {
    const replica = replicas[turn % replicas.length];
    turn += 1;
    if (!replica) throw new Error('no replicas');
    return replica;
  };
}

export function replicaAt(cluster: ReplicaCluster, index: number): Replica {
  const replica = cluster.replicas[index];
  if (!replica) throw new Error(`no replica ${index}`);
  return replica;
}

/** POST `count` users named `<prefix>-<n>@example.com`, spread by `next`; returns their ids. */
export async function createUsers(
  cluster: ReplicaCluster,
  next: () => Replica,
  prefix: string,
  count: number,
): Promise<string[]> {
  const replies = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      callReplica(next(), 'POST', '/Users', {
        token: cluster.token,
        body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `${prefix}-${index}@example.com` },
      }),
    ),
  );
  for (const reply of replies) expect(reply.status, reply.text).toBe(201);
  return replies.map((reply) => String(reply.body?.['id']));
}

/**
 * A cluster started before the tests of the enclosing `describe` and closed after them; the
 * returned function gives it to the tests, and fails clearly when it did not start.
 */
export function clusterForTests(
  options: ReplicaClusterOptions,
  ready?: (cluster: ReplicaCluster) => Promise<void>,
): () => ReplicaCluster {
  let cluster: ReplicaCluster | undefined;
  beforeAll(async () => {
    cluster = await startReplicaCluster(options);
    await ready?.(cluster);
  });
  afterAll(async () => {
    await cluster?.close();
  });
  return () => {
    if (cluster === undefined) throw new Error('the replica cluster did not start');
    return cluster;
  };
}
