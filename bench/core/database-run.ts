/**
 * Every chosen scenario on one database: seed it, create a token with the CLI, start the server
 * as `npm start` does (with its output in the run folder's log), measure, stop, clean up.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioContext } from './alternate.js';
import { prepareDatabase } from './databases.js';
import type { BenchOptions } from './options.js';
import { createToken, freePort, serverEnvironment, startLibraryServer, type RunningProcess } from './processes.js';
import type { DatabaseKind, ResultRow } from './types.js';
import { measuredGroups, memberPool, type SeedPlan } from '../seed.js';
import type { Scenario, SeededData } from '../scenarios/scenario.js';

export interface DatabaseResult {
  database: DatabaseKind;
  preparation: string;
  seedSeconds: number;
  firstStartMs: number;
  rows: ResultRow[];
  /** Harness or server failures that stopped the database's scenarios early. */
  errors: string[];
}

export interface DatabaseRunInput {
  kind: DatabaseKind;
  options: BenchOptions;
  scenarios: readonly Scenario[];
  folder: string;
  baseline: RunningProcess;
  /** Where `--cpu-prof` profiles go (undefined: no profiling). */
  profileDir: string | undefined;
  log: (line: string) => void;
  /** Registers a clean-up to run even when the bench is interrupted. */
  onCleanup: (cleanup: () => Promise<void>) => void;
}

function once(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= work());
}

export async function benchDatabase(input: DatabaseRunInput): Promise<DatabaseResult> {
  const { kind, options, log } = input;
  const plan: SeedPlan = { users: options.users, groupSizes: options.groupSizes };
  const folder = join(input.folder, kind);
  mkdirSync(folder, { recursive: true });
  log(`\n== ${kind}: ${plan.users.toLocaleString('en-US')} users, groups of ${plan.groupSizes.join(', ')} members`);
  const database = await prepareDatabase(kind, folder, plan, options.postgresUrl);
  const dropDatabase = once(() => database.cleanup());
  input.onCleanup(dropDatabase);
  log(`   ${database.description} in ${database.seedSeconds.toFixed(1)} s`);

  const port = await freePort();
  const env = serverEnvironment({
    ...database.settings,
    PORT: String(port),
    HOST: '127.0.0.1',
    SCIM_RATE_LIMIT_PER_SECOND: '0',
  });
  const logFile = join(folder, 'server.log');
  const start = (): Promise<RunningProcess> =>
    startLibraryServer({ env, port, logFile, cpuProfileDir: input.profileDir });
  let server: RunningProcess;
  let token: string;
  try {
    token = await createToken(env);
    server = await start();
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  input.onCleanup(async () => {
    await server.stop();
  });
  log(`   server pid ${server.pid} up in ${Math.round(server.startMs)} ms; log ${logFile}`);

  const data: SeededData = { users: plan.users, groups: measuredGroups(plan), memberPool: memberPool(plan) };
  const rows: ResultRow[] = [];
  const errors: string[] = [];
  const firstStartMs = server.startMs;
  try {
    for (const scenario of input.scenarios) {
      log(` - ${scenario.name}: ${scenario.summary}`);
      const ctx = scenarioContext(scenario, {
        database: kind,
        mode: options.mode,
        durationSeconds: options.durationSeconds,
        pairs: options.pairs,
        warmupSeconds: options.warmupSeconds,
        timeoutSeconds: options.timeoutSeconds,
        data,
        token,
        baseline: input.baseline,
        server: () => server,
        restartServer: async () => {
          await server.stop();
          server = await start();
          return server;
        },
        log,
      });
      try {
        rows.push(...(await scenario.measure(ctx)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors.push(`${scenario.name}: ${message}`);
        rows.push(ctx.row('error', scenario.name, {}, message));
        log(`  ERROR ${scenario.name}: ${message}`);
        if (server.unexpectedExit() !== undefined) break;
      }
    }
  } finally {
    const crash = server.unexpectedExit();
    const code = await server.stop();
    if (crash !== undefined) errors.push(`the server ${crash}`);
    else if (code !== 0) errors.push(`the server exited with code ${code} on SIGTERM`);
    await dropDatabase();
  }
  return {
    database: kind,
    preparation: database.description,
    seedSeconds: Math.round(database.seedSeconds * 10) / 10,
    firstStartMs: Math.round(firstStartMs),
    rows,
    errors,
  };
}
