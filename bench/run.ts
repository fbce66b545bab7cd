/**
 * `npm run bench`: Library SCIM's throughput over real HTTP, as a ratio to a bare `node:http`
 * server measured in the same run. See `usage()` in core/options.ts and docs/performance.md.
 *
 * The server under test is the built server process (`node dist/cli/main.js serve`, as
 * `npm start` runs it) with the default configuration except the database, the port, the
 * loopback interface and `SCIM_RATE_LIMIT_PER_SECOND=0`; its output goes to a log file in the
 * run's temporary folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDatabase, type DatabaseResult } from './core/database-run.js';
import { ensureCacheDir } from './core/databases.js';
import { loadSnapshot, machineFacts } from './core/machine.js';
import { parseOptions, usage, type BenchOptions } from './core/options.js';
import { CLI, REPO_ROOT, freePort, startBaseline, type RunningProcess } from './core/processes.js';
import { formatProfile, summarizeProfile, type ProfileSummary } from './report/cpu-profile.js';
import { markdownReport, writeDocsReport } from './report/markdown.js';
import { writeResult, type BenchResult } from './report/result.js';
import { SCENARIOS } from './scenarios/index.js';

const DOCS = join(REPO_ROOT, 'docs', 'performance.md');
const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** Warns when a file under src/ is newer than the build the bench is about to measure. */
function checkBuild(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run `npm run build` first.');
  const built = statSync(CLI).mtimeMs;
  const newer = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const found = entry.isDirectory() ? newer(path) : statSync(path).mtimeMs > built ? path : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const stale = newer(join(REPO_ROOT, 'src'));
  if (stale !== undefined) log(`warning: ${relative(REPO_ROOT, stale)} is newer than the build; run npm run build.`);
}

function profileSummaries(dir: string | undefined): ProfileSummary[] {
  if (dir === undefined || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .map((name) => summarizeProfile(join(dir, name)));
}

async function baselineBytes(baseline: RunningProcess): Promise<number> {
  return (await (await fetch(`${baseline.origin}/`)).arrayBuffer()).byteLength;
}

async function main(options: BenchOptions, argv: string[]): Promise<boolean> {
  const started = performance.now();
  checkBuild();
  const startedAt = new Date().toISOString();
  const loadBefore = loadSnapshot();
  const folder = mkdtempSync(join(tmpdir(), 'library-scim-bench-'));
  const profileDir = options.cpuProfile
    ? join(ensureCacheDir(), 'profiles', startedAt.replaceAll(':', '-'))
    : undefined;
  if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });
  const scenarios = SCENARIOS.filter(
    (scenario) => options.scenarios.length === 0 || options.scenarios.includes(scenario.name),
  );
  log(
    `Library SCIM bench, ${options.mode} mode: ${options.databases.join(' and ')}, ${scenarios.length} scenarios, ` +
      `${options.durationSeconds} s runs; load average ${loadBefore.loadAverage.join(' / ')}; run folder ${folder}`,
  );

  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  const interrupt = (): void => {
    log('\ninterrupted: stopping the processes and dropping the bench schema');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const databases: DatabaseResult[] = [];
  let harnessError: string | undefined;
  let bytes = 0;
  try {
    const baseline = await startBaseline(await freePort(), join(folder, 'baseline.log'));
    cleanups.push(async () => {
      await baseline.stop();
    });
    bytes = await baselineBytes(baseline);
    for (const kind of options.databases) {
      databases.push(
        await benchDatabase({
          kind,
          options,
          scenarios,
          folder,
          baseline,
          profileDir,
          log,
          onCleanup: (cleanup) => cleanups.push(cleanup),
        }),
      );
    }
  } catch (error) {
    harnessError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  } finally {
    await cleanUp();
  }

  const profiles = profileSummaries(profileDir);
  const failedRows = databases.flatMap((database) => database.rows.filter((row) => row.status === 'failed'));
  const errors = [...databases.flatMap((database) => database.errors), ...(harnessError ? [harnessError] : [])];
  const result: BenchResult = {
    format: 1,
    mode: options.mode,
    startedAt,
    totalSeconds: Math.round((performance.now() - started) / 1000),
    machine: machineFacts(argv),
    loadBefore,
    loadAfter: loadSnapshot(),
    users: options.users,
    groupSizes: options.groupSizes,
    durationSeconds: options.durationSeconds,
    pairs: options.pairs,
    scenarios: scenarios.map((scenario) => scenario.name),
    baselineBytes: bytes,
    databases,
    profiles,
    ok: failedRows.length === 0 && errors.length === 0,
  };
  const file = writeResult(result);
  const report = markdownReport(result);
  log(`\n${report}\n`);
  for (const profile of profiles) log(`${formatProfile(profile)}\n`);
  log(`Results: ${relative(REPO_ROOT, file)}`);
  if (options.writesDocs && harnessError === undefined) {
    writeDocsReport(DOCS, report);
    log(`Table written into ${relative(REPO_ROOT, DOCS)}`);
  }
  if (harnessError !== undefined) log(`\nThe bench itself failed: ${harnessError}`);
  if (failedRows.length > 0) log(`${failedRows.length} row(s) failed: see the notes column.`);
  const keepFolder = options.keep || !result.ok;
  if (keepFolder) log(`Run folder kept (server logs): ${folder}`);
  else rmSync(folder, { recursive: true, force: true });
  log(`Total ${result.totalSeconds} s.`);
  return result.ok;
}

const argv = process.argv.slice(2);
let parsed: BenchOptions | 'help';
try {
  parsed = parseOptions(
    argv,
    SCENARIOS.map((scenario) => scenario.name),
  );
} catch (error) {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n\n${usage(SCENARIOS.map((s) => s.name))}`,
  );
  process.exit(2);
}
if (parsed === 'help') {
  process.stdout.write(usage(SCENARIOS.map((scenario) => scenario.name)));
} else {
  main(parsed, argv)
    .then((ok) => process.exit(ok ? 0 : 1))
    .catch((error: unknown) => {
      process.stderr.write(
        `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
