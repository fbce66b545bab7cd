/** The activity log: SCIM requests, newest first, and one request with its redacted body. */
import { Type } from 'typebox';
import { nullable } from './common.js';

const activityRowProperties = {
  id: Type.Integer({ minimum: 1 }),
  at: Type.String({ format: 'date-time' }),
  requestId: Type.String(),
  tokenId: nullable(Type.String()),
  tokenName: nullable(Type.String()),
  client: Type.String({ description: 'okta, entra, onelogin, keycloak or other (from User-Agent).' }),
  method: Type.String(),
  path: Type.String(),
  status: Type.Integer(),
  scimType: nullable(Type.String()),
  detail: nullable(Type.String()),
  resourceType: nullable(Type.String()),
  resourceId: nullable(Type.String()),
  summary: Type.Unknown({ description: 'Redacted summary of what changed (JSON).' }),
  durationMs: Type.Number(),
};

/** An activity row as listed: everything but the (redacted) request body. */
export const ActivityRowSchema = Type.Object(activityRowProperties);

/** An activity row opened: with the request body, secrets redacted, or null. */
export const ActivityDetailSchema = Type.Object(
  {
    ...activityRowProperties,
    requestBody: Type.Unknown({ description: 'The request body (JSON) with secrets redacted, or null.' }),
  },
  { description: 'One SCIM request with its redacted body.' },
);

export const ActivityPageSchema = Type.Object(
  {
    rows: Type.Array(ActivityRowSchema),
    before: Type.Optional(
      Type.Integer({ description: 'Pass as `before` for older rows; absent when there are none.' }),
    ),
    retention: Type.Object({ days: Type.Integer(), maxRows: Type.Integer() }),
  },
  { description: 'SCIM requests, newest first.' },
);

const moment = (name: string, description: string) =>
  Type.Optional(
    Type.String({
      format: 'date-time',
      description,
      'x-detail': `"${name}" must be a date and time such as 2026-01-31T09:00:00Z.`,
    }),
  );

export const ActivityQuerySchema = Type.Object({
  status: Type.Optional(Type.String({ description: 'A status code (404) or a class (4xx).', examples: ['4xx'] })),
  client: Type.Optional(Type.String({ description: 'okta, entra, onelogin, keycloak or other.' })),
  resourceType: Type.Optional(Type.Enum(['User', 'Group'], { 'x-detail': '"resourceType" must be User or Group.' })),
  resourceId: Type.Optional(Type.String({ description: 'A resource id.' })),
  since: moment('since', 'Requests at or after this time.'),
  until: moment('until', 'Requests before this time.'),
  before: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'The `before` of the previous page.',
      'x-detail': '"before" must be a positive whole number: the `before` of the previous page.',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'Page size (50 unless given); more than 200 is cut to 200.',
      'x-detail': '"limit" must be a positive whole number (at most 200 rows are returned).',
    }),
  ),
});

export const ActivityParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, 'x-detail': 'The activity id must be a positive whole number.' }),
});
