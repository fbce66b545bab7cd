/**
 * The shapes that the bench's parts exchange: what a scenario asks the load generator for, what
 * one load run measured, and the rows that end up in the JSON result and the Markdown table.
 */
import type autocannon from 'autocannon';

export type DatabaseKind = 'sqlite' | 'postgres';
export type Mode = 'full' | 'quick';
export type Target = 'baseline' | 'server';

/** What every load plan may rely on: the seeded data, as plain JSON (it crosses a process). */
export interface LoadParams {
  users: number;
  groups: { size: number; id: string; displayName: string }[];
  /** Users in no seeded group: member changes draw from [from, to). */
  memberPool: { from: number; to: number };
  /** Unique per load run, for userNames that must not collide across runs. */
  runId: string;
  /** The scenario's own variant key (writers in flight, group size, ...). */
  variant: string;
}

/**
 * The requests of one load run. autocannon cycles through `requests` on every connection; a
 * request's `setupRequest` may keep per-cycle state in the connection's `context`.
 */
export interface LoadPlan {
  requests: autocannon.Request[];
  /**
   * Checks the body of a 2xx response to request `step` of the cycle (server only; the
   * baseline answers everything with the same user). Returns what is wrong, or undefined.
   */
  check?: (step: number, status: number, body: string) => string | undefined;
}

/** Asked of the load worker process. */
export interface LoadSpec {
  scenario: string;
  target: Target;
  url: string;
  token: string;
  connections: number;
  /** Seconds to run; ignored when `amount` is set. */
  durationSeconds: number;
  /** A fixed number of requests instead of a duration. */
  amount?: number;
  /** autocannon's per-request timeout, seconds. */
  timeoutSeconds: number;
  params: LoadParams;
}

/** What one load run measured. */
export interface RunResult {
  target: Target;
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Problems found in sampled response bodies (the first 2xx of each step, server only). */
  checkFailures: string[];
  /** The first non-2xx response, to say why a run failed. */
  firstFailure?: { status: number; body: string };
}

/** Messages from the worker. */
export type WorkerMessage =
  { type: 'started' } | { type: 'done'; result: RunResult } | { type: 'error'; message: string };

export interface TargetSummary {
  runs: RunResult[];
  /** Mean of the runs. */
  requestsPerSecond: number;
  /** Mean of the runs. */
  p50Ms: number;
  /** Worst of the runs. */
  p99Ms: number;
  /** (max - min) / mean of the runs' requests a second; 0 for a single run. */
  spread: number;
}

/** One line of the result: a scenario variant on one database. */
export interface ResultRow {
  scenario: string;
  variant: string;
  title: string;
  database: DatabaseKind;
  /** Requests in flight (autocannon connections). */
  inFlight: number;
  status: 'ok' | 'failed';
  failure?: string;
  baseline?: TargetSummary;
  server?: TargetSummary;
  /** server / baseline requests a second. */
  ratio?: number;
  /** Scenario-specific figures (RSS, cold start times, ...), shown in the notes column. */
  facts: Record<string, number | string>;
  /** 1-minute load average when the scenario started (the machine is shared). */
  loadAverageAtStart: number;
  startedAt: string;
  seconds: number;
}
