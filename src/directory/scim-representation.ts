/**
 * Stored records to SCIM resources: `schemas`, `id`, the document as the client wrote it, the
 * read-only `groups` / `members` views, and `meta` with location and version.
 */
import type { SchemaRegistry } from '../scim/schemas/types.js';
import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA } from '../scim/schemas/types.js';
import type { GroupMembershipView, GroupRecord, MemberView, UserRecord } from '../store/store.js';
import type { JsonObject, JsonValue } from '../scim/json.js';

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

/**
 * The stored document limited to what the schemas publish now: a custom attribute that an admin
 * removed is not returned (its values leave the stored document at the resource's next write).
 */
function publishedAttributes(
  document: JsonObject,
  registry: SchemaRegistry,
  resourceType: 'User' | 'Group',
): [string, JsonValue][] {
  const entries: [string, JsonValue][] = [];
  for (const [key, value] of Object.entries(document)) {
    if (!key.includes(':')) {
      if (registry.resolve(resourceType, key)) entries.push([key, value]);
      continue;
    }
    if (!registry.isExtension(resourceType, key) || value === null || typeof value !== 'object' || Array.isArray(value))
      continue;
    const known = Object.entries(value).filter(([name]) => registry.resolve(resourceType, `${key}:${name}`));
    if (known.length > 0) entries.push([key, Object.fromEntries(known)]);
  }
  return entries;
}

function extensionUrns(entries: [string, JsonValue][]): string[] {
  return entries.map(([key]) => key).filter((key) => key.includes(':'));
}

export function userResource(
  record: UserRecord,
  registry: SchemaRegistry,
  scimBaseUrl: string,
  groups?: GroupMembershipView[],
): JsonObject {
  const attributes = publishedAttributes(record.resource, registry, 'User');
  const resource: JsonObject = { schemas: [CORE_USER_SCHEMA, ...extensionUrns(attributes)], id: record.id };
  for (const [key, value] of attributes) resource[key] = value;
  if (groups && groups.length > 0) {
    resource['groups'] = groups.map((group): JsonValue => ({
      value: group.id,
      display: group.display,
      $ref: `${scimBaseUrl}/Groups/${group.id}`,
      type: group.type,
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
  const attributes = publishedAttributes(record.resource, registry, 'Group');
  const resource: JsonObject = { schemas: [CORE_GROUP_SCHEMA, ...extensionUrns(attributes)], id: record.id };
  for (const [key, value] of attributes) resource[key] = value;
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
