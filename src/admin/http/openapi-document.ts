/**
 * The OpenAPI 3.1 description of the admin API, served at `GET /api/admin/openapi.json`. Every
 * action of the console is one of these operations.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema, description = 'OK'): Schema => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: Schema): Schema => ({ required: true, content: { 'application/json': { schema } } });
const nullable = (type: string): Schema => ({ type: [type, 'null'] });
const errors = (...codes: number[]): Record<string, Schema> =>
  Object.fromEntries(codes.map((code) => [String(code), { $ref: `#/components/responses/Error${code}` }]));
const query = (name: string, description: string, schema: Schema = { type: 'string' }): Schema => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const idPath = (description: string): Schema => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const ERROR_TEXT: Record<number, string> = {
  400: 'A value in the request is invalid; `detail` says which and how to fix it.',
  401: 'No admin session (sign in), or it ended.',
  403: 'The CSRF header is missing or wrong, or the request came from another site.',
  404: 'No such resource.',
  409: 'The change conflicts with the current state (already set up, name taken, not deleted...).',
  429: 'Too many failed sign-ins; wait for `Retry-After` seconds.',
};

const components = {
  securitySchemes: {
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: 'library_admin_session',
      description: 'Set by /setup and /login; HttpOnly, SameSite=Strict, Path=/api/admin, Secure over TLS.',
    },
    csrf: {
      type: 'apiKey',
      in: 'header',
      name: 'X-CSRF-Token',
      description: 'The `csrfToken` of GET /session; required on every POST, PUT, PATCH and DELETE.',
    },
  },
  responses: Object.fromEntries(
    Object.entries(ERROR_TEXT).map(([code, text]) => [`Error${code}`, json(ref('Error'), text)]),
  ),
  schemas: {
    Error: {
      type: 'object',
      required: ['status', 'detail'],
      properties: {
        status: { type: 'string' },
        scimType: { type: 'string' },
        detail: { type: 'string', description: 'What went wrong and what to do.' },
      },
    },
    SessionState: {
      type: 'object',
      required: ['setupRequired', 'authenticated'],
      properties: {
        setupRequired: { type: 'boolean' },
        authenticated: { type: 'boolean' },
        admin: { type: 'object', properties: { id: { type: 'string' }, username: { type: 'string' } } },
        csrfToken: { type: 'string' },
        expires: { type: 'string', format: 'date-time' },
      },
    },
    Settings: {
      type: 'object',
      properties: {
        scimEnabled: { type: 'boolean', description: 'While false, every SCIM endpoint answers 403.' },
        scimBaseUrl: { type: 'string', format: 'uri', readOnly: true },
        deprovisioningPolicy: { enum: ['hard', 'soft'], description: 'What DELETE /Users/{id} does.' },
        softDeleteRetentionDays: {
          type: 'integer',
          minimum: 0,
          maximum: 3650,
          description: '0 keeps soft-deleted users until purged by hand.',
        },
        activityRetention: {
          type: 'object',
          readOnly: true,
          properties: { days: { type: 'integer' }, maxRows: { type: 'integer' } },
        },
      },
    },
    SettingsChange: {
      type: 'object',
      additionalProperties: false,
      properties: {
        scimEnabled: { type: 'boolean' },
        deprovisioningPolicy: { enum: ['hard', 'soft'] },
        softDeleteRetentionDays: { type: 'integer', minimum: 0, maximum: 3650 },
      },
    },
    Token: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        prefix: { type: 'string', description: 'The first characters of the secret.' },
        created: { type: 'string', format: 'date-time' },
        expires: nullable('string'),
        lastUsed: nullable('string'),
        revoked: nullable('string'),
        status: { enum: ['active', 'expired', 'revoked'] },
        expiringSoon: { type: 'boolean', description: 'Active and expiring within 7 days.' },
      },
    },
    TokenCreate: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 100 },
        expiresInDays: { type: ['integer', 'null'], minimum: 1, maximum: 3650 },
      },
    },
    CreatedToken: {
      type: 'object',
      properties: {
        token: ref('Token'),
        secret: { type: 'string', description: 'The bearer token; shown this once, never stored.' },
      },
    },
    Mapping: {
      type: 'object',
      properties: {
        field: { type: 'string', examples: ['user.fullName'] },
        label: { type: 'string', examples: ['Full Name'] },
        resourceType: { enum: ['User', 'Group'] },
        scimPath: { type: 'string' },
        attribute: { type: 'string' },
        schema: { type: 'string' },
        remappable: { type: 'boolean' },
        defaultScimPath: { type: 'string' },
        candidates: { type: 'array', items: { type: 'string' } },
      },
    },
    CustomAttribute: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        resourceType: { enum: ['User', 'Group'] },
        schema: { type: 'string' },
        name: { type: 'string' },
        type: { enum: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary'] },
        multiValued: { type: 'boolean' },
        caseExact: { type: 'boolean' },
        description: { type: 'string' },
        created: { type: 'string', format: 'date-time' },
        path: { type: 'string', description: 'For filters and PATCH paths.' },
        okta: {
          type: ['object', 'null'],
          description: 'Okta Profile Editor values.',
          properties: { externalName: { type: 'string' }, externalNamespace: { type: 'string' } },
        },
      },
    },
    CustomAttributeCreate: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' },
        type: {
          enum: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary'],
          default: 'string',
        },
        multiValued: { type: 'boolean', default: false },
        caseExact: { type: 'boolean', default: false },
        resourceType: { enum: ['User', 'Group'], default: 'User' },
        schema: { type: 'string', default: 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:User' },
        description: { type: 'string', maxLength: 500 },
      },
    },
    UserRow: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        userName: { type: 'string' },
        displayName: nullable('string'),
        email: nullable('string'),
        active: { type: 'boolean' },
        externalId: nullable('string'),
        lastModified: { type: 'string' },
        deletedAt: { ...nullable('string'), description: 'Set when soft-deleted.' },
      },
    },
    UserPage: {
      type: 'object',
      properties: {
        totalResults: { type: 'integer' },
        startIndex: { type: 'integer' },
        itemsPerPage: { type: 'integer' },
        users: { type: 'array', items: ref('UserRow') },
      },
    },
    LibraryField: {
      type: 'object',
      properties: { field: { type: 'string' }, label: { type: 'string' }, value: nullable('string') },
    },
    UserDetail: {
      type: 'object',
      properties: {
        user: ref('UserRow'),
        resource: { type: 'object', description: 'The SCIM resource.' },
        library: { type: 'array', items: ref('LibraryField') },
        groups: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, displayName: { type: 'string' } } },
        },
      },
    },
    GroupRow: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        displayName: { type: 'string' },
        externalId: nullable('string'),
        distinguishedName: nullable('string'),
        memberCount: { type: 'integer' },
        lastModified: { type: 'string' },
      },
    },
    GroupPage: {
      type: 'object',
      properties: {
        totalResults: { type: 'integer' },
        startIndex: { type: 'integer' },
        itemsPerPage: { type: 'integer' },
        groups: { type: 'array', items: ref('GroupRow') },
      },
    },
    GroupDetail: {
      type: 'object',
      properties: {
        group: ref('GroupRow'),
        resource: { type: 'object' },
        library: { type: 'array', items: ref('LibraryField') },
      },
    },
    MemberPage: {
      type: 'object',
      properties: {
        members: {
          type: 'array',
          items: {
            type: 'object',
            properties: { value: { type: 'string' }, type: { enum: ['User', 'Group'] }, display: { type: 'string' } },
          },
        },
        next: { type: 'string', description: 'Pass as `after` for the next page.' },
        total: { type: 'integer' },
      },
    },
    ActivityRow: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        at: { type: 'string' },
        requestId: { type: 'string' },
        tokenId: nullable('string'),
        tokenName: nullable('string'),
        client: { type: 'string', description: 'okta, entra, onelogin, keycloak or other (from User-Agent).' },
        method: { type: 'string' },
        path: { type: 'string' },
        status: { type: 'integer' },
        scimType: nullable('string'),
        detail: nullable('string'),
        resourceType: nullable('string'),
        resourceId: nullable('string'),
        summary: { description: 'Redacted summary of what changed.' },
        durationMs: { type: 'number' },
      },
    },
    ActivityDetail: {
      allOf: [
        ref('ActivityRow'),
        { type: 'object', properties: { requestBody: { description: 'The request body, secrets redacted.' } } },
      ],
    },
    ActivityPage: {
      type: 'object',
      properties: {
        rows: { type: 'array', items: ref('ActivityRow') },
        before: { type: 'integer', description: 'Pass as `before` for older rows.' },
        retention: { type: 'object', properties: { days: { type: 'integer' }, maxRows: { type: 'integer' } } },
      },
    },
  },
};

const paging = [
  query('filter', 'A SCIM filter (RFC 7644 section 3.4.2.2), e.g. userName sw "j".'),
  query('startIndex', '1-based.', { type: 'integer', minimum: 1 }),
  query('count', 'Page size, at most 200.', { type: 'integer', minimum: 0, maximum: 200 }),
];

const paths = {
  '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: json({ type: 'object' }) } } },
  '/session': {
    get: {
      summary: 'Whether set-up is needed, and the signed-in admin with the CSRF token',
      security: [],
      responses: { 200: json(ref('SessionState')) },
    },
  },
  '/setup': {
    post: {
      summary: 'Create the first admin with the one-time set-up code printed by the server; signs in',
      security: [],
      requestBody: body({
        type: 'object',
        required: ['setupCode', 'username', 'password'],
        properties: {
          setupCode: { type: 'string' },
          username: { type: 'string' },
          password: { type: 'string', minLength: 12 },
        },
      }),
      responses: {
        201: json(ref('SessionState'), 'Set up and signed in; sets the session cookie.'),
        ...errors(400, 401, 409, 429),
      },
    },
  },
  '/login': {
    post: {
      summary: 'Sign in',
      security: [],
      requestBody: body({
        type: 'object',
        required: ['username', 'password'],
        properties: { username: { type: 'string' }, password: { type: 'string' } },
      }),
      responses: { 200: json(ref('SessionState'), 'Signed in; sets the session cookie.'), ...errors(400, 401, 429) },
    },
  },
  '/logout': {
    post: {
      summary: 'Sign out (ends the session in the database)',
      responses: { 204: { description: 'Signed out' }, ...errors(401, 403) },
    },
  },
  '/password': {
    post: {
      summary: "Change the signed-in admin's password; ends the admin's other sessions",
      requestBody: body({
        type: 'object',
        required: ['currentPassword', 'newPassword'],
        properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 12 } },
      }),
      responses: { 200: json(ref('SessionState')), ...errors(400, 401, 403) },
    },
  },
  '/settings': {
    get: {
      summary: 'SCIM on/off, base URL, deprovisioning policy, retention',
      responses: { 200: json(ref('Settings')), ...errors(401) },
    },
    patch: {
      summary: 'Enable or disable SCIM; set the deprovisioning policy and soft-delete retention',
      requestBody: body(ref('SettingsChange')),
      responses: { 200: json(ref('Settings')), ...errors(400, 401, 403) },
    },
  },
  '/tokens': {
    get: {
      summary: 'Bearer tokens (never their secrets)',
      responses: {
        200: json({ type: 'object', properties: { tokens: { type: 'array', items: ref('Token') } } }),
        ...errors(401),
      },
    },
    post: {
      summary: 'Create a token; the secret is in this response only',
      requestBody: body(ref('TokenCreate')),
      responses: { 201: json(ref('CreatedToken')), ...errors(400, 401, 403) },
    },
  },
  '/tokens/{id}/revoke': {
    post: {
      summary: 'Revoke a token (every replica refuses it within a second)',
      parameters: [idPath('Token id')],
      responses: { 200: json(ref('Token')), ...errors(401, 403, 404) },
    },
  },
  '/mappings': {
    get: {
      summary: 'Library field / SCIM attribute / SCIM schema table',
      responses: {
        200: json({ type: 'object', properties: { mappings: { type: 'array', items: ref('Mapping') } } }),
        ...errors(401),
      },
    },
  },
  '/mappings/{field}': {
    put: {
      summary: 'Change the SCIM attribute that feeds a remappable Library field (applies to writes from now on)',
      parameters: [
        {
          name: 'field',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          examples: { fullName: { value: 'user.fullName' } },
        },
      ],
      requestBody: body({ type: 'object', required: ['scimPath'], properties: { scimPath: { type: 'string' } } }),
      responses: {
        200: json({ type: 'object', properties: { mappings: { type: 'array', items: ref('Mapping') } } }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/attributes': {
    get: {
      summary: 'Custom attributes',
      responses: {
        200: json({ type: 'object', properties: { attributes: { type: 'array', items: ref('CustomAttribute') } } }),
        ...errors(401),
      },
    },
    post: {
      summary: 'Add a custom attribute; it appears in /Schemas at once',
      requestBody: body(ref('CustomAttributeCreate')),
      responses: { 201: json(ref('CustomAttribute')), ...errors(400, 401, 403, 409) },
    },
  },
  '/attributes/{id}': {
    delete: {
      summary: 'Remove a custom attribute (stored values stay, unpublished)',
      parameters: [idPath('Attribute id or <schema>:<name>')],
      responses: { 200: json(ref('CustomAttribute')), ...errors(401, 403, 404) },
    },
  },
  '/users': {
    get: {
      summary: 'Search users with a SCIM filter, paged',
      parameters: [...paging, query('includeDeleted', 'true to list soft-deleted users too', { type: 'boolean' })],
      responses: { 200: json(ref('UserPage')), ...errors(400, 401) },
    },
  },
  '/users/{id}': {
    get: {
      summary: 'A user: SCIM JSON, Library fields, groups',
      parameters: [idPath('User id')],
      responses: { 200: json(ref('UserDetail')), ...errors(401, 404) },
    },
    patch: {
      summary: 'Deactivate or reactivate (a SCIM PATCH of active)',
      parameters: [idPath('User id')],
      requestBody: body({ type: 'object', required: ['active'], properties: { active: { type: 'boolean' } } }),
      responses: { 200: json(ref('UserDetail')), ...errors(400, 401, 403, 404, 409) },
    },
    delete: {
      summary: 'Delete by hand, for good (also purges a soft-deleted user)',
      parameters: [idPath('User id')],
      responses: { 200: json(ref('UserRow')), ...errors(401, 403, 404) },
    },
  },
  '/users/{id}/restore': {
    post: {
      summary: 'Restore a soft-deleted user',
      parameters: [idPath('User id')],
      responses: { 200: json(ref('UserDetail')), ...errors(401, 403, 404, 409) },
    },
  },
  '/users/purge-deleted': {
    post: {
      summary: 'Purge soft-deleted users (all, or deleted more than olderThanDays ago)',
      requestBody: {
        required: false,
        content: {
          'application/json': {
            schema: { type: 'object', properties: { olderThanDays: { type: 'integer', minimum: 0 } } },
          },
        },
      },
      responses: {
        200: json({ type: 'object', properties: { purged: { type: 'integer' } } }),
        ...errors(400, 401, 403),
      },
    },
  },
  '/groups': {
    get: {
      summary: 'Search groups with a SCIM filter, paged (members not loaded)',
      parameters: paging,
      responses: { 200: json(ref('GroupPage')), ...errors(400, 401) },
    },
  },
  '/groups/{id}': {
    get: {
      summary: 'A group without its members',
      parameters: [idPath('Group id')],
      responses: { 200: json(ref('GroupDetail')), ...errors(401, 404) },
    },
  },
  '/groups/{id}/members': {
    get: {
      summary: "A page of a group's members, by member id",
      parameters: [
        idPath('Group id'),
        query('after', 'The `next` of the previous page'),
        query('limit', 'At most 500', { type: 'integer', minimum: 1, maximum: 500 }),
      ],
      responses: { 200: json(ref('MemberPage')), ...errors(401, 404) },
    },
  },
  '/activity': {
    get: {
      summary: 'SCIM requests, newest first',
      parameters: [
        query('status', 'A code (404) or a class (4xx)'),
        query('client', 'okta, entra, onelogin, keycloak or other'),
        query('resourceType', 'User or Group'),
        query('resourceId', 'A resource id'),
        query('since', 'ISO date-time', { type: 'string', format: 'date-time' }),
        query('until', 'ISO date-time', { type: 'string', format: 'date-time' }),
        query('before', 'The `before` of the previous page', { type: 'integer' }),
        query('limit', 'At most 200', { type: 'integer', minimum: 1, maximum: 200 }),
      ],
      responses: { 200: json(ref('ActivityPage')), ...errors(400, 401) },
    },
  },
  '/activity/{id}': {
    get: {
      summary: 'One request with its redacted body',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: { 200: json(ref('ActivityDetail')), ...errors(400, 401, 404) },
    },
  },
  '/export': {
    get: {
      summary: 'The whole directory as JSON (users, groups with members, custom attributes, mappings, settings)',
      responses: {
        200: {
          description: 'A JSON document, sent as an attachment.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        ...errors(401),
      },
    },
  },
};

export function adminOpenApiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Library SCIM admin API',
      version: '1.0.0',
      description:
        'The API behind the admin console (Workstation). Sign in with POST /login (or set up the first admin with POST /setup); the session is an HttpOnly cookie. Send the CSRF token of GET /session in X-CSRF-Token on every state-changing request. SCIM bearer tokens do not open this API.',
    },
    servers: [{ url: serverUrl }],
    security: [{ session: [], csrf: [] }],
    paths,
    components,
  };
}
