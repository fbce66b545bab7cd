/** SCIM on/off, the deprovisioning policy and retention; bearer tokens. */
import { Type } from 'typebox';
import { nullable } from './common.js';

/** As `MAX_RETENTION_DAYS` of `services/console-settings.ts`. */
export const MAX_RETENTION_DAYS = 3650;
/** As `MAX_TOKEN_DAYS` of `services/token-admin.ts`. */
export const MAX_TOKEN_DAYS = 3650;

const POLICY_TEXT =
  'What DELETE /Users/{id} does: "hard" removes the user, "soft" hides it so that it can be restored.';

export const ConsoleSettingsSchema = Type.Object(
  {
    scimEnabled: Type.Boolean({ description: 'While false, every SCIM endpoint answers 403.' }),
    scimBaseUrl: Type.String({
      format: 'uri',
      description: '`<origin>/api/scim/v2`: Okta\'s "SCIM connector base URL", Entra\'s "Tenant URL".',
    }),
    deprovisioningPolicy: Type.Enum(['hard', 'soft'], { description: POLICY_TEXT }),
    softDeleteRetentionDays: Type.Integer({
      minimum: 0,
      maximum: MAX_RETENTION_DAYS,
      description: 'Soft-deleted users are purged after this many days; 0 keeps them until purged by hand.',
    }),
    activityRetention: Type.Object(
      { days: Type.Integer(), maxRows: Type.Integer() },
      { description: 'Set with ACTIVITY_RETENTION_DAYS and ACTIVITY_MAX_ROWS.' },
    ),
  },
  { description: 'The SCIM settings as the console shows them.' },
);

export const SettingsChangeSchema = Type.Object(
  {
    scimEnabled: Type.Optional(Type.Boolean({ description: 'false makes every SCIM endpoint answer 403.' })),
    deprovisioningPolicy: Type.Optional(
      Type.Enum(['hard', 'soft'], {
        description: POLICY_TEXT,
        'x-detail':
          '"deprovisioningPolicy" must be "hard" (DELETE /Users removes the user) or "soft" (the user is hidden and can be restored).',
      }),
    ),
    softDeleteRetentionDays: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_RETENTION_DAYS,
        description: '0 keeps soft-deleted users until purged by hand.',
        'x-detail': `"softDeleteRetentionDays" must be a whole number of days from 0 (keep until purged by hand) to ${String(MAX_RETENTION_DAYS)}.`,
      }),
    ),
  },
  {
    additionalProperties: false,
    'x-detail': 'Send a JSON object such as {"scimEnabled": false}.',
    'x-unknown-property':
      'Unknown setting "{name}". The settings are scimEnabled, deprovisioningPolicy and softDeleteRetentionDays.',
  },
);

export const TokenViewSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the secret, to recognise it.' }),
    created: Type.String({ format: 'date-time' }),
    expires: nullable(Type.String({ format: 'date-time' }), { description: 'Null for a token that never expires.' }),
    lastUsed: nullable(Type.String({ format: 'date-time' })),
    revoked: nullable(Type.String({ format: 'date-time' })),
    status: Type.Enum(['active', 'expired', 'revoked']),
    expiringSoon: Type.Boolean({ description: 'True while active and expiring within 7 days.' }),
  },
  { description: 'A bearer token (never its secret).' },
);

export const TokenListSchema = Type.Object(
  { tokens: Type.Array(TokenViewSchema) },
  { description: 'Every bearer token, without secrets.' },
);

export const TokenCreateRequestSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Where the token is used, such as "okta-production".',
      'x-detail': 'Give the token a name of 1 to 100 characters that says where it is used, such as "okta-production".',
    }),
    expiresInDays: Type.Optional(
      nullable(Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS }), {
        description: 'Days until expiry; leave out or null for a token that never expires.',
        'x-detail': `"expiresInDays" must be a whole number of days from 1 to ${String(MAX_TOKEN_DAYS)}, or null for a token that never expires.`,
      }),
    ),
  },
  {
    additionalProperties: false,
    'x-detail': 'Send a JSON object such as {"name": "okta-production", "expiresInDays": 90}.',
  },
);

export const CreatedTokenViewSchema = Type.Object({
  token: TokenViewSchema,
  secret: Type.String({ description: 'The bearer token: returned this once, never stored.' }),
});
