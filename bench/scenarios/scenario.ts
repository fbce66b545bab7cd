/**
 * What a scenario is. A scenario is one module in this folder, listed in `index.ts`:
 * - `load(params)` builds the autocannon requests of one run; it runs inside the load worker
 *   process, so it must depend only on its params (plain JSON) and this folder's helpers;
 * - `measure(ctx)` runs in the harness and returns the rows of the result, usually through
 *   `ctx.alternate(...)`, which runs the load against the baseline and the server in turn
 *   (A B A B) and checks the responses.
 */
import type { DatabaseKind, LoadParams, LoadPlan, Mode, ResultRow, RunResult } from '../core/types.js';
import type { RunningProcess } from '../core/processes.js';

export interface ServerRunHooks {
  /** Just before each load run against the server. */
  before?: () => void;
  /** When autocannon has started sending to the server. */
  started?: () => void;
  /** Right after each load run against the server. */
  after?: (result: RunResult) => void;
}

export interface AlternateSpec {
  /** Variant key, passed to `load` as `params.variant` (e.g. writers in flight, group size). */
  variant: string;
  /** The table's label, e.g. `POST /Users`. */
  title: string;
  /** Requests in flight (autocannon connections). */
  connections: number;
  /** Seconds of each run; the context's default when omitted. */
  durationSeconds?: number;
  /** Seconds of each server run, when longer than the baseline's (the mixed load). */
  serverDurationSeconds?: number;
  /** A fixed number of requests per run instead of a duration. */
  amount?: number;
  /** autocannon's per-request timeout; 10 s when omitted. */
  timeoutSeconds?: number;
  /** A B pairs; the context's default (2 in full mode, 1 in quick mode) when omitted. */
  pairs?: number;
  serverHooks?: ServerRunHooks;
  /** False when the baseline's fixed 600 bytes are no yardstick (a 10 MB group): no ratio. */
  ratio?: boolean;
}

export interface SeededData {
  users: number;
  groups: LoadParams['groups'];
  memberPool: LoadParams['memberPool'];
}

export interface ScenarioContext {
  readonly database: DatabaseKind;
  readonly mode: Mode;
  /** Seconds of an ordinary run. */
  readonly durationSeconds: number;
  readonly data: SeededData;
  /** The bench's bearer token. */
  readonly token: string;
  /** The server process now running. */
  server(): RunningProcess;
  /** Stops the server and starts it again on the same database (cold start). */
  restartServer(): Promise<RunningProcess>;
  /** Runs the scenario's load against the baseline and the server in turn; one result row. */
  alternate(spec: AlternateSpec): Promise<ResultRow>;
  /** A row for figures that are not a load run (cold start). */
  row(variant: string, title: string, facts: ResultRow['facts'], failure?: string): ResultRow;
  log(line: string): void;
}

export interface Scenario {
  /** The `--scenario` name. */
  name: string;
  /** One line for `--help` and the docs. */
  summary: string;
  load?: (params: LoadParams) => LoadPlan;
  measure(ctx: ScenarioContext): Promise<ResultRow[]>;
}
