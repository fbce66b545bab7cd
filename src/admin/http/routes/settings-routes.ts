/** SCIM on/off and the deprovisioning policy; bearer tokens. */
import type { FastifyInstance } from 'fastify';
import { parseSettingsChange, readConsoleSettings, updateConsoleSettings } from '../../services/console-settings.js';
import { createTokenView, listTokenViews, revokeTokenView } from '../../services/token-admin.js';
import { type AdminRouteContext, baseUrlOf, signedInAdmin } from '../admin-route-context.js';

export function registerSettingsRoutes(api: FastifyInstance, context: AdminRouteContext): void {
  const { directory } = context;

  api.get('/settings', async (request) => readConsoleSettings(directory, baseUrlOf(context, request)));

  api.patch('/settings', async (request) => {
    const change = parseSettingsChange(request.body);
    const updated = await updateConsoleSettings(directory, change, baseUrlOf(context, request));
    request.log.info({ admin: signedInAdmin(request).username, change }, 'settings changed');
    return updated;
  });

  api.get('/tokens', async () => ({ tokens: await listTokenViews(directory) }));

  api.post('/tokens', async (request, reply) => {
    const created = await createTokenView(directory, request.body);
    request.log.info(
      { admin: signedInAdmin(request).username, tokenId: created.token.id, tokenName: created.token.name },
      'token created',
    );
    return reply.code(201).header('Cache-Control', 'no-store').send(created);
  });

  api.post<{ Params: { id: string } }>('/tokens/:id/revoke', async (request) => {
    const revoked = await revokeTokenView(directory, request.params.id);
    request.log.info(
      { admin: signedInAdmin(request).username, tokenId: revoked.id, tokenName: revoked.name },
      'token revoked',
    );
    return revoked;
  });
}
