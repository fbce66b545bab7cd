/**
 * RFC 7644 section 3.7 bulk operations: a BulkRequest of POST, PUT, PATCH and DELETE operations on
 * /Users and /Groups, each applied as its own write (the RFC does not make a bulk request
 * atomic), with `bulkId` references resolved in any order and `failOnErrors` honoured.
 */
import { ScimError } from '../scim/errors.js';
import { type BulkOperation, parseBulkRequest } from '../scim/messages/bulk-request.js';
import { type BulkOperationResult, bulkResponse } from '../scim/messages/bulk-response.js';
import type { Directory } from './directory.js';
import type { WriteContext } from './directory-types.js';
import type { JsonObject, JsonValue } from '../scim/json.js';

interface Target {
  kind: 'User' | 'Group';
  endpoint: '/Users' | '/Groups';
  id: string | undefined;
}

const BULK_REFERENCE = /^bulkId:(.+)$/;

/** The bulkIds an operation refers to, in its path and anywhere in its data (depth is bounded). */
function references(operation: BulkOperation): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [operation.path.split('/').pop(), operation.data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      const match = BULK_REFERENCE.exec(value);
      if (match?.[1]) found.add(match[1]);
    } else if (value !== null && typeof value === 'object') {
      stack.push(...Object.values(value as Record<string, unknown>));
    }
  }
  return found;
}

function substitute(value: JsonValue | undefined, created: Map<string, string>): JsonValue | undefined {
  if (typeof value === 'string') {
    const match = BULK_REFERENCE.exec(value);
    return match?.[1] !== undefined && created.has(match[1]) ? (created.get(match[1]) ?? value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, created) ?? null);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, created) ?? null]));
  }
  return value;
}

function target(operation: BulkOperation, created: Map<string, string>): Target {
  const match = /^\/(users|groups)(?:\/([^/]+))?\/?$/i.exec(operation.path);
  if (!match)
    throw ScimError.invalidPath(`The path "${operation.path}" is not /Users, /Groups, /Users/{id} or /Groups/{id}.`);
  const kind = match[1]?.toLowerCase() === 'users' ? 'User' : 'Group';
  const raw = match[2];
  const id = raw === undefined ? undefined : (substitute(raw, created) as string);
  if (operation.method === 'POST' && id !== undefined)
    throw ScimError.invalidPath(`A POST goes to /${kind}s, not to "${operation.path}".`);
  if (operation.method !== 'POST' && id === undefined)
    throw ScimError.invalidPath(`A ${operation.method} needs a resource id in its path: /${kind}s/{id}.`);
  return { kind, endpoint: kind === 'User' ? '/Users' : '/Groups', id };
}

async function apply(
  directory: Directory,
  operation: BulkOperation,
  created: Map<string, string>,
  base: string,
): Promise<{ status: number; id: string | undefined; version: number | undefined }> {
  const where = target(operation, created);
  const data = substitute(operation.data, created);
  const context: WriteContext = { scimBaseUrl: base, ifMatch: operation.version };
  const resources = where.kind === 'User' ? directory.users : directory.groups;
  switch (operation.method) {
    case 'POST': {
      const outcome = await resources.create(data, context);
      return { status: 201, id: outcome.id, version: outcome.version };
    }
    case 'PUT': {
      const outcome = await resources.replace(where.id ?? '', data, context);
      return { status: 200, id: outcome.id, version: outcome.version };
    }
    case 'PATCH': {
      const outcome =
        where.kind === 'User'
          ? await directory.users.patch(where.id ?? '', data, context)
          : await directory.groups.patch(where.id ?? '', data, context);
      return { status: where.kind === 'User' ? 200 : 204, id: outcome.id, version: outcome.version };
    }
    case 'DELETE':
      await resources.delete(where.id ?? '', context);
      return { status: 204, id: where.id, version: undefined };
  }
}

/** What the activity log records about one operation of a bulk request. */
export interface BulkOperationAudit {
  method: string;
  path: string;
  status: number;
  resourceType: 'User' | 'Group' | null;
  resourceId: string | null;
  scimType: string | null;
  detail: string | null;
}

function failure(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  return new ScimError(
    500,
    'The server failed while applying this operation; it may or may not have been applied. Read the resource before sending it again.',
  );
}

/**
 * Run a bulk request. Operations run in the order given, except that one whose `bulkId`
 * references are not created yet waits until they are; references that can never be resolved
 * (unknown or circular) fail with 409. Each operation is reported in place, with its audit row.
 */
export async function runBulk(
  directory: Directory,
  body: unknown,
  scimBaseUrl: string,
): Promise<{ response: JsonObject; audit: BulkOperationAudit[] }> {
  const { operations, failOnErrors } = parseBulkRequest(body);
  const referenced = new Map(operations.map((operation) => [operation.index, [...references(operation)]]));
  const created = new Map<string, string>();
  const results = new Map<number, BulkOperationResult>();
  const audit: BulkOperationAudit[] = [];
  const failed = new Set<string>();
  let errors = 0;
  let pending = [...operations];
  const stopped = (): boolean => failOnErrors !== undefined && errors >= failOnErrors;
  while (pending.length > 0 && !stopped()) {
    const next = pending.find((operation) =>
      (referenced.get(operation.index) ?? []).every((id) => created.has(id) || failed.has(id)),
    );
    if (!next) break;
    pending = pending.filter((operation) => operation !== next);
    const result: BulkOperationResult = { method: next.method, bulkId: next.bulkId, status: 0 };
    const blocked = (referenced.get(next.index) ?? []).filter((id) => failed.has(id));
    let where: Target | undefined;
    try {
      if (blocked.length > 0) {
        throw new ScimError(
          409,
          `This operation refers to bulkId ${blocked.map((id) => `"${id}"`).join(', ')}, whose operation failed; fix that one and send both again.`,
        );
      }
      where = target(next, created);
      const outcome = await apply(directory, next, created, scimBaseUrl);
      if (next.bulkId !== undefined && outcome.id !== undefined) created.set(next.bulkId, outcome.id);
      if (outcome.id !== undefined) result.location = `${scimBaseUrl}${where.endpoint}/${outcome.id}`;
      if (outcome.version !== undefined) result.version = `W/"${outcome.version}"`;
      result.status = outcome.status;
      audit.push({
        method: next.method,
        path: `${where.endpoint}/${outcome.id ?? ''}`,
        status: outcome.status,
        resourceType: where.kind,
        resourceId: outcome.id ?? null,
        scimType: null,
        detail: null,
      });
    } catch (error) {
      const scimError = failure(error);
      errors += 1;
      if (next.bulkId !== undefined) failed.add(next.bulkId);
      // RFC 7644 section 3.7.3: every result but a failed POST names the resource it addressed.
      if (where?.id !== undefined) result.location = `${scimBaseUrl}${where.endpoint}/${where.id}`;
      result.status = scimError.status;
      result.response = scimError.toJSON();
      audit.push({
        method: next.method,
        path: next.path,
        status: scimError.status,
        resourceType: where?.kind ?? null,
        resourceId: where?.id ?? null,
        scimType: scimError.scimType ?? null,
        detail: scimError.detail,
      });
    }
    results.set(next.index, result);
  }
  for (const operation of pending) {
    if (stopped()) break;
    const unresolved = (referenced.get(operation.index) ?? []).filter((id) => !created.has(id));
    const error = new ScimError(
      409,
      `The bulkId reference(s) ${unresolved.map((id) => `"${id}"`).join(', ')} cannot be resolved: no operation creates them, or they refer to each other in a circle.`,
    );
    results.set(operation.index, {
      method: operation.method,
      bulkId: operation.bulkId,
      status: 409,
      response: error.toJSON(),
    });
    audit.push({
      method: operation.method,
      path: operation.path,
      status: 409,
      resourceType: null,
      resourceId: null,
      scimType: null,
      detail: error.detail,
    });
  }
  const response = bulkResponse(
    operations.flatMap((operation) => {
      const result = results.get(operation.index);
      return result === undefined ? [] : [result];
    }),
  );
  return { response, audit };
}
