/** `library-scim user list | delete`, `group list | delete`, `doctor` and `db migrate`. */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { existsSync } from 'node:fs';
import { parseDatabaseUrl } from '../store/open-store.js';
import { diagnose } from './doctor.js';
import { withDirectory } from './runtime.js';
import { jsonText } from '../scim/json.js';

export function registerDirectoryCommands(program: Command, config: () => Config, print: (line: string) => void): void {
  const user = program.command('user').description('Library users.');

  user
    .command('list')
    .description('List users, optionally with a SCIM filter such as \'userName sw "j"\'.')
    .option('--filter <filter>', 'a SCIM filter')
    .option('--json', 'print SCIM resources as JSON')
    .option('--count <n>', 'page size', (value) => Number(value), 100)
    .option('--start-index <n>', '1-based index of the first user', (value) => Number(value), 1)
    .action(async (options: { filter?: string; json?: boolean; count: number; startIndex: number }) => {
      await withDirectory(config(), async (directory) => {
        const page = await directory.users.list({
          filter: options.filter,
          count: options.count,
          startIndex: options.startIndex,
          scimBaseUrl: '',
        });
        if (options.json) {
          print(JSON.stringify(page.resources, null, 2));
          return;
        }
        print(
          `${page.totalResults} users${page.totalResults > page.itemsPerPage ? ` (showing ${page.itemsPerPage} from ${options.startIndex})` : ''}`,
        );
        for (const resource of page.resources) {
          print(
            `${jsonText(resource['id'])}  ${resource['active'] === false ? 'inactive' : 'active  '}  ${jsonText(resource['userName'])}`,
          );
        }
      });
    });

  user
    .command('delete')
    .description('Delete a user by hand (Okta never deletes users; it deactivates them).')
    .argument('<id>', 'the user id')
    .action(async (id: string) => {
      await withDirectory(config(), async (_directory, store) => {
        const deleted = await store.write((session) => session.users.delete(id));
        if (!deleted) throw new Error(`No user has id ${id}. See: library-scim user list`);
        print(`Deleted user ${id} and removed it from every group.`);
      });
    });

  const group = program.command('group').description('Library user groups.');

  group
    .command('list')
    .description('List groups, optionally with a SCIM filter such as \'displayName sw "Eng"\'.')
    .option('--filter <filter>', 'a SCIM filter')
    .option('--json', 'print SCIM resources (without members) as JSON')
    .option('--count <n>', 'page size', (value) => Number(value), 100)
    .option('--start-index <n>', '1-based index of the first group', (value) => Number(value), 1)
    .action(async (options: { filter?: string; json?: boolean; count: number; startIndex: number }) => {
      await withDirectory(config(), async (directory, store) => {
        const page = await directory.groups.list({
          filter: options.filter,
          count: options.count,
          startIndex: options.startIndex,
          excludedAttributes: ['members'],
          scimBaseUrl: '',
        });
        if (options.json) {
          print(JSON.stringify(page.resources, null, 2));
          return;
        }
        print(
          `${page.totalResults} groups${page.totalResults > page.itemsPerPage ? ` (showing ${page.itemsPerPage} from ${options.startIndex})` : ''}`,
        );
        for (const resource of page.resources) {
          const id = jsonText(resource['id']);
          const members = await store.read((session) => session.members.count(id));
          print(`${id}  ${String(members).padStart(7)} members  ${jsonText(resource['displayName'])}`);
        }
      });
    });

  group
    .command('delete')
    .description('Delete a group by hand; its member users stay.')
    .argument('<id>', 'the group id')
    .action(async (id: string) => {
      await withDirectory(config(), async (_directory, store) => {
        const deleted = await store.write((session) => session.groups.delete(id));
        if (!deleted) throw new Error(`No group has id ${id}. See: library-scim group list`);
        print(`Deleted group ${id}; its members were not changed.`);
      });
    });

  program
    .command('doctor')
    .description('Check the configuration and the database, and say what to fix.')
    .action(async () => {
      const current = config();
      const location = parseDatabaseUrl(current.databaseUrl);
      if (location.dialect === 'sqlite' && location.filename !== ':memory:' && !existsSync(location.filename)) {
        // Opening would create an empty database at a mistyped path: report instead.
        print(
          `FIX  There is no database at ${location.filename}. Check DATABASE_URL; the server creates the file on its first start.`,
        );
        process.exitCode = 1;
        return;
      }
      await withDirectory(current, async (directory, store) => {
        const findings = await diagnose(current, directory, store);
        for (const finding of findings) print(`${finding.ok ? 'ok  ' : 'FIX '} ${finding.text}`);
        if (findings.some((finding) => !finding.ok)) process.exitCode = 1;
      });
    });

  program
    .command('db')
    .description('Database maintenance.')
    .command('migrate')
    .description('Create or upgrade the database schema (serve does this too).')
    .action(async () => {
      await withDirectory(config(), async () => {
        print('The database schema is up to date.');
      });
    });
}
