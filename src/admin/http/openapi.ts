/**
 * The admin API's route schemas at work: the TypeBox validator for the admin scope, and the
 * OpenAPI 3.1 document that `@fastify/swagger` builds from the same schemas, served at
 * `GET /api/admin/openapi.json`. Both are registered in the admin plugin's scope only, before its
 * routes (swagger learns them from its `onRoute` hook), so the SCIM API sees neither.
 */
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ADMIN_API_PREFIX, SESSION_COOKIE } from './admin-request.js';
import { adminValidatorCompiler } from './schema-validation.js';

const DESCRIPTION =
  'The API behind the admin console (Workstation). Sign in with POST /login (or set up the first admin with POST /setup); the session is an HttpOnly cookie. Send the CSRF token of GET /session in X-CSRF-Token on every state-changing request. SCIM bearer tokens do not open this API. A request body is taken as sent: a property the schema does not list, or a value of another type, is a 400 whose detail names the field; unknown query parameters are ignored.';

const OpenApiDocumentSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: 'The OpenAPI 3.1 document of the admin API, generated from the route schemas.',
});

export async function registerAdminApiSchemas(api: FastifyInstance, publicUrl: string | undefined): Promise<void> {
  api.setValidatorCompiler(adminValidatorCompiler);
  await api.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Library SCIM admin API', version: '1.0.0', description: DESCRIPTION },
      // Paths are listed relative to the API; each answer names the absolute server URL.
      servers: [{ url: ADMIN_API_PREFIX }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Set by /setup and /login; HttpOnly, SameSite=Strict, Path=/api/admin, Secure over TLS.',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description: 'The `csrfToken` of GET /session; required on every POST, PUT, PATCH and DELETE.',
          },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
  });

  api.withTypeProvider<TypeBoxTypeProvider>().get(
    '/openapi.json',
    {
      config: { adminPublic: true },
      schema: { summary: 'This document', security: [], response: { 200: OpenApiDocumentSchema } },
    },
    (request) => {
      const origin = publicUrl ?? `${request.protocol}://${request.host}`;
      return { ...api.swagger(), servers: [{ url: `${origin}${ADMIN_API_PREFIX}` }] };
    },
  );
}
