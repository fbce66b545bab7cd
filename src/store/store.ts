/**
 * The storage interface. The directory layer speaks only to this; SQLite and PostgreSQL implement
 * it and pass one shared test suite (`src/store/store.contract.ts`).
 *
 * Every method runs inside a session handed out by `Store.write` or `Store.read`. A write
 * session is one transaction: it commits when the callback resolves and rolls back when it
 * throws. Nothing here knows SCIM wire formats; documents are opaque JSON to the store except for
 * the filter it is given, which is already resolved against the schema registry.
 */
import type { ResolvedAttribute, ResourceTypeName } from '../scim/schemas/types.js';
import type { ResolvedFilter } from '../scim/filter/ast.js';
import type { AdminAccountRepository } from './admin-accounts.js';
import type { JsonObject, JsonValue } from '../scim/json.js';

export type StoreDialect = 'sqlite' | 'postgres';

/** The Library fields of product.md section 3, materialised from the SCIM document. */
export interface LibraryUserFields {
  fullName: string | null;
  email: string | null;
  trustId: string | null;
  distinguishedName: string | null;
}

export interface UserRecord {
  /** Monotonic internal key: the stable order and the cursor position. */
  seq: number;
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  active: boolean;
  /** The SCIM document as written, canonical attribute names, without id, meta, schemas, groups. */
  resource: JsonObject;
  library: LibraryUserFields;
  version: number;
  /** ISO 8601 with milliseconds, UTC. */
  created: string;
  lastModified: string;
  /** Set when the deprovisioning policy soft-deleted the user; such users are hidden from SCIM. */
  deletedAt: string | null;
}

export interface UserWrite {
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  active: boolean;
  resource: JsonObject;
  library: LibraryUserFields;
  /** ISO timestamp of this write; becomes `created` on insert and `lastModified` always. */
  at: string;
}

export interface GroupRecord {
  seq: number;
  id: string;
  displayName: string;
  externalId: string | null;
  resource: JsonObject;
  distinguishedName: string | null;
  version: number;
  created: string;
  lastModified: string;
}

export interface GroupWrite {
  id: string;
  displayName: string;
  externalId: string | null;
  resource: JsonObject;
  distinguishedName: string | null;
  at: string;
}

export type MemberType = 'User' | 'Group';

export interface MemberRef {
  value: string;
  type: MemberType;
}

export interface MemberView extends MemberRef {
  /** The user's userName or the group's displayName. */
  display: string;
}

export interface GroupMembershipView {
  id: string;
  display: string;
  /** `direct`: the group has the user as a member; `indirect`: through nested groups. */
  type: 'direct' | 'indirect';
}

export interface SortSpec {
  attr: ResolvedAttribute;
  descending: boolean;
}

export interface ListQuery {
  filter?: ResolvedFilter | undefined;
  sort?: SortSpec | undefined;
  /** Number of rows to skip (index paging: startIndex - 1). */
  offset?: number | undefined;
  /** Keyset paging (RFC 9865 cursors, unsorted lists): only rows with seq greater than this. */
  afterSeq?: number | undefined;
  /** Maximum rows to return; 0 returns none but still counts. */
  limit: number;
  /** Include soft-deleted users (console only). Ignored for groups. */
  includeDeleted?: boolean | undefined;
  /** Skip the COUNT(*) when the caller does not need a total. */
  withoutTotal?: boolean | undefined;
}

export interface ListResult<T> {
  /** Matches of the filter ignoring offset/limit/afterSeq; -1 when `withoutTotal`. */
  total: number;
  items: T[];
}

export interface TokenRecord {
  id: string;
  name: string;
  /** Hex SHA-256 of the secret; the secret itself is never stored. */
  hash: string;
  /** The first characters of the secret, shown so that an admin can tell tokens apart. */
  prefix: string;
  created: string;
  expires: string | null;
  lastUsed: string | null;
  revoked: string | null;
}

export interface CustomAttributeRecord {
  id: string;
  resourceType: ResourceTypeName;
  schema: string;
  name: string;
  type: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary';
  multiValued: boolean;
  caseExact: boolean;
  description: string;
  created: string;
}

export interface FieldMappingRecord {
  /** A Library field key, such as `user.fullName` or `group.distinguishedName`. */
  field: string;
  /** The SCIM attribute path that feeds it, such as `displayName` or `emails`. */
  scimPath: string;
}

export interface ActivityRecord {
  id: number;
  at: string;
  requestId: string;
  tokenId: string | null;
  tokenName: string | null;
  client: string;
  method: string;
  path: string;
  status: number;
  scimType: string | null;
  detail: string | null;
  resourceType: string | null;
  resourceId: string | null;
  /** Redacted summary of what changed, JSON. */
  summary: JsonValue;
  /** Redacted request body, JSON, or null. */
  requestBody: JsonValue;
  durationMs: number;
}

export type ActivityWrite = Omit<ActivityRecord, 'id'>;

export interface ActivityQuery {
  status?: number | undefined;
  /** `2xx`, `4xx`, `5xx` class filter. */
  statusClass?: 2 | 3 | 4 | 5 | undefined;
  client?: string | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Rows with id lower than this (newest first paging). */
  beforeId?: number | undefined;
  limit: number;
}

export class StoreConflictError extends Error {
  constructor(
    readonly constraint: 'userName' | 'groupDisplayName' | 'id' | 'tokenHash' | 'customAttribute' | 'other',
    message: string,
  ) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export interface UserRepository {
  get(id: string, options?: { includeDeleted?: boolean }): Promise<UserRecord | undefined>;
  /** Case-insensitive lookup. */
  getByUserName(userName: string, options?: { includeDeleted?: boolean }): Promise<UserRecord | undefined>;
  /** Throws StoreConflictError('userName') when the case-folded userName is taken. */
  insert(user: UserWrite): Promise<UserRecord>;
  /** Replaces every column from `user` and bumps the version. Undefined when the id is unknown. */
  update(user: UserWrite): Promise<UserRecord | undefined>;
  /**
   * Re-materialise the Library fields after a mapping change. The SCIM document is untouched, so
   * neither the version nor lastModified changes.
   */
  setLibraryFields(id: string, library: LibraryUserFields): Promise<boolean>;
  /** Soft delete (a timestamp) or restore (null). Bumps the version. */
  setDeleted(id: string, deletedAt: string | null): Promise<boolean>;
  /** Hard delete; also removes the user from every group. */
  delete(id: string): Promise<boolean>;
  list(query: ListQuery): Promise<ListResult<UserRecord>>;
  /**
   * The groups that contain each user, directly or through nested groups (RFC 7643 section 4.1.2,
   * `groups` with `type` "direct" or "indirect"), ordered by group name.
   */
  groupsOf(userIds: string[]): Promise<Map<string, GroupMembershipView[]>>;
}

export interface GroupRepository {
  get(id: string): Promise<GroupRecord | undefined>;
  getByDisplayName(displayName: string): Promise<GroupRecord | undefined>;
  /** Throws StoreConflictError('groupDisplayName') when the case-folded name is taken. */
  insert(group: GroupWrite): Promise<GroupRecord>;
  update(group: GroupWrite): Promise<GroupRecord | undefined>;
  /** Hard delete; removes its memberships both as container and as member. */
  delete(id: string): Promise<boolean>;
  list(query: ListQuery): Promise<ListResult<GroupRecord>>;
  /** The Library field Distinguished Name, re-materialised after a mapping change; no version bump. */
  setDistinguishedName(id: string, distinguishedName: string | null): Promise<boolean>;
  /** Bumps version and lastModified without other changes (after a membership change). */
  touch(id: string, at: string): Promise<GroupRecord | undefined>;
}

export interface MembershipRepository {
  /** Insert; existing memberships are left alone. Returns how many were new. */
  add(groupId: string, members: MemberRef[]): Promise<number>;
  /** Returns how many were removed. */
  remove(groupId: string, memberIds: string[]): Promise<number>;
  /** Take a user or group out of every group that contains it. Returns how many memberships ended. */
  removeEverywhere(memberId: string): Promise<number>;
  /** Make the membership exactly `members`, touching only the difference. */
  replace(groupId: string, members: MemberRef[]): Promise<{ added: number; removed: number }>;
  /** Members ordered by member id, keyset paged. */
  list(groupId: string, options: { afterMemberId?: string | undefined; limit: number }): Promise<MemberView[]>;
  count(groupId: string): Promise<number>;
  /** Which of these ids are already members of the group, with their member type. */
  typesOf(groupId: string, memberIds: string[]): Promise<Map<string, MemberType>>;
  /** For each id that is a user (not soft-deleted) or a group, its type. Missing ids are absent. */
  resolveTypes(ids: string[]): Promise<Map<string, MemberType>>;
  /** Every group that contains `groupId`, directly or through other groups. */
  ancestorGroupIds(groupId: string): Promise<Set<string>>;
}

export interface TokenRepository {
  insert(token: TokenRecord): Promise<void>;
  getByHash(hash: string): Promise<TokenRecord | undefined>;
  get(id: string): Promise<TokenRecord | undefined>;
  list(): Promise<TokenRecord[]>;
  revoke(id: string, at: string): Promise<boolean>;
  touch(id: string, at: string): Promise<void>;
}

export interface SettingsRepository {
  get(key: string): Promise<JsonValue | undefined>;
  set(key: string, value: JsonValue): Promise<void>;
  /** Store `value` unless the key has one already; returns the value that is stored. */
  setIfAbsent(key: string, value: JsonValue): Promise<JsonValue>;
}

export interface SchemaAttributeRepository {
  list(): Promise<CustomAttributeRecord[]>;
  /** Throws StoreConflictError('customAttribute') when the schema already has that name. */
  insert(attribute: CustomAttributeRecord): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface FieldMappingRepository {
  list(): Promise<FieldMappingRecord[]>;
  set(mapping: FieldMappingRecord): Promise<void>;
}

export interface ActivityRepository {
  insert(entry: ActivityWrite): Promise<void>;
  list(query: ActivityQuery): Promise<ActivityRecord[]>;
  /** Delete rows older than `before` and beyond the newest `keep`. Returns rows deleted. */
  prune(options: { before?: string | undefined; keep?: number | undefined }): Promise<number>;
}

export interface StoreSession {
  readonly users: UserRepository;
  readonly groups: GroupRepository;
  readonly members: MembershipRepository;
  readonly tokens: TokenRepository;
  readonly settings: SettingsRepository;
  readonly schemaAttributes: SchemaAttributeRepository;
  readonly fieldMappings: FieldMappingRepository;
  readonly activity: ActivityRepository;
  readonly adminAccounts: AdminAccountRepository;
}

export interface Store {
  readonly dialect: StoreDialect;
  /** Run the migrations that have not run yet. Safe to call from several processes at once. */
  migrate(): Promise<void>;
  /**
   * One transaction. SQLite takes the write lock up front (BEGIN IMMEDIATE); PostgreSQL uses
   * READ COMMITTED with row locks. The callback may be retried on a serialization failure, so it
   * must not have effects outside the session.
   */
  write<T>(work: (session: StoreSession) => Promise<T>): Promise<T>;
  /** Reads, with no write lock taken. */
  read<T>(work: (session: StoreSession) => Promise<T>): Promise<T>;
  /** Periodic housekeeping, such as refreshing the query planner's statistics. */
  maintain(): Promise<void>;
  close(): Promise<void>;
}
