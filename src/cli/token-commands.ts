/** `library-scim token create | list | revoke`. Secrets are printed once, at creation, and never listed. */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { withDirectory } from './runtime.js';

export function registerTokenCommands(
  program: Command,
  config: () => Config,
  print: (line: string) => void,
  parseDuration: (text: string) => number,
): void {
  const token = program.command('token').description('Bearer tokens for the SCIM API.');

  token
    .command('create')
    .description('Create a token; the secret is printed alone on the last line of stdout, this once only.')
    .option('--name <name>', 'a name to tell tokens apart, such as "okta-production"')
    .option('--expires-in <duration>', 'lifetime such as 30s, 12h, 90d; no expiry when omitted')
    .action(async (options: { name?: string; expiresIn?: string }) => {
      const expiresInSeconds = options.expiresIn === undefined ? undefined : parseDuration(options.expiresIn);
      await withDirectory(config(), async (directory) => {
        const created = await directory.tokens.create({ name: options.name, expiresInSeconds });
        print(
          `Created token ${created.summary.id} "${created.summary.name}"${created.summary.expires ? `, expires ${created.summary.expires}` : ', no expiry'}.`,
        );
        print(created.token);
      });
    });

  token
    .command('list')
    .description('List tokens (never their secrets).')
    .option('--json', 'print a JSON array of {id, name, prefix, created, expires, lastUsed, revoked}')
    .action(async (options: { json?: boolean }) => {
      await withDirectory(config(), async (directory) => {
        const tokens = await directory.tokens.list();
        if (options.json) {
          print(
            JSON.stringify(
              tokens.map(({ id, name, prefix, created, expires, lastUsed, revoked }) => ({
                id,
                name,
                prefix,
                created,
                expires,
                lastUsed,
                revoked,
              })),
              null,
              2,
            ),
          );
          return;
        }
        if (tokens.length === 0) print('No tokens. Create one with: library-scim token create --name okta');
        for (const item of tokens) {
          print(
            `${item.id}  ${item.status.padEnd(7)}  ${item.prefix}…  ${item.name}  created ${item.created}  expires ${item.expires ?? 'never'}  last used ${item.lastUsed ?? 'never'}`,
          );
        }
      });
    });

  token
    .command('revoke')
    .description('Revoke a token; every server stops accepting it within a second.')
    .argument('<id>', 'the token id (from token list)')
    .action(async (id: string) => {
      await withDirectory(config(), async (directory) => {
        const revoked = await directory.tokens.revoke(id);
        if (!revoked) throw new Error(`No token has id ${id}. See: library-scim token list`);
        print(`Revoked token ${revoked.id} "${revoked.name}".`);
      });
    });
}
