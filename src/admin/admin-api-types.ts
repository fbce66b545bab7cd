/**
 * The shapes of the admin REST API (`/api/admin`), shared by the server and the console (web/).
 * Types only: the console imports this file with `import type`, so nothing here may have effects.
 */
import type { TokenSummary } from '../directory/token-summary.js';
import type { ActivityRecord } from '../store/store.js';
import type { JsonObject } from '../scim/json.js';

export interface ApiError {
  status: string;
  scimType?: string;
  detail: string;
}

export interface SessionState {
  /** True until the first admin has been created with the set-up code. */
  setupRequired: boolean;
  authenticated: boolean;
  admin?: { id: string; username: string };
  /** Send it back in the `X-CSRF-Token` header of every POST, PUT, PATCH and DELETE. */
  csrfToken?: string;
  expires?: string;
}

export interface ConsoleSettings {
  scimEnabled: boolean;
  /** `<origin>/api/scim/v2`: Okta's "SCIM connector base URL", Entra's "Tenant URL". */
  scimBaseUrl: string;
  deprovisioningPolicy: 'hard' | 'soft';
  /** Soft-deleted users are purged after this many days; 0 keeps them until purged by hand. */
  softDeleteRetentionDays: number;
  activityRetention: { days: number; maxRows: number };
}

export interface SettingsChange {
  scimEnabled?: boolean;
  deprovisioningPolicy?: 'hard' | 'soft';
  softDeleteRetentionDays?: number;
}

export interface TokenView extends TokenSummary {
  /** True while active and expiring within 7 days. */
  expiringSoon: boolean;
}

export interface TokenCreateRequest {
  name: string;
  /** Days until expiry; omit or null for a token that never expires. */
  expiresInDays?: number | null;
}

export interface CreatedTokenView {
  token: TokenView;
  /** The bearer secret: returned this once, never stored. */
  secret: string;
}

export interface MappingView {
  field: string;
  label: string;
  resourceType: 'User' | 'Group';
  scimPath: string;
  attribute: string;
  schema: string;
  remappable: boolean;
  defaultScimPath: string;
  /** SCIM attribute paths that may feed this field (for remappable fields). */
  candidates: string[];
}

export type CustomAttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary';

export interface CustomAttributeView {
  id: string;
  resourceType: 'User' | 'Group';
  schema: string;
  name: string;
  type: CustomAttributeType;
  multiValued: boolean;
  caseExact: boolean;
  description: string;
  created: string;
  /** The full attribute path for filters and PATCH: `<schema>:<name>`. */
  path: string;
  /** Okta Profile Editor values (User attributes only; Okta pushes no custom group attributes). */
  okta: { externalName: string; externalNamespace: string } | null;
}

export interface CustomAttributeCreate {
  name: string;
  type: CustomAttributeType;
  multiValued?: boolean;
  caseExact?: boolean;
  resourceType?: 'User' | 'Group';
  /** Defaults to the Strategy extension of the resource type. */
  schema?: string;
  description?: string;
}

export interface UserRow {
  id: string;
  userName: string;
  displayName: string | null;
  email: string | null;
  active: boolean;
  externalId: string | null;
  lastModified: string;
  deletedAt: string | null;
}

export interface UserPage {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  users: UserRow[];
}

export interface LibraryFieldValue {
  field: string;
  label: string;
  value: string | null;
}

export interface UserDetail {
  user: UserRow;
  /** The SCIM resource as a client reads it (with `groups` and `meta`). */
  resource: JsonObject;
  library: LibraryFieldValue[];
  groups: { id: string; displayName: string }[];
}

export interface GroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  distinguishedName: string | null;
  memberCount: number;
  lastModified: string;
}

export interface GroupPage {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  groups: GroupRow[];
}

export interface GroupDetail {
  group: GroupRow;
  /** The SCIM resource without `members` (they are paged separately). */
  resource: JsonObject;
  library: LibraryFieldValue[];
}

export interface MemberPage {
  members: { value: string; type: 'User' | 'Group'; display: string }[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
  total: number;
}

/** An activity row as listed: everything but the (redacted) request body. */
export type ActivityRow = Omit<ActivityRecord, 'requestBody'>;

/** An activity row opened: with the request body, secrets redacted, or null. */
export type ActivityDetail = ActivityRecord;

export interface ActivityPage {
  rows: ActivityRow[];
  /** Pass as `before` for older rows; absent when there are none. */
  before?: number;
  retention: { days: number; maxRows: number };
}

export interface PurgeResult {
  purged: number;
}
