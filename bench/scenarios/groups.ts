/**
 * Group scenarios: one member added and removed in groups of each seeded size, and the full GET
 * of the largest group with the server's extra peak RSS.
 */
import { readMemory, resetPeakRss } from '../core/processes.js';
import type { LoadParams, ResultRow } from '../core/types.js';
import { benchUserId, dynamic, expectGroup, patchOp, randomPoolUser, scim } from './requests.js';
import type { Scenario } from './scenario.js';

const MEMBER_WRITERS = 16;

function groupOf(params: LoadParams, size: number): LoadParams['groups'][number] {
  const group = params.groups.find((candidate) => candidate.size === size);
  if (group === undefined) throw new Error(`No seeded group has ${size} members.`);
  return group;
}

const largest = (params: { groups: LoadParams['groups'] }): number =>
  Math.max(...params.groups.map((group) => group.size));

export const memberChange: Scenario = {
  name: 'member-change',
  summary: 'PATCH one member in (op add) and out (members[value eq "…"] remove) of a group of each size',
  load: (params) => {
    const group = groupOf(params, Number(params.variant));
    return {
      requests: [
        dynamic((request, state) => {
          state.user = randomPoolUser(params);
          return {
            ...request,
            method: 'PATCH',
            path: scim(`/Groups/${group.id}`),
            body: patchOp([{ op: 'add', path: 'members', value: [{ value: benchUserId(state.user) }] }]),
          };
        }),
        dynamic((request, state) => ({
          ...request,
          method: 'PATCH',
          path: scim(`/Groups/${group.id}`),
          body: patchOp([{ op: 'remove', path: `members[value eq "${benchUserId(state.user ?? 0)}"]` }]),
        })),
      ],
      check: (_step, status, body) => (status === 204 ? undefined : expectGroup(body)),
    };
  },
  measure: async (ctx) => {
    const rows: ResultRow[] = [];
    for (const group of ctx.data.groups) {
      rows.push(
        await ctx.alternate({
          variant: String(group.size),
          title: `member add + remove, group of ${group.size.toLocaleString('en-US')}`,
          connections: MEMBER_WRITERS,
        }),
      );
    }
    return rows;
  },
};

export const groupFullGet: Scenario = {
  name: 'group-full-get',
  summary: 'GET /Groups/{id} of the largest group with all its members: time and extra peak RSS',
  load: (params) => {
    const group = groupOf(params, largest(params));
    return {
      requests: [{ method: 'GET', path: scim(`/Groups/${group.id}`) }],
      check: (_step, _status, body) => expectGroup(body, group.size),
    };
  },
  measure: async (ctx) => {
    const size = largest(ctx.data);
    let before = 0;
    const extra: number[] = [];
    const row = await ctx.alternate({
      variant: String(size),
      title: `full GET /Groups/{id}, ${size.toLocaleString('en-US')} members`,
      connections: 1,
      amount: ctx.mode === 'quick' ? 2 : 5,
      timeoutSeconds: 60,
      ratio: false,
      serverHooks: {
        before: () => {
          resetPeakRss(ctx.server().pid);
          before = readMemory(ctx.server().pid).rssMb;
        },
        after: () => extra.push(readMemory(ctx.server().pid).peakRssMb - before),
      },
    });
    if (row.server !== undefined) row.facts['ms per GET'] = Math.round(row.server.p50Ms);
    row.facts['extra peak RSS MB'] = Math.max(0, Math.round(Math.max(...extra)));
    row.facts['RSS before MB'] = Math.round(before);
    return [row];
  },
};
