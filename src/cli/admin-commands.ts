/**
 * CLI parity with the admin console: `settings`, `attribute`, `mapping`, `export`, the user
 * actions of the Directory page (`user deactivate | reactivate | restore | purge-deleted`), and
 * `admin` (set-up code, accounts, password recovery). Every command works while a server runs on
 * the same database, and goes through the same services as the admin API.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { adminAccountStore } from '../admin/admin-account-access.js';
import { createAdmin, resetAdminPassword } from '../admin/admin-auth.js';
import {
  addCustomAttribute,
  listCustomAttributes,
  removeCustomAttribute,
} from '../admin/services/custom-attributes.js';
import { parseSettingsChange, readConsoleSettings, updateConsoleSettings } from '../admin/services/console-settings.js';
import { exportDirectory } from '../admin/services/directory-export.js';
import { listMappings, setMapping } from '../admin/services/field-mappings.js';
import { purgeSoftDeletedUsers } from '../admin/services/soft-delete-purge.js';
import { restoreUser, setUserActive } from '../admin/services/user-admin.js';
import { issueSetupCode } from '../admin/setup-code.js';
import { SCIM_BASE_PATH, type Config } from '../config.js';
import { withDirectory } from './runtime.js';

/** The SCIM base URL written into exported `meta.location` and `$ref` values. */
function scimBaseOf(config: Config): string {
  return `${config.publicUrl ?? `http://localhost:${config.port}`}${SCIM_BASE_PATH}`;
}

function parseBoolean(value: string, option: string): boolean {
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new Error(`${option} takes true or false, not "${value}".`);
}

function parseWholeNumber(value: string, option: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${option} takes a whole number of days, not "${value}".`);
  return parsed;
}

/** The first line of stdin (for `--password-stdin`), so that passwords stay out of shell history. */
async function readPasswordFromStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function registerSettingsCommands(program: Command, config: () => Config, print: (line: string) => void): void {
  const settings = program
    .command('settings')
    .description("SCIM on/off and the deprovisioning policy (the console's SCIM and Directory pages).");

  settings
    .command('show')
    .description('Show the settings.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDirectory(config(), async (directory) => {
        const current = await readConsoleSettings(directory, scimBaseOf(config()));
        if (options.json) {
          print(JSON.stringify(current, null, 2));
          return;
        }
        print(`SCIM provisioning:     ${current.scimEnabled ? 'enabled' : 'disabled (every SCIM request gets 403)'}`);
        print(`SCIM base URL:         ${current.scimBaseUrl}`);
        print(`Deprovisioning policy: ${current.deprovisioningPolicy} delete on DELETE /Users/{id}`);
        print(
          `Soft-delete retention: ${current.softDeleteRetentionDays === 0 ? 'until purged by hand' : `${current.softDeleteRetentionDays} days`}`,
        );
        print(
          `Activity retention:    ${current.activityRetention.days} days, at most ${current.activityRetention.maxRows} requests`,
        );
      });
    });

  settings
    .command('set')
    .description('Change settings, e.g. --scim-enabled false or --deprovisioning-policy soft.')
    .option('--scim-enabled <boolean>', 'true to enable SCIM provisioning, false to refuse every SCIM request with 403')
    .option('--deprovisioning-policy <policy>', 'hard (DELETE /Users removes the user) or soft (hidden, restorable)')
    .option('--soft-delete-retention-days <days>', 'purge soft-deleted users after this many days; 0 keeps them')
    .action(
      async (options: { scimEnabled?: string; deprovisioningPolicy?: string; softDeleteRetentionDays?: string }) => {
        const change: Record<string, unknown> = {};
        if (options.scimEnabled !== undefined)
          change['scimEnabled'] = parseBoolean(options.scimEnabled, '--scim-enabled');
        if (options.deprovisioningPolicy !== undefined) change['deprovisioningPolicy'] = options.deprovisioningPolicy;
        if (options.softDeleteRetentionDays !== undefined) {
          change['softDeleteRetentionDays'] = parseWholeNumber(
            options.softDeleteRetentionDays,
            '--soft-delete-retention-days',
          );
        }
        if (Object.keys(change).length === 0) throw new Error('Nothing to set. See: library-scim settings set --help');
        await withDirectory(config(), async (directory) => {
          const updated = await updateConsoleSettings(directory, parseSettingsChange(change), scimBaseOf(config()));
          print(
            `Saved. SCIM ${updated.scimEnabled ? 'enabled' : 'disabled'}; ${updated.deprovisioningPolicy} delete; soft-delete retention ${updated.softDeleteRetentionDays} days.`,
          );
        });
      },
    );
}

function registerSchemaCommands(program: Command, config: () => Config, print: (line: string) => void): void {
  const attribute = program
    .command('attribute')
    .description("Custom attributes, published in /Schemas (the console's Mappings page).");

  attribute
    .command('list')
    .description('List custom attributes with their Okta Profile Editor values.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDirectory(config(), async (directory) => {
        const attributes = await listCustomAttributes(directory);
        if (options.json) {
          print(JSON.stringify(attributes, null, 2));
          return;
        }
        if (attributes.length === 0)
          print('No custom attributes. Add one with: library-scim attribute add costCenterCode');
        for (const item of attributes) {
          print(
            `${item.id}  ${item.resourceType.padEnd(5)}  ${item.type.padEnd(9)}${item.multiValued ? ' multi' : '      '}  ${item.path}`,
          );
        }
      });
    });

  attribute
    .command('add')
    .description('Add a custom attribute; it appears in /Schemas at once.')
    .argument('<name>', 'the attribute name, e.g. costCenterCode')
    .option('--type <type>', 'string, boolean, decimal, integer, dateTime, reference or binary', 'string')
    .option('--resource-type <type>', 'User or Group', 'User')
    .option('--schema <urn>', 'schema URN (default: the Strategy extension of the resource type)')
    .option('--multi-valued', 'the attribute holds a list of values')
    .option('--case-exact', 'filters compare values case-sensitively')
    .option('--description <text>', 'a description for /Schemas')
    .action(
      async (
        name: string,
        options: {
          type: string;
          resourceType: string;
          schema?: string;
          multiValued?: boolean;
          caseExact?: boolean;
          description?: string;
        },
      ) => {
        await withDirectory(config(), async (directory) => {
          const added = await addCustomAttribute(directory, {
            name,
            type: options.type,
            resourceType: options.resourceType,
            schema: options.schema,
            multiValued: options.multiValued === true,
            caseExact: options.caseExact === true,
            description: options.description,
          });
          print(
            `Added ${added.path} (${added.type}${added.multiValued ? ', multi-valued' : ''}${added.caseExact ? ', case-exact' : ''}).`,
          );
          if (added.okta)
            print(
              `In Okta's Profile Editor: External name = ${added.okta.externalName}, External namespace = ${added.okta.externalNamespace}`,
            );
        });
      },
    );

  attribute
    .command('remove')
    .description('Remove a custom attribute from /Schemas (stored values are kept, unpublished).')
    .argument('<attribute>', 'its id, its name, or <schema URN>:<name>')
    .action(async (which: string) => {
      await withDirectory(config(), async (directory) => {
        const removed = await removeCustomAttribute(directory, which);
        print(`Removed ${removed.path}.`);
      });
    });

  const mapping = program.command('mapping').description('Which SCIM attribute feeds each Library field.');

  mapping
    .command('list')
    .description('The Library field / SCIM attribute / SCIM schema table.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDirectory(config(), async (directory) => {
        const mappings = await listMappings(directory);
        if (options.json) {
          print(
            JSON.stringify(
              mappings.map(({ candidates: _candidates, ...rest }) => rest),
              null,
              2,
            ),
          );
          return;
        }
        for (const item of mappings) {
          print(
            `${item.field.padEnd(26)} ${`${item.resourceType} ${item.label}`.padEnd(26)} ${item.attribute.padEnd(20)} ${item.schema}${item.remappable ? '' : '  (fixed)'}`,
          );
        }
      });
    });

  mapping
    .command('set')
    .description('Feed a Library field from another SCIM attribute, e.g. mapping set user.fullName name.formatted')
    .argument('<field>', 'the Library field key (see mapping list)')
    .argument('<scimPath>', 'the SCIM attribute path')
    .action(async (field: string, scimPath: string) => {
      await withDirectory(config(), async (directory) => {
        const mappings = await setMapping(directory, field, scimPath);
        const changed = mappings.find((item) => item.field === field);
        print(
          `${changed?.label ?? field} is now fed by ${changed?.scimPath ?? scimPath}; existing users and groups were updated.`,
        );
      });
    });
}

function registerUserCommands(program: Command, config: () => Config, print: (line: string) => void): void {
  // `user list` and `user delete` live in directory-commands.ts; add the console's other actions.
  const user =
    program.commands.find((command) => command.name() === 'user') ??
    program.command('user').description('Library users.');

  for (const [name, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    user
      .command(name)
      .description(
        active
          ? 'Reactivate a user (SCIM active = true).'
          : 'Deactivate a user (SCIM active = false), as Okta does on deprovisioning.',
      )
      .argument('<id>', 'the user id')
      .action(async (id: string) => {
        await withDirectory(config(), async (directory) => {
          const detail = await setUserActive(directory, id, active, scimBaseOf(config()));
          print(`${detail.user.userName} is ${detail.user.active ? 'active' : 'inactive'}.`);
        });
      });
  }

  user
    .command('restore')
    .description('Restore a soft-deleted user.')
    .argument('<id>', 'the user id')
    .action(async (id: string) => {
      await withDirectory(config(), async (directory) => {
        const detail = await restoreUser(directory, id, scimBaseOf(config()));
        print(`Restored ${detail.user.userName}.`);
      });
    });

  user
    .command('purge-deleted')
    .description('Delete soft-deleted users for good.')
    .option('--older-than-days <days>', 'only those soft-deleted more than this many days ago')
    .action(async (options: { olderThanDays?: string }) => {
      const days =
        options.olderThanDays === undefined ? undefined : parseWholeNumber(options.olderThanDays, '--older-than-days');
      await withDirectory(config(), async (directory) => {
        const purged = await purgeSoftDeletedUsers(
          directory,
          days === undefined ? undefined : new Date(Date.now() - days * 86_400_000),
        );
        print(`Purged ${purged} soft-deleted user${purged === 1 ? '' : 's'}.`);
      });
    });
}

function registerAccountCommands(program: Command, config: () => Config, print: (line: string) => void): void {
  const admin = program.command('admin').description('Admin console accounts.');

  admin
    .command('setup-code')
    .description('Print a new one-time set-up code (only while no admin exists).')
    .action(async () => {
      await withDirectory(config(), async (directory, store) => {
        const code = await issueSetupCode(directory.store, adminAccountStore(store));
        if (code === undefined)
          throw new Error(
            'The console is already set up: an admin exists. Sign in, or use "library-scim admin reset-password <name>".',
          );
        print(`One-time set-up code (valid 24 hours): ${code}`);
      });
    });

  admin
    .command('list')
    .description('List admins.')
    .action(async () => {
      await withDirectory(config(), async (_directory, store) => {
        const admins = await adminAccountStore(store).read((repo) => repo.listAdmins());
        if (admins.length === 0) print('No admins yet. Print a set-up code with: library-scim admin setup-code');
        for (const item of admins)
          print(`${item.username}  created ${item.created}  last sign-in ${item.lastLogin ?? 'never'}`);
      });
    });

  admin
    .command('create')
    .description('Create another admin; the password is read from the first line of stdin.')
    .argument('<name>', 'the admin name')
    .action(async (name: string) => {
      const password = await readPasswordFromStdin();
      await withDirectory(config(), async (_directory, store) => {
        const created = await createAdmin(adminAccountStore(store), name, password);
        print(`Created admin ${created.username}.`);
      });
    });

  admin
    .command('reset-password')
    .description('Set a new password for an admin (read from the first line of stdin) and end their sessions.')
    .argument('<name>', 'the admin name')
    .action(async (name: string) => {
      const password = await readPasswordFromStdin();
      await withDirectory(config(), async (_directory, store) => {
        await resetAdminPassword(adminAccountStore(store), name, password);
        print(`The password of ${name} is changed; their sessions are signed out.`);
      });
    });
}

export function registerAdminCommands(program: Command, config: () => Config, print: (line: string) => void): void {
  registerSettingsCommands(program, config, print);
  registerSchemaCommands(program, config, print);
  registerUserCommands(program, config, print);
  registerAccountCommands(program, config, print);

  program
    .command('export')
    .description('Export the directory (users, groups with members, custom attributes, mappings, settings) as JSON.')
    .option('--output <file>', 'write to this file instead of stdout')
    .action(async (options: { output?: string }) => {
      await withDirectory(config(), async (directory) => {
        // Streamed chunk by chunk: a million users never sit in memory as one string.
        const target = options.output === undefined ? process.stdout : createWriteStream(options.output);
        for await (const chunk of exportDirectory(directory, scimBaseOf(config()))) {
          if (!target.write(chunk)) await once(target, 'drain');
        }
        if (target !== process.stdout) {
          target.end();
          await once(target, 'finish');
          print(`Exported the directory to ${options.output}.`);
        }
      });
    });
}
