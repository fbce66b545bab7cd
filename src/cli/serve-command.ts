/**
 * `library-scim serve`: migrate, make sure a token exists (printing it once on first start), print
 * the admin console's one-time set-up code while no admin exists, and serve until SIGINT/SIGTERM.
 */
import { SCIM_BASE_PATH, type Config } from '../config.js';
import { adminConsolePlugin, ensureSetupCode, setupCodeMessage } from '../admin/admin-console.js';
import { buildServer } from '../http/server.js';
import { openStore } from '../store/open-store.js';

export async function serve(config: Config, print: (line: string) => void): Promise<void> {
  const store = await openStore({ databaseUrl: config.databaseUrl, postgresSchema: config.postgresSchema });
  await store.migrate();
  const server = await buildServer({ config, store, plugins: [adminConsolePlugin()] });
  const address = await server.fastify.listen({ port: config.port, host: config.host });
  const origin = config.publicUrl ?? localOrigin(address);
  const base = `${origin}${SCIM_BASE_PATH}`;

  print('');
  print(`Library SCIM is serving on ${address} (database ${describeDatabase(config.databaseUrl)}).`);
  print(`SCIM connector base URL: ${base}`);
  if (!(await server.directory.tokens.hasAny())) {
    const created = await server.directory.tokens.create({ name: 'first token' });
    print(`Bearer token (shown only this once; store it now): ${created.token}`);
    print(
      'In Okta: Applications > your app > Provisioning > Integration: set "SCIM connector base URL" to the URL above,',
    );
    print(
      '"Unique identifier field for users" to userName, Authentication Mode "HTTP Header", and paste the token as the Bearer token.',
    );
    print('In Entra ID: Enterprise application > Provisioning: Tenant URL = the URL above, Secret Token = the token.');
  } else {
    print('Bearer tokens already exist. Create another with: npm run cli -- token create --name okta');
  }
  const setupCode = await ensureSetupCode(server.directory);
  if (setupCode !== undefined) for (const line of setupCodeMessage(setupCode, origin)) print(line);
  else print(`Admin console: ${origin}/admin`);
  print('');

  const stop = async (signal: string): Promise<void> => {
    server.fastify.log.info({ signal }, 'shutting down');
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function localOrigin(address: string): string {
  return address.replace('//0.0.0.0:', '//localhost:').replace('//[::]:', '//localhost:');
}

function describeDatabase(url: string): string {
  if (url.startsWith('postgres')) return 'PostgreSQL';
  return url;
}
