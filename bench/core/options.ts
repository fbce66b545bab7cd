/**
 * `npm run bench -- [options]`: what to run, at which size, for how long.
 */
import { parseArgs } from 'node:util';
import type { DatabaseKind, Mode } from './types.js';

export interface BenchOptions {
  mode: Mode;
  databases: DatabaseKind[];
  /** Scenario names; empty for all. */
  scenarios: string[];
  users: number;
  groupSizes: number[];
  durationSeconds: number;
  pairs: number;
  warmupSeconds: number;
  /** autocannon's per-request timeout: 10 s; 30 s in quick mode, where it means a hang, not slowness. */
  timeoutSeconds: number;
  cpuProfile: boolean;
  postgresUrl: string;
  keep: boolean;
  /** Whether this is the complete default run whose table belongs in docs/performance.md. */
  writesDocs: boolean;
}

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

const PRESETS: Record<
  Mode,
  Pick<BenchOptions, 'users' | 'groupSizes' | 'durationSeconds' | 'pairs' | 'warmupSeconds' | 'timeoutSeconds'>
> = {
  full: {
    users: 1_000_000,
    groupSizes: [10, 1_000, 100_000],
    durationSeconds: 10,
    pairs: 2,
    warmupSeconds: 1,
    timeoutSeconds: 10,
  },
  quick: {
    users: 20_000,
    groupSizes: [10, 10_000],
    durationSeconds: 2,
    pairs: 1,
    warmupSeconds: 0,
    timeoutSeconds: 30,
  },
};

export function usage(scenarioNames: readonly string[]): string {
  return `Usage: npm run bench -- [options]

Measures Library SCIM's throughput over HTTP (autocannon in its own process) against the real
server process (node dist/cli/main.js serve; run npm run build first), beside a bare node:http
baseline in the same run, alternating baseline and server, on SQLite and PostgreSQL.

  --quick               CI size: 20,000 users, groups of 10 and 10,000, 2 s runs, one A B pair
  --db <sqlite|postgres> only this database (repeatable)
  --scenario <name>     only this scenario (repeatable): ${scenarioNames.join(', ')}
  --duration <seconds>  seconds of each run (default 10; quick 2)
  --users <n>           users to seed (default 1,000,000; quick 20,000)
  --cpu-prof            run the server under node --cpu-prof and print where the time goes
                        (defaults to --scenario get-user when no scenario is named)
  --postgres-url <url>  PostgreSQL to use (LIBRARY_BENCH_POSTGRES_URL, LIBRARY_TEST_POSTGRES_URL,
                        else ${DEFAULT_POSTGRES_URL});
                        each run makes its own schema and drops it at the end
  --keep                keep the run's temporary folder (server logs, databases, profiles)
  --help                this text

Results: bench/results/<date>-<mode>.json; a complete full run also rewrites the table in
docs/performance.md. Exits non-zero when the harness or the server fails (a crash, non-2xx
responses, timeouts, refused response bodies); never because of speed.
`;
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${flag} must be a positive whole number, not "${text}".`);
  return value;
}

export function parseOptions(argv: string[], scenarioNames: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      db: { type: 'string', multiple: true },
      scenario: { type: 'string', multiple: true },
      duration: { type: 'string' },
      users: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'postgres-url': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const mode: Mode = values.quick ? 'quick' : 'full';
  const preset = PRESETS[mode];
  const databases = (values.db ?? ['sqlite', 'postgres']).map((db) => {
    if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres, not "${db}".`);
    return db;
  });
  let scenarios = (values.scenario ?? []).flatMap((name) => name.split(',')).filter((name) => name !== '');
  for (const name of scenarios) {
    if (!scenarioNames.includes(name)) throw new Error(`No scenario "${name}"; known: ${scenarioNames.join(', ')}.`);
  }
  if (values['cpu-prof'] && scenarios.length === 0) scenarios = ['get-user'];
  const users = values.users === undefined ? preset.users : positiveInteger(values.users, '--users');
  return {
    mode,
    databases: [...new Set(databases)],
    scenarios,
    users,
    groupSizes: preset.groupSizes.filter((size) => size < users),
    durationSeconds:
      values.duration === undefined ? preset.durationSeconds : positiveInteger(values.duration, '--duration'),
    pairs: preset.pairs,
    warmupSeconds: preset.warmupSeconds,
    timeoutSeconds: preset.timeoutSeconds,
    cpuProfile: values['cpu-prof'],
    postgresUrl:
      values['postgres-url'] ??
      process.env['LIBRARY_BENCH_POSTGRES_URL'] ??
      process.env['LIBRARY_TEST_POSTGRES_URL'] ??
      DEFAULT_POSTGRES_URL,
    keep: values.keep,
    writesDocs:
      mode === 'full' &&
      values.db === undefined &&
      scenarios.length === 0 &&
      values.users === undefined &&
      values.duration === undefined &&
      !values['cpu-prof'],
  };
}
