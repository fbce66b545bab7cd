/**
 * `export`: the whole directory as one JSON document, produced in pieces so that a million users
 * or a 100,000-member group never sit in memory at once. Users and groups are read with RFC 9865
 * cursors (keyset paging); members are paged by member id. Secrets are not part of it: token
 * secrets are never stored, and admin accounts are left out.
 */
import type { Directory } from '../../directory/directory.js';
import { LIBRARY_FIELDS } from '../../directory/library-fields.js';
import { memberEntry } from '../../directory/scim-representation.js';
import { listMappings } from './field-mappings.js';
import { listCustomAttributes } from './custom-attributes.js';
import { jsonText, type JsonObject } from '../../scim/json.js';

const USER_PAGE = 500;
const GROUP_PAGE = 100;
const MEMBER_PAGE = 5000;

export const EXPORT_FORMAT = 'library-scim-export/1';

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** The export as chunks of JSON text; concatenated they form one JSON object. */
export async function* exportDirectory(directory: Directory, scimBaseUrl: string): AsyncGenerator<string> {
  const settings = await directory.settings.current();
  const mappings = (await listMappings(directory)).map(({ field, label, scimPath, schema }) => ({
    field,
    label,
    scimPath,
    schema,
  }));
  const customAttributes = (await listCustomAttributes(directory)).map(({ okta: _okta, ...attribute }) => attribute);
  yield `{"format":${json(EXPORT_FORMAT)},"exportedAt":${json(new Date().toISOString())},"scimBaseUrl":${json(scimBaseUrl)}`;
  yield `,"settings":${json(settings)},"libraryFields":${json(LIBRARY_FIELDS.map(({ field, label }) => ({ field, label })))}`;
  yield `,"mappings":${json(mappings)},"customAttributes":${json(customAttributes)}`;

  yield ',"users":[';
  let first = true;
  let cursor = '';
  for (;;) {
    const page = await directory.users.list({ cursor, count: USER_PAGE, scimBaseUrl, excludedAttributes: ['groups'] });
    for (const resource of page.resources) {
      yield (first ? '' : ',') + json(resource);
      first = false;
    }
    if (page.nextCursor === undefined) break;
    cursor = page.nextCursor;
  }

  yield '],"groups":[';
  first = true;
  cursor = '';
  for (;;) {
    const page = await directory.groups.list({
      cursor,
      count: GROUP_PAGE,
      scimBaseUrl,
      excludedAttributes: ['members'],
    });
    for (const resource of page.resources) {
      yield* exportGroup(directory, resource, scimBaseUrl, first);
      first = false;
    }
    if (page.nextCursor === undefined) break;
    cursor = page.nextCursor;
  }
  yield ']}\n';
}

/** One group, its members streamed after the other attributes. */
async function* exportGroup(
  directory: Directory,
  resource: JsonObject,
  scimBaseUrl: string,
  first: boolean,
): AsyncGenerator<string> {
  const { meta, ...attributes } = resource;
  const opening = json(attributes);
  yield `${first ? '' : ','}${opening.slice(0, -1)}${opening === '{}' ? '' : ','}"members":[`;
  const id = jsonText(resource['id']);
  let afterMemberId: string | undefined;
  let firstMember = true;
  for (;;) {
    const page = await directory.store.read((session) =>
      session.members.list(id, { afterMemberId, limit: MEMBER_PAGE }),
    );
    if (page.length > 0) {
      yield (firstMember ? '' : ',') + page.map((member) => json(memberEntry(member, scimBaseUrl))).join(',');
      firstMember = false;
    }
    const last = page[page.length - 1];
    if (page.length < MEMBER_PAGE || !last) break;
    afterMemberId = last.value;
  }
  yield `],"meta":${json(meta ?? null)}}`;
}
