#!/usr/bin/env node
/**
 * `library-scim`: serve the SCIM API and administer tokens and users from the shell. Every
 * command reads the same environment as the server and works while a server runs on the same
 * database.
 */
import { Command, Option } from 'commander';
import { DEFAULT_CONFIG, ENVIRONMENT_VARIABLES, loadConfig, type Config } from '../config.js';
import { parseDuration } from '../directory/bearer-tokens.js';
import { registerAdminCommands } from './admin-commands.js';
import { serve } from './serve-command.js';
import { registerDirectoryCommands } from './directory-commands.js';
import { registerTokenCommands } from './token-commands.js';

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function environmentHelp(): string {
  const rows = Object.entries(ENVIRONMENT_VARIABLES).map(([variable, key]) => {
    const value = DEFAULT_CONFIG[key];
    return `  ${variable.padEnd(28)} ${value === undefined ? '(unset)' : String(value)}`;
  });
  return `\nEnvironment variables (defaults shown):\n${rows.join('\n')}\n`;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('library-scim')
    .description(
      'SCIM 2.0 service provider for the Library user and group directory (Okta, Microsoft Entra ID, any RFC 7644 client).',
    )
    .addOption(
      new Option('--database-url <url>', 'sqlite:./data/library.db, sqlite::memory: or postgres://…').env(
        'DATABASE_URL',
      ),
    )
    .addHelpText('after', environmentHelp())
    .showHelpAfterError();

  const config = (): Config => {
    const options = program.opts<{ databaseUrl?: string }>();
    return loadConfig(process.env, options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  };

  program
    .command('serve')
    .description('Serve the SCIM API (and print the base URL and, on first start, a bearer token).')
    .option('--port <port>', 'TCP port (PORT)', (value) => Number(value))
    .option('--host <host>', 'interface to bind (HOST)')
    .option('--public-url <url>', 'public origin used in meta.location and the Location header (PUBLIC_URL)')
    .action(async (options: { port?: number; host?: string; publicUrl?: string }) => {
      const base = config();
      await serve(
        loadConfig(process.env, {
          ...base,
          port: options.port ?? base.port,
          host: options.host ?? base.host,
          publicUrl: options.publicUrl ?? base.publicUrl,
        }),
        print,
      );
    });

  registerTokenCommands(program, config, print, parseDuration);
  registerDirectoryCommands(program, config, print);
  registerAdminCommands(program, config, print);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`library-scim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
