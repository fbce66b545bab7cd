/** Set-up, sign-in, the session state, sign-out and password change. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  clearSessionCookie,
  clientOf,
  isSecureRequest,
  sessionIdOf,
  setSessionCookie,
  signedInState,
} from '../admin-request.js';
import { type AdminRouteContext, signedInAdmin } from '../admin-route-context.js';
import { errorResponses } from '../schemas/common.js';
import {
  LoginRequestSchema,
  PasswordChangeSchema,
  SessionStateSchema,
  SetupRequestSchema,
} from '../schemas/session.js';

export function registerSessionRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { auth, publicUrl } = context;

  api.get(
    '/session',
    {
      config: { adminPublic: true },
      schema: {
        summary: 'Whether set-up is needed, and the signed-in admin with the CSRF token',
        security: [],
        response: { 200: SessionStateSchema },
      },
    },
    async (request) => {
      const setupRequired = await auth.setupRequired();
      const sessionId = sessionIdOf(request);
      if (!setupRequired && sessionId !== undefined) {
        try {
          return signedInState(await auth.authenticate(sessionId));
        } catch {
          // An ended session reads as "signed out".
        }
      }
      return { setupRequired, authenticated: false };
    },
  );

  api.post(
    '/setup',
    {
      config: { adminPublic: true },
      schema: {
        summary: 'Create the first admin with the one-time set-up code printed by the server; signs in',
        security: [],
        body: SetupRequestSchema,
        response: {
          201: Type.Object(SessionStateSchema.properties, { description: 'Set up and signed in; sets the cookie.' }),
          ...errorResponses(400, 401, 403, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const signedIn = await auth.setup(request.body, clientOf(request));
      request.log.info({ admin: signedIn.username }, 'admin console set up');
      setSessionCookie(reply, signedIn, isSecureRequest(request, publicUrl));
      return reply.code(201).send(signedInState(signedIn));
    },
  );

  api.post(
    '/login',
    {
      config: { adminPublic: true },
      schema: {
        summary: 'Sign in',
        security: [],
        body: LoginRequestSchema,
        response: {
          200: Type.Object(SessionStateSchema.properties, { description: 'Signed in; sets the session cookie.' }),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const signedIn = await auth.login(request.body, clientOf(request));
      request.log.info({ admin: signedIn.username }, 'admin signed in');
      setSessionCookie(reply, signedIn, isSecureRequest(request, publicUrl));
      return signedInState(signedIn);
    },
  );

  api.post(
    '/logout',
    {
      schema: {
        summary: 'Sign out (ends the session in the database)',
        response: { 204: Type.Null({ description: 'Signed out; clears the cookie.' }), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await auth.logout(sessionIdOf(request));
      clearSessionCookie(reply, isSecureRequest(request, publicUrl));
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/password',
    {
      schema: {
        summary: "Change the signed-in admin's password; ends the admin's other sessions",
        body: PasswordChangeSchema,
        response: { 200: SessionStateSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const signedIn = await auth.changePassword(admin.adminId, request.body, clientOf(request));
      request.log.info({ admin: signedIn.username }, 'admin password changed');
      setSessionCookie(reply, signedIn, isSecureRequest(request, publicUrl));
      return signedInState(signedIn);
    },
  );
}
