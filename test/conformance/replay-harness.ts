/**
 * Replays recorded client exchanges (fixtures) against a running Library SCIM server.
 * Modelled on elimity-com/scim `internal/idp_test`: one JSON file per exchange, one loop.
 *
 * `loadFixtures(root)` finds and validates every `*.json` under `okta/`, `entra/` and `other/`;
 * `replayFixture(loaded, server)` runs its steps in order and throws a `ReplayFailure` that shows
 * the step, the request, the response and every mismatch as soon as one step fails.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  parseFixture,
  type AuthMode,
  type Fixture,
  type FixtureStep,
  type JsonValue,
  type SeedSpec,
  type VariableCheck,
} from './fixture-format.js';
import { buildRequest, checkResponse, formatExchange, send, type ExchangeOutcome } from './replay-exchange.js';
import { readPath, type Variables } from './template-variables.js';

/** The part of `test/support/test-server.ts`'s TestServer that a replay needs. */
export interface ReplayServer {
  origin: string;
  scimBase: string;
  token: string;
  createToken(options?: { name?: string; expiresInSeconds?: number }): Promise<{ id: string; token: string }>;
  revokeToken(id: string): Promise<void>;
}

export const FIXTURE_FOLDERS = ['okta', 'entra', 'other'] as const;

export interface LoadedFixture {
  /** `okta/aiw-deactivate-put.json`: the test name. */
  name: string;
  folder: (typeof FIXTURE_FOLDERS)[number];
  fixture: Fixture;
}

export interface ReplayReport {
  steps: number;
  requests: number;
}

export class ReplayFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayFailure';
  }
}

const FOLDER_CLIENTS: Record<LoadedFixture['folder'], readonly string[]> = {
  okta: ['okta'],
  entra: ['entra'],
  other: ['onelogin', 'keycloak', 'rfc'],
};

function jsonFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return entry.endsWith('.json') ? [path] : [];
    });
}

/** Every fixture under `root`'s client folders, validated, sorted by name. */
export function loadFixtures(root: string): LoadedFixture[] {
  return FIXTURE_FOLDERS.flatMap((folder) =>
    jsonFiles(join(root, folder)).map((path) => {
      const name = relative(root, path).split('\\').join('/');
      let document: unknown;
      try {
        document = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(`${name}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      const fixture = parseFixture(name, document);
      if (!FOLDER_CLIENTS[folder].includes(fixture.client)) {
        throw new Error(
          `${name}: client "${fixture.client}" does not belong in ${folder}/ (expected ${FOLDER_CLIENTS[folder].join(' or ')})`,
        );
      }
      return { name, folder, fixture };
    }),
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Per-replay state: variables and the extra tokens that auth modes need, created on first use. */
class ReplayRun {
  readonly vars: Variables = new Map<string, JsonValue>();
  private readonly tokens = new Map<AuthMode, string>();
  requests = 0;

  constructor(
    readonly loaded: LoadedFixture,
    readonly server: ReplayServer,
  ) {
    this.vars.set('token', server.token);
    this.vars.set('origin', server.origin);
    this.vars.set('scimBase', server.scimBase);
  }

  async bearerFor(mode: AuthMode): Promise<string | undefined> {
    if (mode === 'none') return undefined;
    if (mode === 'token') return this.server.token;
    const known = this.tokens.get(mode);
    if (known !== undefined) return known;
    let secret: string;
    if (mode === 'wrong') {
      secret = `lsc_${randomBytes(32).toString('base64url')}`;
    } else if (mode === 'revoked') {
      const created = await this.server.createToken({ name: 'conformance: revoked token' });
      await this.server.revokeToken(created.id);
      secret = created.token;
    } else {
      const created = await this.server.createToken({ name: 'conformance: expiring token', expiresInSeconds: 1 });
      await sleep(1_200);
      secret = created.token;
    }
    this.tokens.set(mode, secret);
    this.vars.set(`${mode}Token`, secret);
    return secret;
  }

  fail(
    index: number,
    step: FixtureStep,
    problem: string,
    exchange?: Pick<ExchangeOutcome, 'sent'> & Partial<ExchangeOutcome>,
  ): never {
    const { fixture, name } = this.loaded;
    const lines = [
      `${name}: ${fixture.description}`,
      `step ${index + 1}/${fixture.steps.length} "${step.name}"${step.setup ? ' (setup, not client traffic)' : ''} failed:`,
      problem,
    ];
    if (exchange) lines.push(formatExchange(exchange.sent, exchange.received));
    lines.push(`source: ${[fixture.source].flat().join('; ')}`);
    throw new ReplayFailure(lines.join('\n'));
  }

  async exchange(step: FixtureStep, vars: Variables): Promise<ExchangeOutcome> {
    const request = step.request;
    const response = step.response;
    if (!request || !response) throw new Error('exchange() needs a request step');
    const bearer = await this.bearerFor(step.auth ?? 'token');
    const { sent, init } = buildRequest(
      this.server.scimBase,
      request,
      this.loaded.fixture.defaults?.headers,
      bearer,
      vars,
    );
    this.requests += 1;
    const received = await send(sent.url, init);
    const mismatches = checkResponse(response, received, vars, step.capture);
    return { sent, received, mismatches };
  }
}

function formatMismatches(outcome: ExchangeOutcome): string {
  return outcome.mismatches.map((m) => `  - ${m.path}: ${m.message}`).join('\n');
}

function appendTo(vars: Variables, name: string, value: JsonValue): void {
  const list = vars.get(name) ?? [];
  if (!Array.isArray(list)) throw new Error(`{{${name}}} is not a list variable`);
  vars.set(name, [...list, ...(Array.isArray(value) ? value : [value])]);
}

function collectInto(vars: Variables, collect: Record<string, string> | undefined, outcome: ExchangeOutcome): string[] {
  const problems: string[] = [];
  for (const [name, path] of Object.entries(collect ?? {})) {
    const value = readPath(outcome.received, path);
    if (value === undefined) problems.push(`  - ${path}: nothing to collect into {{${name}}}`);
    else appendTo(vars, name, value);
  }
  return problems;
}

async function runSeed(run: ReplayRun, index: number, step: FixtureStep, seed: SeedSpec): Promise<void> {
  const results = new Array<ExchangeOutcome | undefined>(seed.count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < seed.count) {
      const i = next;
      next += 1;
      const vars: Variables = new Map(run.vars);
      vars.set('n', i + 1);
      let outcome: ExchangeOutcome;
      try {
        outcome = await run.exchange({ name: step.name, request: seed.request, response: seed.response }, vars);
      } catch (error) {
        run.fail(index, step, `seed item ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
      }
      results[i] = outcome;
      if (outcome.mismatches.length > 0) return;
    }
  };
  await Promise.all(Array.from({ length: Math.min(seed.concurrency ?? 8, seed.count) }, worker));
  for (const [i, outcome] of results.entries()) {
    if (!outcome) continue;
    if (outcome.mismatches.length > 0) {
      run.fail(index, step, `seed item ${i + 1} of ${seed.count}:\n${formatMismatches(outcome)}`, outcome);
    }
    const problems = collectInto(run.vars, seed.collect, outcome);
    if (problems.length > 0) run.fail(index, step, `seed item ${i + 1}:\n${problems.join('\n')}`, outcome);
  }
}

function runCheck(run: ReplayRun, index: number, step: FixtureStep, check: VariableCheck): void {
  const value = run.vars.get(check.var);
  if (!Array.isArray(value)) run.fail(index, step, `  - {{${check.var}}} is not a list (got ${JSON.stringify(value)})`);
  const keys = value.map((item) => JSON.stringify(item));
  const problems: string[] = [];
  if (check.length !== undefined && value.length !== check.length) {
    problems.push(`  - {{${check.var}}} has ${value.length} element(s), expected ${check.length}`);
  }
  if (check.distinct) {
    const seen = new Set<string>();
    const repeated = keys.filter((key) => (seen.has(key) ? true : (seen.add(key), false)));
    if (repeated.length > 0)
      problems.push(
        `  - {{${check.var}}} repeats ${repeated.length} value(s), e.g. ${repeated.slice(0, 3).join(', ')}`,
      );
  }
  if (check.sameMembersAs !== undefined) {
    const other = run.vars.get(check.sameMembersAs);
    const otherKeys = Array.isArray(other) ? other.map((item) => JSON.stringify(item)).sort() : [];
    const mine = [...keys].sort();
    if (mine.length !== otherKeys.length || mine.some((key, i) => key !== otherKeys[i])) {
      const missing = otherKeys.filter((key) => !mine.includes(key));
      problems.push(
        `  - {{${check.var}}} and {{${check.sameMembersAs}}} differ; missing ${missing.length}, e.g. ${missing.slice(0, 3).join(', ')}`,
      );
    }
  }
  if (problems.length > 0) run.fail(index, step, problems.join('\n'));
}

/** Replay one fixture, step by step, against `server` (a fresh server per fixture). */
export async function replayFixture(loaded: LoadedFixture, server: ReplayServer): Promise<ReplayReport> {
  const run: ReplayRun = new ReplayRun(loaded, server);
  const { steps } = loaded.fixture;
  for (const [index, step] of steps.entries()) {
    if (step.seed) {
      await runSeed(run, index, step, step.seed);
      continue;
    }
    if (step.check) {
      runCheck(run, index, step, step.check);
      continue;
    }
    let outcome: ExchangeOutcome;
    try {
      outcome = await run.exchange(step, run.vars);
    } catch (error) {
      if (error instanceof ReplayFailure) throw error;
      run.fail(index, step, `  - ${error instanceof Error ? error.message : String(error)}`);
    }
    if (outcome.mismatches.length > 0) run.fail(index, step, formatMismatches(outcome), outcome);
    const problems = collectInto(run.vars, step.collect, outcome);
    if (problems.length > 0) run.fail(index, step, problems.join('\n'), outcome);
  }
  return { steps: steps.length, requests: run.requests };
}
