/**
 * Every scenario, in the order a run measures them: reads first, then writes (which add rows),
 * the long mixed load, and the cold start last (it restarts the server). To add one, write a
 * `Scenario` (see scenario.ts) and list it here; docs/performance.md says more.
 */
import { groupFullGet, memberChange } from './groups.js';
import { coldStart, mixedLoad } from './lifecycle.js';
import { filterUserName, filterWorkEmail, getUser, listGroups } from './reads.js';
import type { Scenario } from './scenario.js';
import { oktaPush, patchActive, postUser } from './writes.js';

export const SCENARIOS: readonly Scenario[] = [
  getUser,
  filterUserName,
  filterWorkEmail,
  listGroups,
  groupFullGet,
  postUser,
  patchActive,
  oktaPush,
  memberChange,
  mixedLoad,
  coldStart,
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
