/**
 * The context a scenario measures in, and its heart: `alternate`, which runs the same load against
 * the baseline and the server in turn (A B A B), each run in a load worker process of its own,
 * and turns the runs into one row. A row fails, rather than averaging, when any run saw a non-2xx
 * response, a connection error or timeout, or a response body that the scenario's check refuses.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { RunningProcess } from './processes.js';
import type { DatabaseKind, LoadParams, LoadSpec, Mode, ResultRow, RunResult, TargetSummary } from './types.js';
import { runLoad } from '../load/run-load.js';
import { probeCycle } from './probe.js';
import type { AlternateSpec, Scenario, ScenarioContext, SeededData } from '../scenarios/scenario.js';

const IDLE_BUDGET_MS = 180_000;

export interface ContextSettings {
  database: DatabaseKind;
  mode: Mode;
  durationSeconds: number;
  /** A B pairs per row. */
  pairs: number;
  /** autocannon's per-request timeout unless the scenario says otherwise. */
  timeoutSeconds: number;
  /** Seconds of an unrecorded run against each target before the recorded ones (0: none). */
  warmupSeconds: number;
  data: SeededData;
  token: string;
  baseline: RunningProcess;
  server: () => RunningProcess;
  restartServer: () => Promise<RunningProcess>;
  log: (line: string) => void;
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

export function summarize(runs: RunResult[]): TargetSummary {
  const rates = runs.map((run) => run.requestsPerSecond);
  const average = mean(rates);
  return {
    runs,
    requestsPerSecond: average,
    p50Ms: mean(runs.map((run) => run.p50Ms)),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    spread: runs.length > 1 && average > 0 ? (Math.max(...rates) - Math.min(...rates)) / average : 0,
  };
}

/** Why a run does not count, or undefined. */
export function runFailure(run: RunResult): string | undefined {
  const problems: string[] = [];
  if (run.non2xx > 0) {
    const codes = Object.entries(run.statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, count]) => `${code} ×${count}`)
      .join(', ');
    const first = run.firstFailure === undefined ? '' : `; first: ${run.firstFailure.body.slice(0, 200)}`;
    problems.push(`${run.non2xx} non-2xx (${codes})${first}`);
  }
  if (run.timeouts > 0) problems.push(`${run.timeouts} timeouts`);
  if (run.errors > run.timeouts) problems.push(`${run.errors - run.timeouts} connection errors`);
  problems.push(...run.checkFailures);
  if (run.requests === 0) problems.push('no response at all');
  return problems.length === 0 ? undefined : `${run.target}: ${problems.join('; ')}`;
}

const format = (run: RunResult): string =>
  `${Math.round(run.requestsPerSecond).toLocaleString('en-US')} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms` +
  (run.non2xx + run.errors > 0 ? `, ${run.non2xx} non-2xx, ${run.errors} errors` : '');

/** Waits until the server answers `/healthz` quickly again (a slow scenario can leave a queue). */
async function waitForIdle(server: RunningProcess): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < IDLE_BUDGET_MS) {
    const before = performance.now();
    try {
      await (await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(30_000) })).arrayBuffer();
      if (performance.now() - before < 100) return (performance.now() - started) / 1000;
    } catch {
      // busy or gone; the next scenario will say which
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return (performance.now() - started) / 1000;
}

export function scenarioContext(scenario: Scenario, settings: ContextSettings): ScenarioContext {
  const newRow = (variant: string, title: string, inFlight: number): ResultRow => ({
    scenario: scenario.name,
    variant,
    title,
    database: settings.database,
    inFlight,
    status: 'ok',
    facts: {},
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    startedAt: new Date().toISOString(),
    seconds: 0,
  });

  const params = (variant: string): LoadParams => ({
    users: settings.data.users,
    groups: settings.data.groups,
    memberPool: settings.data.memberPool,
    runId: randomBytes(4).toString('hex'),
    variant,
  });

  async function alternate(spec: AlternateSpec): Promise<ResultRow> {
    const started = performance.now();
    const row = newRow(spec.variant, spec.title, spec.connections);
    const timeoutSeconds = spec.timeoutSeconds ?? settings.timeoutSeconds;
    const finish = (failure?: string): ResultRow => {
      if (failure !== undefined) {
        row.status = 'failed';
        row.failure = failure;
        settings.log(`  FAILED ${scenario.name} ${spec.variant}: ${failure}`);
      }
      row.seconds = Math.round((performance.now() - started) / 100) / 10;
      return row;
    };
    if (scenario.load === undefined) return finish('the scenario has no load plan');

    // The first cycle proves the requests valid; the second, warm, says what one request costs.
    let probe = await probeCycle(scenario.load(params(spec.variant)), settings.server().origin, settings.token);
    if (probe.failure === undefined) {
      const warm = await probeCycle(scenario.load(params(spec.variant)), settings.server().origin, settings.token);
      probe = warm.failure === undefined ? { msPerRequest: Math.min(probe.msPerRequest, warm.msPerRequest) } : warm;
    }
    row.facts['one request ms'] = Math.round(probe.msPerRequest * 10) / 10;
    if (probe.failure !== undefined) return finish(`sample request: ${probe.failure}`);
    // Even spread over every core, the requests in flight would wait past the timeout.
    if ((probe.msPerRequest * spec.connections) / cpus().length > timeoutSeconds * 1000) {
      return finish(
        `one request takes ${Math.round(probe.msPerRequest)} ms, so ${spec.connections} in flight on ${cpus().length} cores would wait past the ${timeoutSeconds} s timeout; not loaded`,
      );
    }

    const spec0 = (target: 'baseline' | 'server', durationSeconds: number): LoadSpec => ({
      scenario: scenario.name,
      target,
      url: target === 'baseline' ? settings.baseline.origin : settings.server().origin,
      token: settings.token,
      connections: spec.connections,
      durationSeconds,
      ...(spec.amount !== undefined ? { amount: spec.amount } : {}),
      timeoutSeconds,
      params: params(spec.variant),
    });
    const baseSeconds = spec.durationSeconds ?? settings.durationSeconds;
    if (settings.warmupSeconds > 0 && spec.amount === undefined) {
      await runLoad(spec0('baseline', settings.warmupSeconds));
      await runLoad(spec0('server', settings.warmupSeconds));
    }
    const baselineRuns: RunResult[] = [];
    const serverRuns: RunResult[] = [];
    for (let pair = 0; pair < (spec.pairs ?? settings.pairs); pair += 1) {
      const baselineRun = await runLoad(spec0('baseline', baseSeconds));
      baselineRuns.push(baselineRun);
      settings.log(`  ${scenario.name} ${spec.variant} baseline: ${format(baselineRun)}`);
      spec.serverHooks?.before?.();
      const serverRun = await runLoad(
        spec0('server', spec.serverDurationSeconds ?? baseSeconds),
        spec.serverHooks?.started !== undefined ? { onStart: spec.serverHooks.started } : {},
      );
      spec.serverHooks?.after?.(serverRun);
      serverRuns.push(serverRun);
      settings.log(`  ${scenario.name} ${spec.variant} server:   ${format(serverRun)}`);
      const crash = settings.server().unexpectedExit();
      if (crash !== undefined) throw new Error(`The server crashed during ${scenario.name}: ${crash}`);
    }
    row.baseline = summarize(baselineRuns);
    row.server = summarize(serverRuns);
    if (spec.ratio !== false) {
      row.ratio =
        row.baseline.requestsPerSecond > 0 ? row.server.requestsPerSecond / row.baseline.requestsPerSecond : 0;
    }
    const drain = await waitForIdle(settings.server());
    if (drain > 1) row.facts['busy after the load s'] = Math.round(drain);
    const failures = [...baselineRuns, ...serverRuns].map(runFailure).filter((text) => text !== undefined);
    return finish(failures.length > 0 ? failures.join(' | ') : undefined);
  }

  return {
    database: settings.database,
    mode: settings.mode,
    durationSeconds: settings.durationSeconds,
    data: settings.data,
    token: settings.token,
    server: settings.server,
    restartServer: settings.restartServer,
    alternate,
    row: (variant, title, facts, failure) => {
      const row = newRow(variant, title, 0);
      row.facts = facts;
      if (failure !== undefined) {
        row.status = 'failed';
        row.failure = failure;
      }
      return row;
    },
    log: settings.log,
  };
}
