/**
 * Helpers for building SCIM requests and checking their responses in load plans. Everything here
 * runs inside the load worker, per request: keep it cheap.
 */
import type autocannon from 'autocannon';
import { benchUserDocument, benchUserId, benchUserName, benchWorkEmail } from '../seed.js';
import type { LoadParams } from '../core/types.js';

export { benchUserDocument, benchUserId, benchUserName, benchWorkEmail };

export const SCIM_BASE = '/api/scim/v2';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const scim = (path: string): string => `${SCIM_BASE}${path}`;

export const randomBelow = (n: number): number => Math.floor(Math.random() * n);

export const randomUser = (params: LoadParams): number => randomBelow(params.users);

export const randomPoolUser = (params: LoadParams): number =>
  params.memberPool.from + randomBelow(params.memberPool.to - params.memberPool.from);

/** Per-connection state that a request of the cycle leaves for the next ones. */
export interface CycleState {
  user?: number;
  counter?: number;
}

export const cycleState = (context: CycleState): CycleState => context;

type Setup = (request: autocannon.Request, state: CycleState) => autocannon.Request;

/** A request whose method, path and body are chosen per cycle. */
export function dynamic(setup: Setup): autocannon.Request {
  return { setupRequest: (request, context) => setup(request, cycleState(context)) };
}

export const json = (value: unknown): string => JSON.stringify(value);

export function patchOp(operations: unknown[]): string {
  return json({ schemas: [PATCH_SCHEMA], Operations: operations });
}

/** Parses a response body; a string says what is wrong. */
export function parseObject(body: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return 'the body is not a JSON object';
  } catch {
    return `the body is not JSON: ${body.slice(0, 120)}`;
  }
}

function hasSchema(resource: Record<string, unknown>, schema: string): boolean {
  return Array.isArray(resource['schemas']) && resource['schemas'].includes(schema);
}

/** A SCIM user; with `userName`, that one. */
export function expectUser(body: string, userName?: string): string | undefined {
  const user = parseObject(body);
  if (typeof user === 'string') return user;
  if (!hasSchema(user, USER_SCHEMA)) return 'not a SCIM User (schemas)';
  if (typeof user['id'] !== 'string') return 'the user has no id';
  if (userName !== undefined && user['userName'] !== userName) return `expected userName ${userName}`;
  return undefined;
}

/** A SCIM group with at least `members` members (when given). */
export function expectGroup(body: string, members?: number): string | undefined {
  const group = parseObject(body);
  if (typeof group === 'string') return group;
  if (!hasSchema(group, GROUP_SCHEMA)) return 'not a SCIM Group (schemas)';
  const list = group['members'];
  if (members !== undefined && (!Array.isArray(list) || list.length < members)) {
    return `expected ${members} members, got ${Array.isArray(list) ? list.length : 'none'}`;
  }
  return undefined;
}

/** A ListResponse with `total` results in all (when given) and at least `resources` on the page. */
export function expectList(body: string, expected: { total?: number; resources?: number }): string | undefined {
  const list = parseObject(body);
  if (typeof list === 'string') return list;
  if (!hasSchema(list, LIST_SCHEMA)) return 'not a ListResponse (schemas)';
  if (expected.total !== undefined && list['totalResults'] !== expected.total) {
    return `expected totalResults ${expected.total}, got ${String(list['totalResults'])}`;
  }
  const resources = list['Resources'];
  if (expected.resources !== undefined && (!Array.isArray(resources) || resources.length < expected.resources)) {
    return `expected ${expected.resources} resources, got ${Array.isArray(resources) ? resources.length : 'none'}`;
  }
  return undefined;
}

/** The writers-in-flight variants of a write scenario: all in full mode, 16 in quick mode. */
export function writerVariants(mode: 'full' | 'quick'): number[] {
  return mode === 'quick' ? [16] : [1, 16, 64];
}
