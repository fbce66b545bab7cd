/**
 * The admin console (Workstation): the admin REST API under `/api/admin` and the web console at
 * `/admin`, as one plugin for `buildServer({ plugins: [adminConsolePlugin()] })`.
 *
 * The API authenticates with the admin session cookie only: the SCIM API's bearer tokens do not
 * open it, and the cookie (Path=/api/admin) is never sent to, nor accepted by, the SCIM API.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Directory } from '../directory/directory.js';
import { ScimError } from '../scim/errors.js';
import type { AdminAccountStore } from '../store/admin-accounts.js';
import { adminAccountStore } from './admin-account-access.js';
import { AdminAuth, DEFAULT_SESSION_POLICY, csrfTokenMatches, type SessionPolicy } from './admin-auth.js';
import { registerScimBodyParsers } from '../http/scim-wire.js';
import { registerAdminErrorHandling } from './http/admin-errors.js';
import { ADMIN_API_PREFIX, isUnsafe, refuseCrossSite, requireCsrf, sessionIdOf } from './http/admin-request.js';
import type { AdminRouteContext } from './http/admin-route-context.js';
import { CONSOLE_PATH, defaultWebRoot, registerConsoleAssets } from './http/console-assets.js';
import { registerAdminApiSchemas } from './http/openapi.js';
import { registerActivityRoutes } from './http/routes/activity-routes.js';
import { registerDirectoryRoutes } from './http/routes/directory-routes.js';
import { registerSchemaRoutes } from './http/routes/schema-routes.js';
import { registerSessionRoutes } from './http/routes/session-routes.js';
import { registerSettingsRoutes } from './http/routes/settings-routes.js';
import { purgeExpiredSoftDeletes } from './services/soft-delete-purge.js';
import { issueSetupCode } from './setup-code.js';

export interface AdminConsoleOptions {
  /** Where admin accounts live; defaults to the store's `adminAccounts`. */
  accounts?: AdminAccountStore | undefined;
  /** The built console; defaults to the project's `web/dist`. */
  webRoot?: string | undefined;
  sessionPolicy?: SessionPolicy | undefined;
  /** How often expired sessions and expired soft-deletes are purged; 0 disables (tests). */
  maintenanceIntervalMs?: number | undefined;
}

const MAINTENANCE_INTERVAL_MS = 60 * 60_000;

/** The plugin that `buildServer` registers after the SCIM API. */
export function adminConsolePlugin(
  options: AdminConsoleOptions = {},
): (app: FastifyInstance, directory: Directory) => Promise<void> {
  return async (app, directory) => {
    const accounts = options.accounts ?? adminAccountStore(directory.store);
    const auth = new AdminAuth(directory.store, accounts, options.sessionPolicy ?? DEFAULT_SESSION_POLICY);
    const context: AdminRouteContext = { directory, auth, publicUrl: directory.config.publicUrl };

    await app.register(
      async (api) => {
        await api.register(fastifyCookie);
        // The same JSON handling as the SCIM API: an empty body (a DELETE sent with a JSON
        // content type) is no body, and malformed JSON is a 400 with a detail.
        registerScimBodyParsers(api);
        api.decorateRequest('adminSession', null);
        registerAdminErrorHandling(api);

        api.addHook('onRequest', async (request, reply) => {
          reply.header('Cache-Control', 'no-store').header('X-Content-Type-Options', 'nosniff');
          if (isUnsafe(request)) refuseCrossSite(request, context.publicUrl);
          if (request.routeOptions.config.adminPublic === true) return;
          const sessionId = sessionIdOf(request);
          if (sessionId === undefined && request.headers.authorization !== undefined) {
            throw new ScimError(
              401,
              'The admin API does not accept an Authorization header: SCIM bearer tokens only open the SCIM API. Sign in to the console (POST /api/admin/login) and use its session cookie.',
            );
          }
          request.adminSession = await auth.authenticate(sessionId);
          if (isUnsafe(request))
            requireCsrf(request, (given) => sessionId !== undefined && csrfTokenMatches(sessionId, given));
        });

        await registerAdminApiSchemas(api, context.publicUrl);
        registerSessionRoutes(api, context);
        registerSettingsRoutes(api, context);
        registerSchemaRoutes(api, context);
        registerDirectoryRoutes(api, context);
        registerActivityRoutes(api, context);
      },
      { prefix: ADMIN_API_PREFIX },
    );

    await app.register(async (web) => registerConsoleAssets(web, options.webRoot ?? defaultWebRoot()));

    const interval = options.maintenanceIntervalMs ?? MAINTENANCE_INTERVAL_MS;
    if (interval > 0) {
      const timer = setInterval(() => {
        auth.pruneSessions().catch((error: unknown) => app.log.warn({ err: error }, 'admin session prune failed'));
        purgeExpiredSoftDeletes(directory).catch((error: unknown) =>
          app.log.warn({ err: error }, 'soft-delete purge failed'),
        );
      }, interval);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    }
  };
}

/**
 * For `serve`: while no admin exists, issue a one-time set-up code to print (only its hash is
 * stored); undefined once the console is set up.
 */
export async function ensureSetupCode(directory: Directory, accounts?: AdminAccountStore): Promise<string | undefined> {
  return issueSetupCode(directory.store, accounts ?? adminAccountStore(directory.store));
}

/** The lines `serve` prints with a set-up code. */
export function setupCodeMessage(code: string, origin: string): string[] {
  return [
    `Admin console: ${origin}${CONSOLE_PATH}`,
    `One-time set-up code (valid 24 hours; enter it in the console to create the first admin): ${code}`,
  ];
}
