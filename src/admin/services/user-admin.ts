/**
 * Users as the console sees them: searched with the SCIM filter engine and paged, read with their
 * Library fields and groups, deactivated or reactivated by a SCIM PATCH (so the change is
 * validated and versioned like any provisioning write), deleted by hand, and restored or purged
 * after a soft delete.
 */
import { preferredEmail } from '../../directory/library-fields.js';
import type { Directory } from '../../directory/directory.js';
import { LIBRARY_FIELDS } from '../../directory/library-fields.js';
import { resolveListFilter } from '../../directory/resource-query.js';
import { userResource } from '../../directory/scim-representation.js';
import { ScimError } from '../../scim/errors.js';
import type { UserRecord } from '../../store/store.js';
import type { LibraryFieldValue, UserDetail, UserPage, UserRow } from '../admin-api-types.js';
import { jsonText, type JsonObject, type JsonValue } from '../../scim/json.js';
import { PATCH_OP_SCHEMA } from '../../scim/messages/patch-op.js';

export const MAX_ADMIN_PAGE = 200;

export interface DirectoryQuery {
  filter?: string | undefined;
  startIndex?: number | undefined;
  count?: number | undefined;
}

export function pageWindow(query: DirectoryQuery): { startIndex: number; count: number } {
  const startIndex =
    query.startIndex !== undefined && Number.isInteger(query.startIndex) && query.startIndex > 0 ? query.startIndex : 1;
  const count =
    query.count !== undefined && Number.isInteger(query.count) && query.count >= 0
      ? Math.min(query.count, MAX_ADMIN_PAGE)
      : 25;
  return { startIndex, count };
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function rowFromResource(resource: JsonObject): UserRow {
  const meta = resource['meta'];
  const lastModified =
    meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? text(meta['lastModified']) : null;
  return {
    id: jsonText(resource['id']),
    userName: jsonText(resource['userName']),
    displayName: text(resource['displayName']),
    email: preferredEmail(resource),
    active: resource['active'] !== false,
    externalId: text(resource['externalId']),
    lastModified: lastModified ?? '',
    deletedAt: null,
  };
}

export function rowFromRecord(record: UserRecord): UserRow {
  return {
    id: record.id,
    userName: record.userName,
    displayName: record.displayName,
    email: record.library.email ?? preferredEmail(record.resource),
    active: record.active,
    externalId: record.externalId,
    lastModified: record.lastModified,
    deletedAt: record.deletedAt,
  };
}

/** Users matching a SCIM filter; with `includeDeleted`, soft-deleted users are listed too. */
export async function listUsers(
  directory: Directory,
  query: DirectoryQuery & { includeDeleted?: boolean | undefined },
  scimBaseUrl: string,
): Promise<UserPage> {
  const { startIndex, count } = pageWindow(query);
  if (!query.includeDeleted) {
    const page = await directory.users.list({
      filter: query.filter,
      startIndex,
      count,
      scimBaseUrl,
      excludedAttributes: ['groups'],
    });
    return {
      totalResults: page.totalResults,
      startIndex,
      itemsPerPage: page.itemsPerPage,
      users: page.resources.map(rowFromResource),
    };
  }
  const { registry } = await directory.catalog.current();
  const filter = resolveListFilter(query.filter, 'User', registry);
  const result = await directory.store.read((session) =>
    session.users.list({ filter, offset: startIndex - 1, limit: count, includeDeleted: true }),
  );
  return {
    totalResults: result.total,
    startIndex,
    itemsPerPage: result.items.length,
    users: result.items.map(rowFromRecord),
  };
}

function notFound(id: string): ScimError {
  return ScimError.notFound(`No user has id "${id}" (it may have been deleted). Search the directory again.`);
}

export async function userDetail(directory: Directory, id: string, scimBaseUrl: string): Promise<UserDetail> {
  const { registry } = await directory.catalog.current();
  const { record, groups } = await directory.store.read(async (session) => {
    const found = await session.users.get(id, { includeDeleted: true });
    if (!found) throw notFound(id);
    return { record: found, groups: (await session.users.groupsOf([id])).get(id) ?? [] };
  });
  const values: Record<string, string | null> = {
    'user.fullName': record.library.fullName,
    'user.userName': record.userName,
    'user.email': record.library.email,
    'user.trustId': record.library.trustId,
    'user.distinguishedName': record.library.distinguishedName,
    'user.enabled': record.active ? 'true' : 'false',
  };
  const library: LibraryFieldValue[] = LIBRARY_FIELDS.filter((field) => field.resourceType === 'User').map((field) => ({
    field: field.field,
    label: field.label,
    value: values[field.field] ?? null,
  }));
  return {
    user: rowFromRecord(record),
    resource: userResource(record, registry, scimBaseUrl, groups),
    library,
    groups: groups.map((group) => ({ id: group.id, displayName: group.display })),
  };
}

/** Deactivate or reactivate through a SCIM PATCH (`replace active`), exactly as Okta does it. */
export async function setUserActive(
  directory: Directory,
  id: string,
  active: unknown,
  scimBaseUrl: string,
): Promise<UserDetail> {
  if (typeof active !== 'boolean')
    throw ScimError.invalidValue('Send {"active": false} to deactivate the user or {"active": true} to reactivate it.');
  const record = await directory.store.read((session) => session.users.get(id, { includeDeleted: true }));
  if (!record) throw notFound(id);
  if (record.deletedAt !== null)
    throw new ScimError(409, `The user "${record.userName}" is soft-deleted. Restore it first.`);
  await directory.users.patch(
    id,
    { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: active }] },
    { scimBaseUrl },
  );
  return userDetail(directory, id, scimBaseUrl);
}

/** Delete by hand: removes the user (soft-deleted or not) and its memberships for good. */
export async function deleteUser(directory: Directory, id: string): Promise<UserRow> {
  const record = await directory.store.write(async (session) => {
    const found = await session.users.get(id, { includeDeleted: true });
    if (!found) throw notFound(id);
    await session.users.delete(id);
    return found;
  });
  return rowFromRecord(record);
}

/** Bring a soft-deleted user back into SCIM. */
export async function restoreUser(directory: Directory, id: string, scimBaseUrl: string): Promise<UserDetail> {
  await directory.store.write(async (session) => {
    const found = await session.users.get(id, { includeDeleted: true });
    if (!found) throw notFound(id);
    if (found.deletedAt === null)
      throw new ScimError(409, `The user "${found.userName}" is not deleted; there is nothing to restore.`);
    await session.users.setDeleted(id, null);
  });
  return userDetail(directory, id, scimBaseUrl);
}
