/**
 * A real Library SCIM server for tests: real HTTP on 127.0.0.1, a real SQLite file in a temp
 * folder (or a fresh PostgreSQL schema), and a real bearer token.
 */
import { SCIM_BASE_PATH, type Config } from '../../src/config.js';
import { buildServer, type LibraryServer, type ServerOptions } from '../../src/http/server.js';
import type { Store } from '../../src/store/store.js';
import { createTestDatabase, type TestDatabaseOptions } from './test-database.js';

export { POSTGRES_URL } from './test-database.js';

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

export interface LaunchOptions extends TestDatabaseOptions {
  /** Log as the real server does; off by default. */
  logger?: boolean | undefined;
  plugins?: ServerOptions['plugins'];
  /** Carry on (and still delete the temp folder) when dropping the PostgreSQL schema fails. */
  ignoreDropErrors?: boolean;
}

export interface LaunchedServer {
  origin: string;
  scimBase: string;
  server: LibraryServer;
  store: Store;
  /** Close the server and the store, then drop the database. */
  close(): Promise<void>;
}

/** A migrated store on a fresh test database, and a server listening on 127.0.0.1 on top of it. */
export async function launchTestServer(options: LaunchOptions): Promise<LaunchedServer> {
  const database = createTestDatabase(options);
  const store = await database.openStore();
  await store.migrate();
  const server = await buildServer({
    config: database.config,
    store,
    logger: options.logger === true,
    plugins: options.plugins,
  });
  const origin = await server.fastify.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin,
    scimBase: `${origin}${SCIM_BASE_PATH}`,
    server,
    store,
    async close() {
      await server.close();
      await store.close();
      const dropped = database.dropSchema();
      await (options.ignoreDropErrors === true ? dropped.catch(() => undefined) : dropped);
      database.removeFolder();
    },
  };
}

export async function startTestServer(
  options: { dialect?: 'sqlite' | 'postgres'; config?: Partial<Config> } = {},
): Promise<TestServer> {
  const launched = await launchTestServer({ ...options, folderPrefix: 'library-scim-test-', schemaPrefix: 'test_' });
  const { server } = launched;
  const created = await server.directory.tokens.create({ name: 'test' });
  return {
    origin: launched.origin,
    scimBase: launched.scimBase,
    token: created.token,
    server,
    async createToken(tokenOptions = {}) {
      const token = await server.directory.tokens.create(tokenOptions);
      return { id: token.summary.id, token: token.token };
    },
    async revokeToken(id) {
      await server.directory.tokens.revoke(id);
    },
    close: () => launched.close(),
  };
}
