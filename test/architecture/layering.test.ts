/**
 * The layering of docs/architecture.md is enforced by dependency-cruiser (`.dependency-cruiser.cjs`,
 * run by `npm run lint`). This test shows that the real tree passes, and that the rules bite: in
 * a temporary copy of `src/`, it plants one forbidden import of each kind and expects
 * dependency-cruiser to fail naming each of them.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CRUISER = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Cruise {
  code: number;
  output: string;
}

function cruise(cwd: string, paths: string[]): Promise<Cruise> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CRUISER, ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Each planted import: the file it goes into, the line, and the violation it must cause. */
const PLANTS: { what: string; file: string; line: string; rule: string; to: string; reportedFrom?: string }[] = [
  {
    what: 'the kernel imports the client dialects',
    file: 'src/scim/json.ts',
    line: "import type { UnknownObject } from '../compat/schema-lookup.js';",
    rule: 'not-in-allowed',
    to: 'src/compat/schema-lookup.ts',
  },
  {
    what: 'the kernel imports a Node built-in',
    file: 'src/scim/errors.ts',
    line: "import 'node:fs';",
    rule: 'kernel-and-compat-import-no-package',
    to: 'fs',
  },
  {
    what: 'the client dialects import a package',
    file: 'src/compat/string-booleans.ts',
    line: "import 'kysely';",
    rule: 'kernel-and-compat-import-no-package',
    to: 'node_modules/kysely/',
  },
  {
    what: 'the directory imports the HTTP edge',
    file: 'src/directory/change-summary.ts',
    line: "import type { LibraryServer } from '../http/server.js';",
    rule: 'not-in-allowed',
    to: 'src/http/server.ts',
  },
  {
    what: 'the directory imports a store implementation',
    file: 'src/directory/token-summary.ts',
    line: "import '../store/sqlite/sqlite-store.js';",
    rule: 'not-in-allowed',
    to: 'src/store/sqlite/sqlite-store.ts',
  },
  {
    what: 'the store imports the filter parser, not only the AST',
    file: 'src/store/sql/row-codec.ts',
    line: "import '../../scim/filter/filter-parser.js';",
    rule: 'not-in-allowed',
    to: 'src/scim/filter/filter-parser.ts',
  },
  {
    what: 'production code imports a test harness',
    file: 'src/http/rate-limiter.ts',
    line: "import '../../test/support/scim-client.js';",
    rule: 'src-not-to-test',
    to: 'test/support/scim-client.ts',
  },
  {
    what: 'two modules import each other',
    file: 'src/scim/messages/error.ts',
    line: "import '../errors.js';",
    rule: 'no-circular',
    // A cycle is reported from the module that sorts first, along the whole loop.
    reportedFrom: 'src/scim/errors.ts',
    to: 'src/scim/messages/error.ts',
  },
];

describe('the layering rules (dependency-cruiser)', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'library-layering-'));
    cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
    cpSync(join(ROOT, 'test', 'support'), join(copy, 'test', 'support'), { recursive: true });
    for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) {
      cpSync(join(ROOT, file), join(copy, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });
  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
  });

  it('pass on the real tree', async () => {
    const result = await cruise(ROOT, ['src', 'test', 'bench']);
    expect(result.output).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  }, 60_000);

  it('fail on each planted forbidden import, naming it', async () => {
    for (const plant of PLANTS) appendFileSync(join(copy, plant.file), `\n${plant.line}\n`);
    writeFileSync(join(copy, 'src', 'directory', 'unused-helper.ts'), 'export const UNUSED = 1;\n');
    const result = await cruise(copy, ['src']);
    expect(result.code).not.toBe(0);
    for (const plant of PLANTS) {
      const start = result.output.indexOf(`error ${plant.rule}: ${plant.reportedFrom ?? plant.file} →`);
      expect(start, `${plant.what}: ${plant.rule} is reported`).toBeGreaterThanOrEqual(0);
      // The target follows the arrow (resolved, so a package shows its path; a cycle spans lines).
      expect(result.output.slice(start, start + 400), plant.what).toContain(plant.to);
    }
    expect(result.output, 'a module nobody imports').toContain('error no-orphans: src/directory/unused-helper.ts');
  }, 60_000);
});
