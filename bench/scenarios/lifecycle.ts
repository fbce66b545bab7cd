/**
 * The server over time: a long mixed load (RSS at the start, after one minute and at the end) and
 * the cold start of the process to its first `/healthz` 200 on the seeded directory.
 */
import { readMemory } from '../core/processes.js';
import type { LoadParams, LoadPlan } from '../core/types.js';
import { memberChange } from './groups.js';
import { getUser, filterUserName } from './reads.js';
import { benchUserId, expectUser, scim } from './requests.js';
import type { Scenario } from './scenario.js';
import { oktaPush, patchActive, postUser } from './writes.js';

const MIXED_CONNECTIONS = 32;
const MIXED_SECONDS = { full: 300, quick: 6 };
const COLD_STARTS = { full: 3, quick: 1 };
const SETTLE_MS = 1000;

/** Another scenario's plan, `times` times over. */
function part(scenario: Scenario, params: LoadParams, times = 1): LoadPlan[] {
  if (scenario.load === undefined) throw new Error(`${scenario.name} has no load plan.`);
  const load = scenario.load;
  return Array.from({ length: times }, () => load(params));
}

/** One cycle: 8 reads, a deactivation and back, a create, a member change, an Okta push. */
function mixedPlan(params: LoadParams): LoadPlan {
  const smallest = Math.min(...params.groups.map((group) => group.size));
  const parts = [
    ...part(getUser, params, 3),
    ...part(filterUserName, params),
    ...part(patchActive, params),
    ...part(getUser, params, 3),
    ...part(postUser, params),
    ...part(filterUserName, params),
    ...part(memberChange, { ...params, variant: String(smallest) }),
    ...part(oktaPush, params),
  ];
  const owners: { plan: LoadPlan; step: number }[] = parts.flatMap((plan) =>
    plan.requests.map((_, step) => ({ plan, step })),
  );
  return {
    requests: parts.flatMap((plan) => plan.requests),
    check: (step, status, body) => {
      const owner = owners[step];
      return owner?.plan.check?.(owner.step, status, body);
    },
  };
}

export const mixedLoad: Scenario = {
  name: 'mixed-load',
  summary: 'Five minutes of reads and writes together (32 connections): RSS at the start, minute 1 and minute 5',
  load: mixedPlan,
  measure: async (ctx) => {
    const seconds = MIXED_SECONDS[ctx.mode];
    const minuteOne = ctx.mode === 'full' ? 60 : seconds * 0.2;
    const samples: Record<string, number> = {};
    const timers: NodeJS.Timeout[] = [];
    const sample = (label: string) => () => {
      samples[label] = Math.round(readMemory(ctx.server().pid).rssMb);
    };
    const row = await ctx.alternate({
      variant: `${seconds}s`,
      title: `mixed load, ${seconds >= 60 ? `${seconds / 60} min` : `${seconds} s`}`,
      connections: MIXED_CONNECTIONS,
      serverDurationSeconds: seconds,
      pairs: 1,
      serverHooks: {
        before: sample('RSS start MB'),
        started: () => {
          timers.push(setTimeout(sample('RSS minute 1 MB'), minuteOne * 1000));
          timers.push(setTimeout(sample('RSS end MB'), (seconds - 0.5) * 1000));
        },
        after: () => timers.forEach((timer) => clearTimeout(timer)),
      },
    });
    Object.assign(row.facts, samples);
    const first = samples['RSS minute 1 MB'];
    const last = samples['RSS end MB'];
    if (first !== undefined && last !== undefined && first > 0) {
      row.facts['RSS growth minute 1 → end %'] = Math.round(((last - first) / first) * 1000) / 10;
    }
    return [row];
  },
};

export const coldStart: Scenario = {
  name: 'cold-start',
  summary: 'Stop the server and start it again: milliseconds from spawn to the first /healthz 200',
  measure: async (ctx) => {
    const times: number[] = [];
    const firstRequest: number[] = [];
    for (let attempt = 0; attempt < COLD_STARTS[ctx.mode]; attempt += 1) {
      const server = await ctx.restartServer();
      times.push(Math.round(server.startMs));
      const started = performance.now();
      const response = await fetch(`${server.origin}${scim(`/Users/${benchUserId(ctx.data.users - 1)}`)}`, {
        headers: { authorization: `Bearer ${ctx.token}` },
      });
      const body = await response.text();
      firstRequest.push(Math.round(performance.now() - started));
      const problem = response.status === 200 ? expectUser(body) : `GET /Users/{id} → ${response.status}`;
      if (problem !== undefined) return [ctx.row('healthz', 'cold start', {}, `first request: ${problem}`)];
      // /healthz answers before `serve` has installed its SIGTERM handler; let it finish starting.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    return [
      ctx.row('healthz', `cold start to /healthz 200, ${ctx.data.users.toLocaleString('en-US')} users`, {
        'cold start ms': median,
        'runs ms': times.join(', '),
        'first GET /Users/{id} ms': firstRequest.join(', '),
      }),
    ];
  },
};
