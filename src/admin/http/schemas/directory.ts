/** Users and groups: search, detail, members, (de)activation, restore, purge, export. */
import { Type } from 'typebox';
import { JsonObjectSchema, nullable, offsetPage } from './common.js';

export const UserRowSchema = Type.Object(
  {
    id: Type.String(),
    userName: Type.String(),
    displayName: nullable(Type.String()),
    email: nullable(Type.String()),
    active: Type.Boolean(),
    externalId: nullable(Type.String()),
    lastModified: Type.String(),
    deletedAt: nullable(Type.String({ format: 'date-time' }), { description: 'Set while the user is soft-deleted.' }),
  },
  { description: 'A user as the directory lists it.' },
);

export const UserPageSchema = Type.Object(
  { ...offsetPage, users: Type.Array(UserRowSchema) },
  { description: 'A page of users.' },
);

export const LibraryFieldValueSchema = Type.Object({
  field: Type.String(),
  label: Type.String(),
  value: nullable(Type.String()),
});

export const UserDetailSchema = Type.Object(
  {
    user: UserRowSchema,
    resource: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The SCIM resource as a client reads it (with `groups` and `meta`).',
    }),
    library: Type.Array(LibraryFieldValueSchema),
    groups: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() })),
  },
  { description: 'A user with its SCIM JSON, Library fields and groups.' },
);

export const GroupRowSchema = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  externalId: nullable(Type.String()),
  distinguishedName: nullable(Type.String()),
  memberCount: Type.Integer({ minimum: 0 }),
  lastModified: Type.String(),
});

export const GroupPageSchema = Type.Object(
  { ...offsetPage, groups: Type.Array(GroupRowSchema) },
  { description: 'A page of groups (members not loaded).' },
);

export const GroupDetailSchema = Type.Object(
  {
    group: GroupRowSchema,
    resource: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The SCIM resource without `members` (they are paged separately).',
    }),
    library: Type.Array(LibraryFieldValueSchema),
  },
  { description: 'A group without its members.' },
);

export const MemberPageSchema = Type.Object(
  {
    members: Type.Array(
      Type.Object({ value: Type.String(), type: Type.Enum(['User', 'Group']), display: Type.String() }),
    ),
    next: Type.Optional(Type.String({ description: 'Pass as `after` for the next page; absent on the last page.' })),
    total: Type.Integer({ minimum: 0 }),
  },
  { description: "A page of a group's members." },
);

export const PurgeResultSchema = Type.Object(
  { purged: Type.Integer({ minimum: 0 }) },
  { description: 'How many soft-deleted users were purged.' },
);

const paging = {
  filter: Type.Optional(
    Type.String({ description: 'A SCIM filter (RFC 7644 section 3.4.2.2), e.g. userName sw "j".' }),
  ),
  startIndex: Type.Optional(Type.Integer({ minimum: 1, description: '1-based.' })),
  count: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Page size (25 unless given); more than 200 is cut to 200.' }),
  ),
};

export const UserQuerySchema = Type.Object({
  ...paging,
  includeDeleted: Type.Optional(Type.Boolean({ description: 'true to list soft-deleted users too.' })),
});

export const GroupQuerySchema = Type.Object(paging);

export const MemberQuerySchema = Type.Object({
  after: Type.Optional(Type.String({ description: 'The `next` of the previous page.' })),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Page size (100 unless given); more than 500 is cut to 500.' }),
  ),
});

export const UserActiveChangeSchema = Type.Object(
  {
    active: Type.Boolean({
      'x-detail': 'Send {"active": false} to deactivate the user or {"active": true} to reactivate it.',
    }),
  },
  { additionalProperties: false },
);

export const PurgeRequestSchema = Type.Union(
  [
    Type.Object(
      {
        olderThanDays: Type.Optional(
          Type.Integer({
            minimum: 0,
            description: 'Purge only users deleted more than this many days ago.',
            'x-detail':
              '"olderThanDays" must be a whole number of days (0 or more); leave it out to purge every soft-deleted user.',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  {
    description: 'No body, or {}, purges every soft-deleted user.',
    'x-detail': 'Send no body, {} or {"olderThanDays": 30}.',
  },
);

/** The export, for the document: the server streams it and does not serialize it through this schema. */
export const DirectoryExportSchema = Type.Object(
  {
    format: Type.String({ examples: ['library-scim-export/1'] }),
    exportedAt: Type.String({ format: 'date-time' }),
    scimBaseUrl: Type.String({ format: 'uri' }),
    settings: JsonObjectSchema,
    libraryFields: Type.Array(Type.Object({ field: Type.String(), label: Type.String() })),
    mappings: Type.Array(JsonObjectSchema),
    customAttributes: Type.Array(JsonObjectSchema),
    users: Type.Array(JsonObjectSchema, { description: 'SCIM resources.' }),
    groups: Type.Array(JsonObjectSchema, { description: 'SCIM resources with all their members.' }),
  },
  { description: 'The whole directory as one JSON document, sent as an attachment.' },
);
