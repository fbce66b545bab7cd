/**
 * `POST /.search` at the service provider's root (RFC 7644 section 3.4.3): one query over Users
 * and Groups. Users come first, then groups, each in their own order; index paging runs across the
 * two as one list. A filter that only one resource type can answer (it names an attribute the
 * other lacks) searches that type alone; a filter neither can answer, or a sortBy that is not an
 * attribute of both, is a 400.
 */
import { ScimError } from '../scim/errors.js';
import type { Directory } from './directory.js';
import type { ListPage, ListRequest } from './directory-types.js';
import { parseCount } from './list-paging.js';

async function listOrSkip(list: () => Promise<ListPage>): Promise<ListPage | ScimError> {
  try {
    return await list();
  } catch (error) {
    if (error instanceof ScimError && error.scimType === 'invalidFilter') return error;
    throw error;
  }
}

export async function searchAllResources(directory: Directory, request: ListRequest): Promise<ListPage> {
  if (request.cursor !== undefined) {
    throw ScimError.invalidValue(
      'Cursor paging is not offered across resource types; use startIndex and count at /.search, or search /Users/.search and /Groups/.search with a cursor.',
    );
  }
  const { defaultPageSize, maxPageSize } = directory.config;
  const count = parseCount(request.count, defaultPageSize, maxPageSize);
  const startIndex = request.startIndex !== undefined && request.startIndex > 1 ? Math.floor(request.startIndex) : 1;
  const users = await listOrSkip(() => directory.users.list({ ...request, startIndex, count }));
  const usersTotal = users instanceof ScimError ? 0 : users.totalResults;
  const shown = users instanceof ScimError ? [] : users.resources;
  const groupStart = Math.max(1, startIndex - usersTotal);
  const groups = await listOrSkip(() =>
    directory.groups.list({ ...request, startIndex: groupStart, count: count - shown.length }),
  );
  if (users instanceof ScimError && groups instanceof ScimError) throw users;
  const groupsTotal = groups instanceof ScimError ? 0 : groups.totalResults;
  const resources = [...shown, ...(groups instanceof ScimError ? [] : groups.resources)];
  return { totalResults: usersTotal + groupsTotal, startIndex, itemsPerPage: resources.length, resources };
}
