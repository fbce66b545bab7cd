/**
 * Builders of the records the store contract writes: plain data, distinct by number.
 */
import type { ActivityWrite, GroupWrite, Store, TokenRecord, UserWrite } from '../store.js';

/** A UTC ISO timestamp `seconds` after 2026-01-01, so that tests control time. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
}

export function userId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function groupId(n: number): string {
  return `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
}

export function userWrite(n: number, overrides: Partial<UserWrite> = {}): UserWrite {
  const userName = overrides.userName ?? `user${n}@example.com`;
  return {
    id: userId(n),
    userName,
    externalId: `ext-${n}`,
    displayName: `User ${n}`,
    active: true,
    resource: {
      userName,
      name: { givenName: 'Given', familyName: `Family ${n}` },
      emails: [{ value: userName, type: 'work', primary: true }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: String(n) },
    },
    library: { fullName: `Given Family ${n}`, email: userName, trustId: `T${n}`, distinguishedName: null },
    at: at(n),
    ...overrides,
  };
}

export function groupWrite(n: number, overrides: Partial<GroupWrite> = {}): GroupWrite {
  const displayName = overrides.displayName ?? `Group ${n}`;
  return {
    id: groupId(n),
    displayName,
    externalId: `gext-${n}`,
    resource: { displayName },
    distinguishedName: `CN=Group ${n},OU=Groups`,
    at: at(n),
    ...overrides,
  };
}

export function token(n: number, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id: `token-${n}`,
    name: `Okta ${n}`,
    hash: `${String(n).padStart(4, '0')}${'ab'.repeat(30)}`,
    prefix: `lib_${n}`,
    created: at(n),
    expires: null,
    lastUsed: null,
    revoked: null,
    ...overrides,
  };
}

export function activity(n: number, overrides: Partial<ActivityWrite> = {}): ActivityWrite {
  return {
    at: at(n),
    requestId: `req-${n}`,
    tokenId: 'token-1',
    tokenName: 'Okta',
    client: 'Okta',
    method: 'POST',
    path: '/api/scim/v2/Users',
    status: 201,
    scimType: null,
    detail: null,
    resourceType: 'User',
    resourceId: userId(n),
    summary: { action: 'create', attributes: ['userName'] },
    requestBody: { userName: `user${n}@example.com`, password: '[redacted]' },
    durationMs: 12.5,
    ...overrides,
  };
}

/** Insert users 1…`users` and groups 1…`groups` (as `userWrite` and `groupWrite` build them) in one write. */
export async function seedUsersAndGroups(store: Store, users: number, groups: number): Promise<void> {
  await store.write(async (s) => {
    for (let n = 1; n <= users; n += 1) await s.users.insert(userWrite(n));
    for (let n = 1; n <= groups; n += 1) await s.groups.insert(groupWrite(n));
  });
}
