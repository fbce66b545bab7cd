/**
 * Library user groups through SCIM. Memberships live in their own table and are changed by
 * delta, so a change to one member of a 100,000-member group costs the same as in a group of ten.
 */
import { randomUUID } from 'node:crypto';
import { ScimError } from '../scim/errors.js';
import { parsePatchOp } from '../scim/messages/patch-op.js';
import { applyPatch } from '../scim/patch/resource-patch.js';
import {
  createResourceProjection,
  isAttributeRequested,
  projectResource,
} from '../scim/resources/resource-attribute-projection.js';
import { normalizeResourceInput } from '../scim/resources/resource-input.js';
import type { SchemaRegistry } from '../scim/schemas/types.js';
import type { GroupRecord, GroupWrite, MemberView, Store, StoreSession } from '../store/store.js';
import { changedKeys } from './change-summary.js';
import type { ListPage, ListRequest, ProjectionOptions, WriteContext, WriteOutcome } from './directory-types.js';
import { libraryGroupDistinguishedName } from './library-fields.js';
import type { CursorCodec } from './list-paging.js';
import { type MemberInput, applyMembershipSteps, replaceMembers, addMembers } from './group-membership.js';
import { type PagingLimits, listPage, prepareListQuery } from './resource-query.js';
import type { SchemaCatalog, SchemaSnapshot } from './schema-catalog.js';
import { groupResource, memberEntry } from './scim-representation.js';
import { guardedWrite, requireCurrent } from './write-guards.js';
import type { JsonObject } from '../scim/json.js';

const MEMBER_PAGE = 5000;
/** Groups with more members than this are streamed by `getAsJsonText`. */
export const STREAMED_MEMBERS = 1000;

export class GroupDirectory {
  constructor(
    private readonly store: Store,
    private readonly catalog: SchemaCatalog,
    private readonly cursors: CursorCodec,
    private readonly limits: PagingLimits,
  ) {}

  async create(body: unknown, context: WriteContext): Promise<WriteOutcome> {
    const schema = await this.catalog.current();
    const { document, members } = this.readDocument(body, schema.registry);
    const at = new Date().toISOString();
    const id = randomUUID();
    const wantMembers = isAttributeRequested('Group', schema.registry, context.projection ?? {}, 'members');
    const { record, memberViews, added } = await this.store.write(async (session) => {
      const inserted = await this.insert(session, this.toWrite(id, document, schema, at));
      const count = members && members.length > 0 ? await addMembers(session, id, members) : 0;
      return { record: inserted, memberViews: wantMembers ? await allMembers(session, id) : undefined, added: count };
    });
    return {
      resource: groupResource(record, schema.registry, context.scimBaseUrl, memberViews),
      id,
      version: record.version,
      summary: { action: 'create', displayName: record.displayName, members: added },
    };
  }

  async get(
    id: string,
    scimBaseUrl: string,
    projection: ProjectionOptions = {},
  ): Promise<{ resource: JsonObject; version: number }> {
    const schema = await this.catalog.current();
    const wantMembers = isAttributeRequested('Group', schema.registry, projection, 'members');
    const { record, members } = await this.store.read(async (session) => {
      const found = await session.groups.get(id);
      if (!found) throw notFound(id);
      return { record: found, members: wantMembers ? await allMembers(session, id) : undefined };
    });
    const resource = projectResource(
      groupResource(record, schema.registry, scimBaseUrl, members),
      'Group',
      schema.registry,
      projection,
    );
    return { resource, version: record.version };
  }

  /**
   * `GET /Groups/{id}` with every attribute: the JSON text, streamed. A group of more than
   * `STREAMED_MEMBERS` members is written page by page (keyset paging of the membership table), so
   * that a 100,000-member group is never held in memory as one document.
   */
  async getAsJsonText(id: string, scimBaseUrl: string): Promise<{ version: number; chunks: AsyncIterable<string> }> {
    const schema = await this.catalog.current();
    const { record, count } = await this.store.read(async (session) => {
      const found = await session.groups.get(id);
      if (!found) throw notFound(id);
      return { record: found, count: await session.members.count(id) };
    });
    if (count <= STREAMED_MEMBERS) {
      const { resource, version } = await this.get(id, scimBaseUrl);
      return { version, chunks: oneChunk(JSON.stringify(resource)) };
    }
    const { meta, ...head } = groupResource(record, schema.registry, scimBaseUrl, undefined);
    const store = this.store;
    async function* chunks(): AsyncGenerator<string> {
      yield `${JSON.stringify(head).slice(0, -1)},"members":[`;
      let afterMemberId: string | undefined;
      let first = true;
      for (;;) {
        const page = await store.read((session) => session.members.list(id, { afterMemberId, limit: MEMBER_PAGE }));
        if (page.length > 0) {
          yield `${first ? '' : ','}${page.map((member) => JSON.stringify(memberEntry(member, scimBaseUrl))).join(',')}`;
          first = false;
        }
        if (page.length < MEMBER_PAGE) break;
        afterMemberId = page[page.length - 1]?.value;
      }
      yield `],"meta":${JSON.stringify(meta)}}`;
    }
    return { version: record.version, chunks: chunks() };
  }

  async list(request: ListRequest): Promise<ListPage> {
    const schema = await this.catalog.current();
    const prepared = await prepareListQuery(request, 'Group', schema.registry, this.limits, this.cursors);
    const wantMembers = isAttributeRequested('Group', schema.registry, request, 'members');
    const { result, members } = await this.store.read(async (session) => {
      const found = await session.groups.list(prepared.query);
      const byGroup = new Map<string, MemberView[]>();
      if (wantMembers) {
        for (const group of found.items) byGroup.set(group.id, await allMembers(session, group.id));
      }
      return { result: found, members: byGroup };
    });
    const project = createResourceProjection('Group', schema.registry, request);
    const resources = result.items.map((record) =>
      project(
        groupResource(
          record,
          schema.registry,
          request.scimBaseUrl,
          wantMembers ? (members.get(record.id) ?? []) : undefined,
        ),
      ),
    );
    return listPage(prepared, result, resources, this.cursors);
  }

  /** PUT: replaces the document and, when `members` is sent, the whole member list. */
  async replace(id: string, body: unknown, context: WriteContext): Promise<WriteOutcome> {
    const schema = await this.catalog.current();
    const { document, members } = this.readDocument(body, schema.registry);
    const at = new Date().toISOString();
    let before: JsonObject = {};
    let delta = { added: 0, removed: 0 };
    const wantMembers = isAttributeRequested('Group', schema.registry, context.projection ?? {}, 'members');
    const { record, memberViews } = await this.store.write(async (session) => {
      const current = await this.current(session, id, context);
      before = current.resource;
      const updated = await this.update(session, this.toWrite(id, document, schema, at));
      if (members !== undefined) delta = await replaceMembers(session, id, members);
      return { record: updated, memberViews: wantMembers ? await allMembers(session, id) : undefined };
    });
    return {
      resource: groupResource(record, schema.registry, context.scimBaseUrl, memberViews),
      id,
      version: record.version,
      summary: { action: 'replace', displayName: record.displayName, changed: changedKeys(before, document), ...delta },
    };
  }

  /** PATCH: returns the new version; the route reads the resource back only if the client asked. */
  async patch(
    id: string,
    body: unknown,
    context: WriteContext,
  ): Promise<{ id: string; version: number; summary: JsonObject }> {
    const schema = await this.catalog.current();
    const operations = parsePatchOp(body);
    const at = new Date().toISOString();
    let summary: JsonObject = {};
    const record = await this.store.write(async (session) => {
      const current = await this.current(session, id, context);
      const patched = applyPatch({
        document: current.resource,
        resourceType: 'Group',
        resourceId: id,
        registry: schema.registry,
        operations,
      });
      const document = normalizeResourceInput(patched.document, 'Group', schema.registry).document;
      const documentChanged = changedKeys(current.resource, document);
      const delta = await applyMembershipSteps(session, id, patched.membership);
      summary = { action: 'patch', changed: patched.changedAttributes, ...delta };
      if (documentChanged.length > 0) return this.update(session, this.toWrite(id, document, schema, at));
      if (delta.added > 0 || delta.removed > 0) return (await session.groups.touch(id, at)) ?? current;
      return current;
    });
    return { id, version: record.version, summary: { ...summary, displayName: record.displayName } };
  }

  async delete(id: string, context: WriteContext): Promise<{ summary: JsonObject }> {
    const displayName = await this.store.write(async (session) => {
      const current = await this.current(session, id, context);
      await session.groups.delete(id);
      return current.displayName;
    });
    return { summary: { action: 'delete', displayName } };
  }

  private readDocument(
    body: unknown,
    registry: SchemaRegistry,
  ): { document: JsonObject; members: MemberInput[] | undefined } {
    const input = normalizeResourceInput(body, 'Group', registry);
    return { document: input.document, members: input.members };
  }

  private async current(session: StoreSession, id: string, context: WriteContext): Promise<GroupRecord> {
    return requireCurrent(await session.groups.get(id), 'group', id, context.ifMatch, notFound);
  }

  private toWrite(id: string, document: JsonObject, schema: SchemaSnapshot, at: string): GroupWrite {
    const displayName = document['displayName'];
    if (typeof displayName !== 'string' || displayName.trim() === '') {
      throw ScimError.invalidValue('A Group needs a non-empty "displayName": it is the Library\'s User Group Name.');
    }
    const externalId = document['externalId'];
    return {
      id,
      displayName,
      externalId: typeof externalId === 'string' ? externalId : null,
      resource: document,
      distinguishedName: libraryGroupDistinguishedName(document, schema.mappings, schema.registry),
      at,
    };
  }

  private insert(session: StoreSession, write: GroupWrite): Promise<GroupRecord> {
    return guardedWrite(
      () => session.groups.insert(write),
      'groupDisplayName',
      () => notFound(write.id),
      () => conflict(write.displayName),
    );
  }

  private update(session: StoreSession, write: GroupWrite): Promise<GroupRecord> {
    return guardedWrite(
      () => session.groups.update(write),
      'groupDisplayName',
      () => notFound(write.id),
      () => conflict(write.displayName),
    );
  }
}

async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

export async function allMembers(session: StoreSession, groupId: string): Promise<MemberView[]> {
  const members: MemberView[] = [];
  let afterMemberId: string | undefined;
  for (;;) {
    const page = await session.members.list(groupId, { afterMemberId, limit: MEMBER_PAGE });
    members.push(...page);
    if (page.length < MEMBER_PAGE) return members;
    afterMemberId = page[page.length - 1]?.value;
  }
}

function notFound(id: string): ScimError {
  return ScimError.notFound(
    `No group has id "${id}". It may have been deleted; push the group again from the identity provider.`,
  );
}

function conflict(displayName: string): ScimError {
  return ScimError.uniqueness(
    `A group named "${displayName}" already exists (group names are unique, ignoring case). To link to it, look it up with filter=displayName eq "${displayName}" instead of creating it.`,
  );
}
