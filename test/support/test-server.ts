/**
 * A real Library SCIM server for tests: real HTTP on 127.0.0.1, a real SQLite file in a temp
 * folder (or a fresh PostgreSQL schema), and a real bearer token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SCIM_BASE_PATH, loadConfig, type Config } from '../../src/config.js';
import { buildServer, type LibraryServer } from '../../src/http/server.js';
import { openStore } from '../../src/store/open-store.js';

export const POSTGRES_URL = process.env['LIBRARY_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestServer {
  origin: string;
  scimBase: string;
  /** A valid bearer token. */
  token: string;
  server: LibraryServer;
  createToken(options?: { name?: string; expiresInSeconds?: number }): Promise<{ id: string; token: string }>;
  revokeToken(id: string): Promise<void>;
  close(): Promise<void>;
}

async function dropPostgresSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export async function startTestServer(
  options: { dialect?: 'sqlite' | 'postgres'; config?: Partial<Config> } = {},
): Promise<TestServer> {
  const dialect = options.dialect ?? 'sqlite';
  const folder = mkdtempSync(join(tmpdir(), 'library-scim-test-'));
  const postgresSchema = dialect === 'postgres' ? `test_${randomBytes(6).toString('hex')}` : undefined;
  const config = loadConfig({}, {
    databaseUrl: dialect === 'postgres' ? POSTGRES_URL : `sqlite:${join(folder, 'library.db')}`,
    postgresSchema,
    host: '127.0.0.1',
    port: 0,
    rateLimitPerSecond: 0,
    logLevel: 'silent',
    ...options.config,
  });
  const store = await openStore({ databaseUrl: config.databaseUrl, postgresSchema });
  await store.migrate();
  const server = await buildServer({ config, store, logger: false });
  const address = await server.fastify.listen({ host: '127.0.0.1', port: 0 });
  const created = await server.directory.tokens.create({ name: 'test' });
  return {
    origin: address,
    scimBase: `${address}${SCIM_BASE_PATH}`,
    token: created.token,
    server,
    async createToken(tokenOptions = {}) {
      const token = await server.directory.tokens.create(tokenOptions);
      return { id: token.summary.id, token: token.token };
    },
    async revokeToken(id) {
      await server.directory.tokens.revoke(id);
    },
    async close() {
      await server.close();
      await store.close();
      if (postgresSchema !== undefined) await dropPostgresSchema(postgresSchema);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
