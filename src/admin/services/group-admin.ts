/**
 * Groups as the console sees them: searched with the SCIM filter engine and paged without loading
 * members; a group's members are paged on their own (keyset by member id), so a group of 100,000
 * members opens as fast as a group of ten.
 */
import type { Directory } from '../../directory/directory.js';
import { groupResource } from '../../directory/scim-representation.js';
import { ScimError } from '../../scim/errors.js';
import type { GroupRecord } from '../../store/store.js';
import type { GroupDetail, GroupPage, GroupRow, MemberPage } from '../admin-api-types.js';
import { type DirectoryQuery, pageWindow } from './user-admin.js';
import { jsonText } from '../../scim/json.js';

export const MAX_MEMBER_PAGE = 500;

function rowFromRecord(record: GroupRecord, memberCount: number): GroupRow {
  return {
    id: record.id,
    displayName: record.displayName,
    externalId: record.externalId,
    distinguishedName: record.distinguishedName,
    memberCount,
    lastModified: record.lastModified,
  };
}

export async function listGroups(directory: Directory, query: DirectoryQuery, scimBaseUrl: string): Promise<GroupPage> {
  const { startIndex, count } = pageWindow(query);
  const page = await directory.groups.list({
    filter: query.filter,
    startIndex,
    count,
    scimBaseUrl,
    attributes: ['id'],
  });
  const ids = page.resources.map((resource) => jsonText(resource['id']));
  const groups = await directory.store.read(async (session) => {
    const rows: GroupRow[] = [];
    for (const id of ids) {
      const record = await session.groups.get(id);
      if (record) rows.push(rowFromRecord(record, await session.members.count(id)));
    }
    return rows;
  });
  return { totalResults: page.totalResults, startIndex, itemsPerPage: groups.length, groups };
}

function notFound(id: string): ScimError {
  return ScimError.notFound(`No group has id "${id}" (it may have been deleted). Search the directory again.`);
}

export async function groupDetail(directory: Directory, id: string, scimBaseUrl: string): Promise<GroupDetail> {
  const { registry } = await directory.catalog.current();
  const { record, memberCount } = await directory.store.read(async (session) => {
    const found = await session.groups.get(id);
    if (!found) throw notFound(id);
    return { record: found, memberCount: await session.members.count(id) };
  });
  return {
    group: rowFromRecord(record, memberCount),
    resource: groupResource(record, registry, scimBaseUrl, undefined),
    library: [
      { field: 'group.name', label: 'User Group Name', value: record.displayName },
      { field: 'group.distinguishedName', label: 'Distinguished Name', value: record.distinguishedName },
    ],
  };
}

export async function groupMembers(
  directory: Directory,
  id: string,
  options: { after?: string | undefined; limit?: number | undefined },
): Promise<MemberPage> {
  const limit =
    options.limit !== undefined && Number.isInteger(options.limit) && options.limit > 0
      ? Math.min(options.limit, MAX_MEMBER_PAGE)
      : 100;
  return directory.store.read(async (session) => {
    if (!(await session.groups.get(id))) throw notFound(id);
    const rows = await session.members.list(id, { afterMemberId: options.after, limit: limit + 1 });
    const members = rows
      .slice(0, limit)
      .map((member) => ({ value: member.value, type: member.type, display: member.display }));
    const page: MemberPage = { members, total: await session.members.count(id) };
    const last = members[members.length - 1];
    if (rows.length > limit && last) page.next = last.value;
    return page;
  });
}
