/**
 * User write scenarios, with 1, 16 and 64 requests in flight (16 in quick mode): every write is a
 * durable commit on the server's default `synchronous=FULL`.
 */
import {
  benchUserDocument,
  benchUserId,
  dynamic,
  expectUser,
  json,
  parseObject,
  patchOp,
  randomUser,
  scim,
  USER_SCHEMA,
  writerVariants,
} from './requests.js';
import type { Scenario, ScenarioContext } from './scenario.js';
import type { ResultRow } from '../core/types.js';

async function perWriters(ctx: ScenarioContext, title: string): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const writers of writerVariants(ctx.mode)) {
    rows.push(await ctx.alternate({ variant: `${writers}-in-flight`, title, connections: writers }));
  }
  return rows;
}

export const postUser: Scenario = {
  name: 'post-user',
  summary: 'POST /Users of new users with unique userNames',
  load: (params) => {
    let counter = 0;
    return {
      requests: [
        dynamic((request) => {
          counter += 1;
          const userName = `bench-post-${params.runId}-${counter}@example.com`;
          return {
            ...request,
            method: 'POST',
            path: scim('/Users'),
            body: json({
              schemas: [USER_SCHEMA],
              userName,
              externalId: `post-${params.runId}-${counter}`,
              name: { givenName: 'Posted', familyName: `User${counter}` },
              displayName: `Posted User ${counter}`,
              emails: [{ value: userName, type: 'work', primary: true }],
              active: true,
            }),
          };
        }),
      ],
      check: (_step, status, body) => (status === 201 ? expectUser(body) : `expected 201, got ${status}`),
    };
  },
  measure: (ctx) => perWriters(ctx, 'POST /Users'),
};

function expectActive(body: string, active: boolean): string | undefined {
  const problem = expectUser(body);
  if (problem !== undefined) return problem;
  const user = parseObject(body);
  return typeof user !== 'string' && user['active'] !== active ? `expected active ${active}` : undefined;
}

export const patchActive: Scenario = {
  name: 'patch-active',
  summary: 'PATCH active:false and back (Okta and Entra deactivation) on random users',
  load: (params) => {
    const patch = (active: boolean) =>
      dynamic((request, state) => {
        if (!active) state.user = randomUser(params);
        return {
          ...request,
          method: 'PATCH',
          path: scim(`/Users/${benchUserId(state.user ?? 0)}`),
          body: patchOp([{ op: 'replace', value: { active } }]),
        };
      });
    return {
      requests: [patch(false), patch(true)],
      check: (step, status, body) => (status === 204 ? undefined : expectActive(body, step === 1)),
    };
  },
  measure: (ctx) => perWriters(ctx, 'PATCH `active:false` / back'),
};

export const oktaPush: Scenario = {
  name: 'okta-push',
  summary: 'Okta profile push: GET /Users/{id} then PUT of the same user with one attribute changed',
  load: (params) => {
    let counter = 0;
    return {
      requests: [
        dynamic((request, state) => {
          state.user = randomUser(params);
          return { ...request, method: 'GET', path: scim(`/Users/${benchUserId(state.user)}`) };
        }),
        dynamic((request, state) => {
          const n = state.user ?? 0;
          counter += 1;
          return {
            ...request,
            method: 'PUT',
            path: scim(`/Users/${benchUserId(n)}`),
            body: json({
              schemas: [USER_SCHEMA],
              id: benchUserId(n),
              ...benchUserDocument(n),
              title: `Push ${counter}`,
            }),
          };
        }),
      ],
      check: (_step, _status, body) => expectUser(body),
    };
  },
  measure: async (ctx) => [
    await ctx.alternate({ variant: '16-in-flight', title: 'Okta push (GET + PUT)', connections: 16 }),
  ],
};
