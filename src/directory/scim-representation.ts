/**
 * Stored records to SCIM resources: `schemas`, `id`, the document as the client wrote it, the
 * read-only `groups` / `members` views, and `meta` with location and version.
 */
import type { SchemaRegistry } from '../scim/schemas/types.js';
import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA } from '../scim/schemas/types.js';
import type {
  GroupMembershipView,
  GroupRecord,
  JsonObject,
  JsonValue,
  MemberView,
  UserRecord,
} from '../store/store.js';

/** Weak entity tag of a resource version (RFC 7644 section 3.14). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** True when an If-Match / If-None-Match header value names this version (or is `*`). */
export function etagMatches(header: string, version: number): boolean {
  const current = etagOf(version);
  return header
    .split(',')
    .map((candidate) => candidate.trim())
    .some((candidate) => candidate === '*' || candidate === current || `W/${candidate}` === current);
}

function extensionUrns(document: JsonObject, registry: SchemaRegistry, resourceType: 'User' | 'Group'): string[] {
  return Object.keys(document).filter((key) => key.includes(':') && registry.isExtension(resourceType, key));
}

export function userResource(
  record: UserRecord,
  registry: SchemaRegistry,
  scimBaseUrl: string,
  groups?: GroupMembershipView[],
): JsonObject {
  const resource: JsonObject = {
    schemas: [CORE_USER_SCHEMA, ...extensionUrns(record.resource, registry, 'User')],
    id: record.id,
  };
  for (const [key, value] of Object.entries(record.resource)) resource[key] = value;
  if (groups && groups.length > 0) {
    resource['groups'] = groups.map((group): JsonValue => ({
      value: group.id,
      display: group.display,
      $ref: `${scimBaseUrl}/Groups/${group.id}`,
      type: 'direct',
    }));
  }
  resource['meta'] = {
    resourceType: 'User',
    created: record.created,
    lastModified: record.lastModified,
    location: `${scimBaseUrl}/Users/${record.id}`,
    version: etagOf(record.version),
  };
  return resource;
}

export function memberEntry(member: MemberView, scimBaseUrl: string): JsonObject {
  return {
    value: member.value,
    display: member.display,
    $ref: `${scimBaseUrl}/${member.type === 'User' ? 'Users' : 'Groups'}/${member.value}`,
    type: member.type,
  };
}

/** `members` undefined means "not loaded" (excluded by the request); the key is then omitted. */
export function groupResource(
  record: GroupRecord,
  registry: SchemaRegistry,
  scimBaseUrl: string,
  members: MemberView[] | undefined,
): JsonObject {
  const resource: JsonObject = {
    schemas: [CORE_GROUP_SCHEMA, ...extensionUrns(record.resource, registry, 'Group')],
    id: record.id,
  };
  for (const [key, value] of Object.entries(record.resource)) resource[key] = value;
  if (members !== undefined) resource['members'] = members.map((member) => memberEntry(member, scimBaseUrl));
  resource['meta'] = {
    resourceType: 'Group',
    created: record.created,
    lastModified: record.lastModified,
    location: `${scimBaseUrl}/Groups/${record.id}`,
    version: etagOf(record.version),
  };
  return resource;
}
