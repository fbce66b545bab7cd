/**
 * The shapes of the admin REST API (`/api/admin`), shared by the server and the console (web/):
 * the static types of the TypeBox schemas in `http/schemas/`, which Fastify validates requests
 * with and `@fastify/swagger` publishes as `/api/admin/openapi.json`. Types only: the console
 * imports this file with `import type`, so nothing here may have effects.
 */
import type { Static } from 'typebox';
import type * as activity from './http/schemas/activity.js';
import type * as common from './http/schemas/common.js';
import type * as directory from './http/schemas/directory.js';
import type * as mappings from './http/schemas/mappings.js';
import type * as session from './http/schemas/session.js';
import type * as settings from './http/schemas/settings.js';

export type ApiError = Static<typeof common.ApiErrorSchema>;

export type SessionState = Static<typeof session.SessionStateSchema>;

export type ConsoleSettings = Static<typeof settings.ConsoleSettingsSchema>;
export type SettingsChange = Static<typeof settings.SettingsChangeSchema>;
export type TokenView = Static<typeof settings.TokenViewSchema>;
export type TokenCreateRequest = Static<typeof settings.TokenCreateRequestSchema>;
export type CreatedTokenView = Static<typeof settings.CreatedTokenViewSchema>;

export type MappingView = Static<typeof mappings.MappingViewSchema>;
export type CustomAttributeType = Static<typeof mappings.CustomAttributeTypeSchema>;
export type CustomAttributeView = Static<typeof mappings.CustomAttributeViewSchema>;
export type CustomAttributeCreate = Static<typeof mappings.CustomAttributeCreateSchema>;

export type UserRow = Static<typeof directory.UserRowSchema>;
export type UserPage = Static<typeof directory.UserPageSchema>;
export type LibraryFieldValue = Static<typeof directory.LibraryFieldValueSchema>;
export type UserDetail = Static<typeof directory.UserDetailSchema>;
export type GroupRow = Static<typeof directory.GroupRowSchema>;
export type GroupPage = Static<typeof directory.GroupPageSchema>;
export type GroupDetail = Static<typeof directory.GroupDetailSchema>;
export type MemberPage = Static<typeof directory.MemberPageSchema>;
export type PurgeResult = Static<typeof directory.PurgeResultSchema>;

export type ActivityRow = Static<typeof activity.ActivityRowSchema>;
export type ActivityDetail = Static<typeof activity.ActivityDetailSchema>;
export type ActivityPage = Static<typeof activity.ActivityPageSchema>;
