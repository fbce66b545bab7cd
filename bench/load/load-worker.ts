/**
 * The load generator's own process: one per load run, started by `run-load.ts` with an IPC
 * channel. It receives a `LoadSpec`, builds the scenario's requests, runs autocannon, and sends
 * back a `RunResult`: requests a second, p50/p99, non-2xx and errors, and the check of the first
 * 2xx body of every request step (server only).
 */
import autocannon from 'autocannon';
import type { LoadSpec, RunResult, WorkerMessage } from '../core/types.js';
import { findScenario } from '../scenarios/index.js';

const FAILURE_BODY_CHARS = 500;

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) {
      process.stderr.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => resolve());
  });
}

/** The nearest-rank percentile of sorted milliseconds, to 0.01 ms. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
  return Math.round(value * 100) / 100;
}

async function runLoad(spec: LoadSpec): Promise<RunResult> {
  const scenario = findScenario(spec.scenario);
  if (scenario?.load === undefined) throw new Error(`Scenario ${spec.scenario} has no load plan.`);
  const plan = scenario.load(spec.params);
  const statusCodes: Record<string, number> = {};
  const checkFailures: string[] = [];
  const checked = new Set<number>();
  let firstFailure: RunResult['firstFailure'];

  const requests = plan.requests.map((request, step): autocannon.Request => ({
    ...request,
    onResponse: (status: number, body: string) => {
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status < 200 || status > 299) {
        firstFailure ??= { status, body: body.slice(0, FAILURE_BODY_CHARS) };
        return;
      }
      if (spec.target !== 'server' || plan.check === undefined || checked.has(step)) return;
      checked.add(step);
      const problem = plan.check(step, status, body);
      if (problem !== undefined) checkFailures.push(`request ${step + 1} of the cycle: ${problem}`);
    },
  }));

  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    timeout: spec.timeoutSeconds,
    headers: {
      authorization: `Bearer ${spec.token}`,
      accept: 'application/scim+json',
      'content-type': 'application/scim+json',
    },
    requests,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.durationSeconds }),
  };

  // autocannon's histogram keeps whole milliseconds; these are the exact response times.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
      else resolve(done);
    });
    instance.on('start', () => void send({ type: 'started' }));
    instance.on('response', (_client, _status, _bytes, milliseconds: number) => latencies.push(milliseconds));
  });

  const sorted = Float64Array.from(latencies).sort();
  const completed = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  const durationSeconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  if (plan.check !== undefined && spec.target === 'server' && checked.size === 0 && completed > 0) {
    checkFailures.push('no 2xx response to check');
  }
  return {
    target: spec.target,
    requests: completed,
    durationSeconds,
    // A fixed amount of sequential requests ends between autocannon's one-second ticks: its rate is
    // the connections over the mean response time.
    requestsPerSecond:
      spec.amount !== undefined
        ? (spec.connections * 1000 * latencies.length) /
          Math.max(
            1e-9,
            latencies.reduce((sum, ms) => sum + ms, 0),
          )
        : durationSeconds > 0
          ? completed / durationSeconds
          : 0,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: percentile(sorted, 1),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    checkFailures,
    ...(firstFailure !== undefined ? { firstFailure } : {}),
  };
}

process.once('message', (message: LoadSpec) => {
  runLoad(message)
    .then((result) => send({ type: 'done', result }))
    .catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => process.exit(0));
});
