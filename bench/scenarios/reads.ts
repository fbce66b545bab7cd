/**
 * Read scenarios: 32 connections, each request a random user of the whole directory.
 */
import type { LoadParams, LoadPlan } from '../core/types.js';
import {
  benchUserId,
  benchUserName,
  benchWorkEmail,
  dynamic,
  expectList,
  expectUser,
  randomBelow,
  randomUser,
  scim,
} from './requests.js';
import type { Scenario } from './scenario.js';

const READ_CONNECTIONS = 32;

function readScenario(name: string, summary: string, title: string, load: (params: LoadParams) => LoadPlan): Scenario {
  return {
    name,
    summary,
    load,
    measure: async (ctx) => [await ctx.alternate({ variant: 'random', title, connections: READ_CONNECTIONS })],
  };
}

const filterPath = (filter: string): string => scim(`/Users?filter=${encodeURIComponent(filter)}`);

export const getUser = readScenario(
  'get-user',
  'GET /Users/{id} of random users across the directory',
  'GET /Users/{id}',
  (params) => ({
    requests: [
      dynamic((request) => ({ ...request, method: 'GET', path: scim(`/Users/${benchUserId(randomUser(params))}`) })),
    ],
    check: (_step, _status, body) => expectUser(body),
  }),
);

export const filterUserName = readScenario(
  'filter-username',
  'GET /Users?filter=userName eq "…" (Okta’s look-up before a create), random users',
  'filter `userName eq`',
  (params) => ({
    requests: [
      dynamic((request) => ({
        ...request,
        method: 'GET',
        path: filterPath(`userName eq "${benchUserName(randomUser(params))}"`),
      })),
    ],
    check: (_step, _status, body) => expectList(body, { total: 1, resources: 1 }),
  }),
);

export const filterWorkEmail = readScenario(
  'filter-email',
  'GET /Users?filter=emails[type eq "work"].value eq "…" (Entra’s matching filter), random users',
  'filter `emails[type eq "work"].value eq`',
  (params) => ({
    requests: [
      dynamic((request) => ({
        ...request,
        method: 'GET',
        path: filterPath(`emails[type eq "work"].value eq "${benchWorkEmail(randomUser(params))}"`),
      })),
    ],
    check: (_step, _status, body) => expectList(body, { total: 1, resources: 1 }),
  }),
);

/** Pages of 100 groups (teams of 10 members each), members included. */
export const listGroups = readScenario(
  'list-groups',
  'GET /Groups?count=100 with members (the seeded teams of 10), a random page of the first two',
  'GET /Groups?count=100 (with members)',
  () => ({
    requests: [
      dynamic((request) => ({
        ...request,
        method: 'GET',
        path: scim(`/Groups?count=100&startIndex=${1 + 100 * randomBelow(2)}`),
      })),
    ],
    check: (_step, _status, body) => expectList(body, { resources: 100 }),
  }),
);
