/**
 * Turning a SCIM list request into a store query: filter parsing and resolution, sorting, and
 * paging, shared by Users and Groups.
 */
import { ScimError } from '../scim/errors.js';
import { parseFilter } from '../scim/filter/filter-parser.js';
import { resolveAttributePath, resolveFilter } from '../scim/filter/filter-resolver.js';
import type { ResolvedFilter } from '../scim/filter/ast.js';
import type { ResourceTypeName, SchemaRegistry } from '../scim/schemas/types.js';
import type { ListQuery, ListResult, SortSpec } from '../store/store.js';
import type { ListPage, ListRequest } from './directory-types.js';
import { type CursorCodec, parseCount, queryFingerprint } from './list-paging.js';
import type { JsonObject } from '../scim/json.js';

export interface PagingLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

export interface PreparedQuery {
  query: ListQuery;
  startIndex: number | undefined;
  cursorMode: boolean;
  fingerprint: string;
  sorted: boolean;
  offset: number;
}

export function resolveListFilter(
  text: string | undefined,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): ResolvedFilter | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return resolveFilter(parseFilter(text), resourceType, registry);
}

export function resolveSort(
  request: ListRequest,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): SortSpec | undefined {
  if (request.sortBy === undefined || request.sortBy.trim() === '') return undefined;
  const attr = resolveAttributePath(request.sortBy.trim(), resourceType, registry, 'invalidPath');
  const order = request.sortOrder?.trim().toLowerCase();
  if (order !== undefined && order !== '' && order !== 'ascending' && order !== 'descending') {
    throw ScimError.invalidValue(`sortOrder must be "ascending" or "descending", not "${request.sortOrder}".`);
  }
  return { attr, descending: order === 'descending' };
}

export async function prepareListQuery(
  request: ListRequest,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
  limits: PagingLimits,
  cursors: CursorCodec,
): Promise<PreparedQuery> {
  const filter = resolveListFilter(request.filter, resourceType, registry);
  const sort = resolveSort(request, resourceType, registry);
  const limit = parseCount(request.count, limits.defaultPageSize, limits.maxPageSize);
  const fingerprint = queryFingerprint([resourceType, request.filter, request.sortBy, request.sortOrder]);
  if (request.cursor !== undefined) {
    if (request.startIndex !== undefined && request.startIndex > 1) {
      throw ScimError.invalidValue(
        'Use either cursor paging ("cursor") or index paging ("startIndex"), not both in one request.',
      );
    }
    let afterSeq: number | undefined;
    let offset = 0;
    if (request.cursor !== '') {
      const position = await cursors.decode(request.cursor, fingerprint);
      afterSeq = position.seq;
      offset = position.off ?? 0;
    }
    const query: ListQuery = { filter, sort, limit, offset: sort ? offset : 0, afterSeq: sort ? undefined : afterSeq };
    return { query, startIndex: undefined, cursorMode: true, fingerprint, sorted: sort !== undefined, offset };
  }
  const startIndex =
    request.startIndex === undefined || !Number.isFinite(request.startIndex) || request.startIndex < 1
      ? 1
      : Math.floor(request.startIndex);
  const query: ListQuery = { filter, sort, limit, offset: startIndex - 1 };
  return { query, startIndex, cursorMode: false, fingerprint, sorted: sort !== undefined, offset: startIndex - 1 };
}

/** The RFC 9865 `nextCursor` for a page, or undefined on the last page. */
export async function nextCursorFor<T extends { seq: number }>(
  prepared: PreparedQuery,
  result: ListResult<T>,
  cursors: CursorCodec,
): Promise<string | undefined> {
  if (!prepared.cursorMode || result.items.length < prepared.query.limit || prepared.query.limit === 0)
    return undefined;
  const last = result.items[result.items.length - 1];
  if (!last) return undefined;
  if (prepared.sorted) {
    const off = prepared.offset + result.items.length;
    if (off >= result.total) return undefined;
    return cursors.encode({ q: prepared.fingerprint, off });
  }
  return cursors.encode({ q: prepared.fingerprint, seq: last.seq });
}

/** The page of a list response: counts, position, the resources, and the next cursor if any. */
export async function listPage<T extends { seq: number }>(
  prepared: PreparedQuery,
  result: ListResult<T>,
  resources: JsonObject[],
  cursors: CursorCodec,
): Promise<ListPage> {
  return {
    totalResults: result.total,
    startIndex: prepared.startIndex,
    itemsPerPage: resources.length,
    resources,
    nextCursor: await nextCursorFor(prepared, result, cursors),
  };
}
