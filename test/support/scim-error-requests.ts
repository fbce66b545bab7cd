/**
 * Requests and assertions shared by the SCIM error tests (`test/e2e/scim-errors*.test.ts`): calls
 * with the server's token, SCIM Error replies, and users and groups to fail on.
 */
import { expect } from 'vitest';
import {
  SCIM_JSON,
  type ScimReply as Reply,
  type ScimRequest,
  expectScimErrorReply,
  scimRequest,
} from './scim-client.js';
import type { TestServer } from './test-server.js';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type Send = Omit<ScimRequest, 'token' | 'accept' | 'timeoutMs' | 'requireJson'> & {
  /** The bearer token; `null` sends no Authorization header. Default: the server's valid token. */
  token?: string | null;
};

export function call(server: TestServer, method: string, path: string, options: Send = {}): Promise<Reply> {
  const token = options.token === undefined ? server.token : options.token;
  return scimRequest(server, method, path, { ...options, token, accept: SCIM_JSON });
}

/** Assert a SCIM Error response (no `scimType` unless one is named) and return its detail. */
export function scimError(reply: Reply, status: number, scimType?: string): string {
  const detail = expectScimErrorReply(reply, status, { scimType: scimType ?? null });
  expect(typeof reply.body?.['detail']).toBe('string');
  return detail;
}

export function user(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [CORE_USER], userName, name: { givenName: 'Test', familyName: 'User' }, active: true, ...extra };
}

export function patch(...operations: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [PATCH_OP], Operations: operations };
}

export async function createUser(server: TestServer, userName: string): Promise<string> {
  const reply = await call(server, 'POST', '/Users', { body: user(userName) });
  expect(reply.status, reply.text).toBe(201);
  return String(reply.body?.['id']);
}

export async function createGroup(server: TestServer, displayName: string, members: string[] = []): Promise<string> {
  const reply = await call(server, 'POST', '/Groups', {
    body: { schemas: [CORE_GROUP], displayName, members: members.map((value) => ({ value })) },
  });
  expect(reply.status, reply.text).toBe(201);
  return String(reply.body?.['id']);
}

export async function memberIds(server: TestServer, groupId: string): Promise<string[]> {
  const reply = await call(server, 'GET', `/Groups/${groupId}`);
  expect(reply.status, reply.text).toBe(200);
  const members = (reply.body?.['members'] ?? []) as { value: string }[];
  return members.map((m) => m.value).sort();
}

export const MISSING_A = '89bb1940-b905-4575-9e7f-6f887cfb368e';
export const MISSING_B = 'b1c794f2-4f4c-49f4-b5d5-03a4cb2686ea';
