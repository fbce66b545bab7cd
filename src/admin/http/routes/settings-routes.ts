/** SCIM on/off and the deprovisioning policy; bearer tokens. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { parseSettingsChange, readConsoleSettings, updateConsoleSettings } from '../../services/console-settings.js';
import { createTokenView, listTokenViews, revokeTokenView } from '../../services/token-admin.js';
import { type AdminRouteContext, baseUrlOf, signedInAdmin } from '../admin-route-context.js';
import { errorResponses, idParams } from '../schemas/common.js';
import {
  ConsoleSettingsSchema,
  CreatedTokenViewSchema,
  SettingsChangeSchema,
  TokenCreateRequestSchema,
  TokenListSchema,
  TokenViewSchema,
} from '../schemas/settings.js';

export function registerSettingsRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { directory } = context;

  api.get(
    '/settings',
    {
      schema: {
        summary: 'SCIM on/off, base URL, deprovisioning policy, retention',
        response: { 200: ConsoleSettingsSchema, ...errorResponses(401) },
      },
    },
    async (request) => readConsoleSettings(directory, baseUrlOf(context, request)),
  );

  api.patch(
    '/settings',
    {
      schema: {
        summary: 'Enable or disable SCIM; set the deprovisioning policy and soft-delete retention',
        body: SettingsChangeSchema,
        response: { 200: ConsoleSettingsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      // The schema has checked the shape; the service's parser is the one the CLI uses too.
      const change = parseSettingsChange(request.body);
      const updated = await updateConsoleSettings(directory, change, baseUrlOf(context, request));
      request.log.info({ admin: signedInAdmin(request).username, change }, 'settings changed');
      return updated;
    },
  );

  api.get(
    '/tokens',
    {
      schema: {
        summary: 'Bearer tokens (never their secrets)',
        response: { 200: TokenListSchema, ...errorResponses(401) },
      },
    },
    async () => ({ tokens: await listTokenViews(directory) }),
  );

  api.post(
    '/tokens',
    {
      schema: {
        summary: 'Create a token; the secret is in this response only',
        body: TokenCreateRequestSchema,
        response: {
          201: Type.Object(CreatedTokenViewSchema.properties, { description: 'Created; the secret is shown once.' }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const created = await createTokenView(directory, request.body);
      request.log.info(
        { admin: signedInAdmin(request).username, tokenId: created.token.id, tokenName: created.token.name },
        'token created',
      );
      return reply.code(201).header('Cache-Control', 'no-store').send(created);
    },
  );

  api.post(
    '/tokens/:id/revoke',
    {
      schema: {
        summary: 'Revoke a token (every replica refuses it within a second)',
        params: idParams('Token id'),
        response: { 200: TokenViewSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const revoked = await revokeTokenView(directory, request.params.id);
      request.log.info(
        { admin: signedInAdmin(request).username, tokenId: revoked.id, tokenName: revoked.name },
        'token revoked',
      );
      return revoked;
    },
  );
}
