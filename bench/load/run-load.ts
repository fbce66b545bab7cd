/**
 * Runs one load in a child process of its own (`load-worker.ts`), so that the load generator never
 * shares an event loop with the harness, and kills it if it outlives its budget.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadSpec, RunResult, WorkerMessage } from '../core/types.js';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
/** Time to start the worker, and for autocannon to give up on requests still in flight. */
const GRACE_SECONDS = 60;

export interface RunLoadOptions {
  /** Called when autocannon has connected and started sending. */
  onStart?: () => void;
}

export function runLoad(spec: LoadSpec, options: RunLoadOptions = {}): Promise<RunResult> {
  const budgetSeconds =
    (spec.amount !== undefined ? spec.amount * spec.timeoutSeconds : spec.durationSeconds) + GRACE_SECONDS;
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    const finish = (error: Error | undefined, result?: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) {
        if (child.exitCode === null) child.kill('SIGKILL');
        reject(error);
      } else if (result !== undefined) resolve(result);
    };
    const timer = setTimeout(
      () => finish(new Error(`The load generator for ${spec.scenario} did not finish within ${budgetSeconds} s.`)),
      budgetSeconds * 1000,
    );
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'started') options.onStart?.();
      else if (message.type === 'done') finish(undefined, message.result);
      else finish(new Error(`The load generator failed: ${message.message}`));
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => {
      finish(new Error(`The load generator exited (${signal ?? `code ${code}`}) without a result.`));
    });
    child.send(spec);
  });
}
