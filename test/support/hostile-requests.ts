/**
 * The server of the adversarial request tests (`test/e2e/scim-robustness*.test.ts`): one user and
 * one group to aim at, calls with a timeout, and `refused`, which sends a write that must fail and
 * proves that nothing changed.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { type ScimReply as Reply, type ScimRequest, expectScimErrorReply, scimRequest } from './scim-client.js';
import { startTestServer, type TestServer } from './test-server.js';

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** What a detail must never show: stack frames, source files, driver or SQL text. */
export const LEAK =
  /\bat [\w.<>]+ \(|\.[cm]?[jt]s:\d+|node_modules|SQLITE_|better-sqlite3|\bselect\b.{0,200}\bfrom\b|\binsert into\b|syntax error at|violates|duplicate key|constraint failed|TypeError|RangeError|ReferenceError|\bundefined\b|\[object Object\]/i;

export type Send = Pick<ScimRequest, 'body' | 'raw' | 'headers'>;

export function expectScimError(reply: Reply, status: number, scimType?: string): string {
  return expectScimErrorReply(reply, status, { scimType, leak: LEAK });
}

export function patch(...operations: unknown[]): Record<string, unknown> {
  return { schemas: [PATCH_OP], Operations: operations };
}

export interface HostileTarget {
  call: (method: string, path: string, options?: Send) => Promise<Reply>;
  /** The resource exactly as served, meta.version and lastModified included. */
  snapshot: (path: string) => Promise<string>;
  /** Send a write that must fail with `status`/`scimType` and prove that nothing changed; returns the detail. */
  refused: (method: string, path: string, options: Send, status: number, scimType?: string) => Promise<string>;
  /** The user and the group the requests aim at. */
  readonly userId: string;
  readonly groupId: string;
}

/** A server on `dialect`, started before the tests of the enclosing `describe` and closed after them. */
export function hostileTarget(dialect: 'sqlite' | 'postgres'): HostileTarget {
  let server: TestServer | undefined;
  let userId = '';
  let groupId = '';
  const started = (): TestServer => {
    if (server === undefined) throw new Error('the server did not start');
    return server;
  };

  function call(method: string, path: string, options: Send = {}): Promise<Reply> {
    return scimRequest(started(), method, path, { ...options, token: started().token, timeoutMs: 30_000 });
  }

  /** The resource exactly as served, meta.version and lastModified included. */
  async function snapshot(path: string): Promise<string> {
    const reply = await call('GET', path);
    expect(reply.status, reply.text).toBe(200);
    return reply.text;
  }

  async function total(endpoint: '/Users' | '/Groups'): Promise<number> {
    return Number((await call('GET', `${endpoint}?count=0`)).body?.['totalResults']);
  }

  /** Send a write that must fail with `status`/`scimType` and prove that nothing changed. */
  async function refused(
    method: string,
    path: string,
    options: Send,
    status: number,
    scimType?: string,
  ): Promise<string> {
    const watched = method === 'POST' ? undefined : path;
    const before = watched === undefined ? undefined : await snapshot(watched);
    const users = await total('/Users');
    const groups = await total('/Groups');
    const detail = expectScimError(await call(method, path, options), status, scimType);
    if (watched !== undefined) expect(await snapshot(watched)).toBe(before);
    expect(await total('/Users')).toBe(users);
    expect(await total('/Groups')).toBe(groups);
    return detail;
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const created = await call('POST', '/Users', {
      body: {
        userName: 'reader@example.com',
        name: { givenName: 'Ada' },
        emails: [{ value: 'reader@example.com', type: 'work', primary: true }],
        title: 'Reader',
      },
    });
    expect(created.status, created.text).toBe(201);
    userId = String(created.body?.['id']);
    const group = await call('POST', '/Groups', {
      body: { displayName: 'Reading Room', members: [{ value: userId }] },
    });
    expect(group.status, group.text).toBe(201);
    groupId = String(group.body?.['id']);
  });

  afterAll(async () => {
    await server?.close();
  });

  return {
    call,
    snapshot,
    refused,
    get userId() {
      return userId;
    },
    get groupId() {
      return groupId;
    },
  };
}
