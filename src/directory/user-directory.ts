/**
 * Library users through SCIM: create, read, list, replace, patch, deactivate and delete. Each
 * write is one store transaction: read, check If-Match, apply, validate, write.
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
import type { Store, StoreSession, UserRecord, UserWrite } from '../store/store.js';
import type {
  DeprovisioningPolicy,
  ListPage,
  ListRequest,
  ProjectionOptions,
  WriteContext,
  WriteOutcome,
} from './directory-types.js';
import { libraryUserFields } from './library-fields.js';
import type { CursorCodec } from './list-paging.js';
import { type PagingLimits, listPage, prepareListQuery } from './resource-query.js';
import type { SchemaCatalog, SchemaSnapshot } from './schema-catalog.js';
import { userResource } from './scim-representation.js';
import { guardedWrite, requireCurrent } from './write-guards.js';
import { changedKeys } from './change-summary.js';
import type { JsonObject } from '../scim/json.js';

export class UserDirectory {
  constructor(
    private readonly store: Store,
    private readonly catalog: SchemaCatalog,
    private readonly cursors: CursorCodec,
    private readonly limits: PagingLimits,
    private readonly deprovisioningPolicy: () => Promise<DeprovisioningPolicy>,
  ) {}

  async create(body: unknown, context: WriteContext): Promise<WriteOutcome> {
    const schema = await this.catalog.current();
    const document = this.readDocument(body, schema.registry);
    const at = new Date().toISOString();
    let action = 'create';
    const record = await this.store.write(async (session) => {
      const write = this.toWrite(randomUUID(), document, schema, at, undefined);
      const holder = await session.users.getByUserName(write.userName, { includeDeleted: true });
      if (holder && holder.deletedAt !== null) {
        // Provisioning a soft-deleted userName again revives that record (its id and history stay)
        // with the new document, but not its old group memberships: those must not pass to
        // whoever holds the name now. The identity provider pushes the groups it wants.
        action = 'reprovision';
        await session.members.removeEverywhere(holder.id);
        await session.users.setDeleted(holder.id, null);
        return this.update(session, { ...write, id: holder.id });
      }
      if (holder) throw conflict(write.userName, 'create', holder);
      return this.insert(session, write, 'create');
    });
    return this.outcome(record, schema.registry, context, { action, attributes: Object.keys(document) });
  }

  async get(
    id: string,
    scimBaseUrl: string,
    projection: ProjectionOptions = {},
  ): Promise<{ resource: JsonObject; version: number }> {
    const schema = await this.catalog.current();
    const { record, groups } = await this.store.read(async (session) => {
      const found = await session.users.get(id);
      if (!found) throw notFound(id);
      const wantGroups = isAttributeRequested('User', schema.registry, projection, 'groups');
      const memberships = wantGroups ? (await session.users.groupsOf([id])).get(id) : undefined;
      return { record: found, groups: memberships };
    });
    const resource = projectResource(
      userResource(record, schema.registry, scimBaseUrl, groups),
      'User',
      schema.registry,
      projection,
    );
    return { resource, version: record.version };
  }

  async list(request: ListRequest): Promise<ListPage> {
    const schema = await this.catalog.current();
    const prepared = await prepareListQuery(request, 'User', schema.registry, this.limits, this.cursors);
    const wantGroups = isAttributeRequested('User', schema.registry, request, 'groups');
    const { result, groups } = await this.store.read(async (session) => {
      const found = await session.users.list(prepared.query);
      const memberships =
        wantGroups && found.items.length > 0
          ? await session.users.groupsOf(found.items.map((user) => user.id))
          : undefined;
      return { result: found, groups: memberships };
    });
    const project = createResourceProjection('User', schema.registry, request);
    const resources = result.items.map((record) =>
      project(userResource(record, schema.registry, request.scimBaseUrl, groups?.get(record.id))),
    );
    return listPage(prepared, result, resources, this.cursors);
  }

  async replace(id: string, body: unknown, context: WriteContext): Promise<WriteOutcome> {
    const schema = await this.catalog.current();
    const document = this.readDocument(body, schema.registry);
    const at = new Date().toISOString();
    let before: JsonObject = {};
    const record = await this.store.write(async (session) => {
      const current = await this.current(session, id, context);
      before = current.resource;
      return this.update(session, this.toWrite(id, document, schema, at, current.active));
    });
    return this.outcome(record, schema.registry, context, {
      action: 'replace',
      changed: changedKeys(before, document),
    });
  }

  async patch(id: string, body: unknown, context: WriteContext): Promise<WriteOutcome> {
    const schema = await this.catalog.current();
    const operations = parsePatchOp(body);
    const at = new Date().toISOString();
    let changed: string[] = [];
    const record = await this.store.write(async (session) => {
      const current = await this.current(session, id, context);
      const patched = applyPatch({
        document: current.resource,
        resourceType: 'User',
        resourceId: id,
        registry: schema.registry,
        operations,
      });
      changed = patched.changedAttributes;
      if (operations.length === 0) return current;
      // Re-validate the whole result: required attributes and types after all operations.
      const document = normalizeResourceInput(patched.document, 'User', schema.registry).document;
      return this.update(session, this.toWrite(id, document, schema, at, current.active));
    });
    return this.outcome(record, schema.registry, context, { action: 'patch', changed });
  }

  /** DELETE /Users/{id}: a hard delete, or a soft delete when the policy says so. */
  async delete(id: string, context: WriteContext): Promise<{ summary: JsonObject }> {
    const policy = await this.deprovisioningPolicy();
    await this.store.write(async (session) => {
      await this.current(session, id, context);
      if (policy === 'soft') await session.users.setDeleted(id, new Date().toISOString());
      else await session.users.delete(id);
    });
    return { summary: { action: policy === 'soft' ? 'soft-delete' : 'delete' } };
  }

  private readDocument(body: unknown, registry: SchemaRegistry): JsonObject {
    return normalizeResourceInput(body, 'User', registry).document;
  }

  private async current(session: StoreSession, id: string, context: WriteContext): Promise<UserRecord> {
    return requireCurrent(await session.users.get(id), 'user', id, context.ifMatch, notFound);
  }

  /**
   * The row to write. `previousActive` is the stored flag: a PUT or PATCH that leaves `active` out
   * keeps it, so that a write that merely omits the attribute never re-enables a deprovisioned user.
   */
  private toWrite(
    id: string,
    document: JsonObject,
    schema: SchemaSnapshot,
    at: string,
    previousActive: boolean | undefined,
  ): UserWrite {
    const userName = document['userName'];
    if (typeof userName !== 'string' || userName.trim() === '') {
      throw ScimError.invalidValue(
        'A User needs a non-empty "userName" (in Okta, the app\'s "Unique identifier field for users" is userName).',
      );
    }
    const externalId = document['externalId'];
    const displayName = document['displayName'];
    const sent = document['active'];
    const active = typeof sent === 'boolean' ? sent : (previousActive ?? true);
    // The flag in force is always part of the document, so that every reader (SCIM, console,
    // CLI, filters) sees the same state.
    const resource = typeof sent === 'boolean' ? document : { ...document, active };
    return {
      id,
      userName,
      externalId: typeof externalId === 'string' ? externalId : null,
      displayName: typeof displayName === 'string' ? displayName : null,
      active,
      resource,
      library: libraryUserFields(resource, schema.mappings, schema.registry),
      at,
    };
  }

  private insert(session: StoreSession, write: UserWrite, operation: 'create'): Promise<UserRecord> {
    return guardedWrite(
      () => session.users.insert(write),
      'userName',
      () => notFound(write.id),
      () => conflict(write.userName, operation),
    );
  }

  /**
   * Write a changed user. The userName's holder is looked up first, so that the usual clash gets a
   * detail naming it; a clash with a concurrent rename is caught by the unique index and answered
   * without another query (on PostgreSQL the failed statement has aborted the transaction).
   */
  private async update(session: StoreSession, write: UserWrite): Promise<UserRecord> {
    const holder = await session.users.getByUserName(write.userName, { includeDeleted: true });
    if (holder && holder.id !== write.id) throw conflict(write.userName, 'rename', holder);
    return guardedWrite(
      () => session.users.update(write),
      'userName',
      () => notFound(write.id),
      () => conflict(write.userName, 'rename'),
    );
  }

  private outcome(
    record: UserRecord,
    registry: SchemaRegistry,
    context: WriteContext,
    summary: JsonObject,
  ): WriteOutcome {
    return {
      resource: userResource(record, registry, context.scimBaseUrl),
      id: record.id,
      version: record.version,
      summary: { ...summary, userName: record.userName, active: record.active },
    };
  }
}

function notFound(id: string): ScimError {
  return ScimError.notFound(
    `No user has id "${id}". It may have been deleted in the Library by an admin; provision the user again from the identity provider.`,
  );
}

/** The 409 for a userName that is taken, worded for what the client was doing. */
function conflict(userName: string, operation: 'create' | 'rename', holder?: UserRecord): ScimError {
  if (holder?.deletedAt) {
    return ScimError.uniqueness(
      `The userName "${userName}" belongs to a deleted user (id ${holder.id}, deleted ${holder.deletedAt}) that the deprovisioning policy keeps for restoring. An admin can restore or purge it in the admin console (Directory > Deleted users) or with "library-scim user restore ${holder.id}" / "library-scim user purge-deleted".`,
    );
  }
  const who = holder ? ` (id ${holder.id})` : '';
  if (operation === 'rename') {
    return ScimError.uniqueness(
      `Another user${who} already has userName "${userName}" (userName is unique, ignoring case). Give this user a different userName, or deprovision the other user first.`,
    );
  }
  return ScimError.uniqueness(
    `A user${who} with userName "${userName}" already exists (userName is unique, ignoring case). To link to it, look it up with filter=userName eq "${userName}" instead of creating it.`,
  );
}
