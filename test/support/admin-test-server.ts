/**
 * A real Library SCIM server with the admin console, for the admin API and browser tests: real
 * HTTP on 127.0.0.1, a SQLite file in a temp folder (or a fresh PostgreSQL schema), the admin
 * plugin, a one-time set-up code, and a bearer token. `AdminClient` speaks to the admin API like
 * the console does: it keeps the session cookie and sends the CSRF header.
 */
import { afterAll, beforeAll } from 'vitest';
import { adminAccountStore } from '../../src/admin/admin-account-access.js';
import { adminConsolePlugin, ensureSetupCode } from '../../src/admin/admin-console.js';
import type { Config } from '../../src/config.js';
import type { LibraryServer } from '../../src/http/server.js';
import type { AdminAccountStore } from '../../src/store/admin-accounts.js';
import type { Store, StoreDialect } from '../../src/store/store.js';
import { launchTestServer } from './test-server.js';

export interface AdminTestServer {
  origin: string;
  scimBase: string;
  adminBase: string;
  /** The set-up code printed on first start. */
  setupCode: string;
  /** A valid SCIM bearer token. */
  token: string;
  server: LibraryServer;
  store: Store;
  accounts: AdminAccountStore;
  close(): Promise<void>;
}

export async function startAdminTestServer(
  options: {
    dialect?: StoreDialect;
    config?: Partial<Config>;
    webRoot?: string;
    /** Log as the real server does (pino JSON on stdout, at `config.logLevel`); off by default. */
    logger?: boolean;
  } = {},
): Promise<AdminTestServer> {
  const { webRoot, ...launch } = options;
  const plugin = adminConsolePlugin({ webRoot, maintenanceIntervalMs: 0 });
  const launched = await launchTestServer({
    ...launch,
    folderPrefix: 'library-admin-test-',
    schemaPrefix: 'admin_test_',
    plugins: [plugin],
    ignoreDropErrors: true,
  });
  const { server, store } = launched;
  const setupCode = await ensureSetupCode(server.directory);
  if (setupCode === undefined) throw new Error('A fresh database must need set-up.');
  const created = await server.directory.tokens.create({ name: 'test' });
  return {
    origin: launched.origin,
    scimBase: launched.scimBase,
    adminBase: `${launched.origin}/api/admin`,
    setupCode,
    token: created.token,
    server,
    store,
    accounts: adminAccountStore(store),
    close: () => launched.close(),
  };
}

export interface AdminResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** The admin API as the console uses it: a cookie jar of one cookie and the CSRF header. */
export class AdminClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly adminBase: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<AdminResponse<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie !== undefined && headers['Cookie'] === undefined) headers['Cookie'] = this.cookie;
    if (
      method !== 'GET' &&
      options.csrf !== false &&
      this.csrfToken !== undefined &&
      headers['X-CSRF-Token'] === undefined
    ) {
      headers['X-CSRF-Token'] = this.csrfToken;
    }
    const response = await fetch(`${this.adminBase}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    if (body !== null && typeof body === 'object' && 'csrfToken' in body && typeof body.csrfToken === 'string')
      this.csrfToken = body.csrfToken;
    return { status: response.status, headers: response.headers, body: body as T };
  }

  async setup(setupCode: string, username: string, password: string): Promise<AdminResponse> {
    return this.request('POST', '/setup', { body: { setupCode, username, password } });
  }

  async login(username: string, password: string): Promise<AdminResponse> {
    return this.request('POST', '/login', { body: { username, password } });
  }
}

export const ADMIN_NAME = 'it-admin';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface SignedInAdmin {
  server: AdminTestServer;
  admin: AdminClient;
}

/** A server whose first admin is set up, and a client signed in as that admin. */
export async function startSignedInAdmin(
  options: Parameters<typeof startAdminTestServer>[0] = {},
): Promise<SignedInAdmin> {
  const server = await startAdminTestServer(options);
  const admin = new AdminClient(server.adminBase);
  const response = await admin.setup(server.setupCode, ADMIN_NAME, ADMIN_PASSWORD);
  if (response.status !== 201) throw new Error(`Set-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { server, admin };
}

/**
 * For the tests of the calling file or suite: before them, start a signed-in admin and hand it to
 * `receive` (which keeps the server and the client); after them, close the server.
 */
export function useSignedInAdmin(
  receive: (started: SignedInAdmin) => void,
  options: Parameters<typeof startAdminTestServer>[0] = {},
): void {
  let started: SignedInAdmin | undefined;
  beforeAll(async () => {
    started = await startSignedInAdmin(options);
    receive(started);
  });
  afterAll(async () => {
    await started?.server.close();
  });
}
