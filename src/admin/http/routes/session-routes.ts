/** Set-up, sign-in, the session state, sign-out and password change. */
import type { FastifyInstance } from 'fastify';
import type { SessionState } from '../../admin-api-types.js';
import {
  clearSessionCookie,
  clientOf,
  isSecureRequest,
  sessionIdOf,
  setSessionCookie,
  signedInState,
} from '../admin-request.js';
import { type AdminRouteContext, signedInAdmin } from '../admin-route-context.js';

type Body = Record<string, unknown>;

function bodyOf(body: unknown): Body {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};
}

export function registerSessionRoutes(api: FastifyInstance, context: AdminRouteContext): void {
  const { auth, publicUrl } = context;

  api.get('/session', { config: { adminPublic: true } }, async (request): Promise<SessionState> => {
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
  });

  api.post('/setup', { config: { adminPublic: true } }, async (request, reply) => {
    const body = bodyOf(request.body);
    const signedIn = await auth.setup(
      { setupCode: body['setupCode'], username: body['username'], password: body['password'] },
      clientOf(request),
    );
    request.log.info({ admin: signedIn.username }, 'admin console set up');
    setSessionCookie(reply, signedIn, isSecureRequest(request, publicUrl));
    return reply.code(201).send(signedInState(signedIn));
  });

  api.post('/login', { config: { adminPublic: true } }, async (request, reply) => {
    const body = bodyOf(request.body);
    const signedIn = await auth.login({ username: body['username'], password: body['password'] }, clientOf(request));
    request.log.info({ admin: signedIn.username }, 'admin signed in');
    setSessionCookie(reply, signedIn, isSecureRequest(request, publicUrl));
    return signedInState(signedIn);
  });

  api.post('/logout', async (request, reply) => {
    await auth.logout(sessionIdOf(request));
    clearSessionCookie(reply, isSecureRequest(request, publicUrl));
    return reply.code(204).send();
  });

  api.post('/password', async (request, reply) => {
    const admin = signedInAdmin(request);
    const body = bodyOf(request.body);
    const signedIn = await auth.changePassword(
      admin.adminId,
      { currentPassword: body['currentPassword'], newPassword: body['newPassword'] },
      clientOf(request),
    );
    request.log.info({ admin: signedIn.username }, 'admin password changed');
    setSessionCookie(reply, signedIn, isSecureRequest(request, publicUrl));
    return signedInState(signedIn);
  });
}
