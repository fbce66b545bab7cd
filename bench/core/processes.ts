/**
 * The processes under test: the Library SCIM server exactly as `npm start` runs it
 * (`node dist/cli/main.js serve`, after a build) and the bare `node:http` baseline; the CLI for
 * tokens and migrations; and what `/proc` tells about a process's memory.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const BASELINE = fileURLToPath(new URL('../baseline-server.ts', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export interface RunningProcess {
  readonly pid: number;
  readonly origin: string;
  readonly logFile: string;
  /** Milliseconds from spawn to the first `/healthz` 200. */
  readonly startMs: number;
  /** Why the process ended on its own (a crash), while the bench still needed it. */
  unexpectedExit(): string | undefined;
  /** SIGTERM, then SIGKILL after 30 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The server's environment: only what it needs, so that no setting of the shell that runs the
 * bench (LOG_LEVEL, a rate limit, ...) leaks into the measurement.
 */
export function serverEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
  if (process.env['HOME'] !== undefined) env['HOME'] = process.env['HOME'];
  return { ...env, ...settings };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function tailOf(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHealthz(origin: string, child: ChildProcess, logFile: string, started: number): Promise<number> {
  while (performance.now() - started < START_TIMEOUT_MS) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The process exited (${child.signalCode ?? child.exitCode}) before /healthz answered:\n${tailOf(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`/healthz did not answer 200 within ${START_TIMEOUT_MS / 1000} s:\n${tailOf(logFile)}`);
}

async function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  logFile: string,
): Promise<RunningProcess> {
  const log = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', log, log] });
  closeSync(log);
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = `http://127.0.0.1:${port}`;
  const startMs = await waitForHealthz(origin, child, logFile, started);
  const pid = child.pid;
  if (pid === undefined) throw new Error('The process has no pid.');
  return {
    pid,
    origin,
    logFile,
    startMs,
    unexpectedExit: () =>
      !stopping && (child.exitCode !== null || child.signalCode !== null)
        ? `exited with ${child.signalCode ?? `code ${child.exitCode}`}; log tail:\n${tailOf(logFile)}`
        : undefined,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface ServerOptions {
  env: NodeJS.ProcessEnv;
  port: number;
  logFile: string;
  /** Profile the server with `node --cpu-prof` into this folder. */
  cpuProfileDir?: string | undefined;
}

export function startLibraryServer(options: ServerOptions): Promise<RunningProcess> {
  const profile = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`];
  return startProcess([...profile, CLI, 'serve'], options.env, options.port, options.logFile);
}

export function startBaseline(port: number, logFile: string): Promise<RunningProcess> {
  return startProcess(['--import', 'tsx', BASELINE], serverEnvironment({ PORT: String(port) }), port, logFile);
}

/** Runs the CLI against the same database as the server; resolves with its stdout. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`library-scim ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** A bearer token made by `library-scim token create` (the secret is its last line). */
export async function createToken(env: NodeJS.ProcessEnv): Promise<string> {
  const lines = (await runCli(['token', 'create', '--name', 'bench'], env)).trim().split('\n');
  const token = lines.at(-1)?.trim() ?? '';
  if (token === '' || /\s/.test(token)) throw new Error('token create printed no token on its last line.');
  return token;
}

export interface Memory {
  rssMb: number;
  peakRssMb: number;
}

/** VmRSS and VmHWM (the peak since start or the last reset) of a process, in MB. */
export function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (match?.[1] === undefined) throw new Error(`/proc/${pid}/status has no ${field}.`);
    return Number(match[1]);
  };
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** Resets VmHWM to the current RSS (`echo 5 > /proc/<pid>/clear_refs`). */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
