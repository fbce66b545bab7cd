/**
 * The admin accounts of a `Store`: its sessions carry `adminAccounts` (the repository of
 * `src/store/sql/admin-account-repository.ts`). A store built before that repository was wired
 * in fails with a message that says so, instead of an undefined-property crash.
 */
import type { AdminAccountRepository, AdminAccountStore } from '../store/admin-accounts.js';
import type { Store, StoreSession } from '../store/store.js';

function accountsOf(session: StoreSession): AdminAccountRepository {
  const accounts = (session as StoreSession & { adminAccounts?: AdminAccountRepository }).adminAccounts;
  if (accounts === undefined) {
    throw new Error(
      'This store has no admin accounts: StoreSession.adminAccounts is missing. Wire createAdminAccountRepository into the store session and createAdminTables into the migrations (src/store/sql/admin-account-repository.ts).',
    );
  }
  return accounts;
}

/** True when the store's sessions carry admin accounts. */
export async function storeHasAdminAccounts(store: Store): Promise<boolean> {
  return store.read(async (session) => (session as StoreSession & { adminAccounts?: AdminAccountRepository }).adminAccounts !== undefined);
}

export function adminAccountStore(store: Store): AdminAccountStore {
  return {
    read: (work) => store.read((session) => work(accountsOf(session))),
    write: (work) => store.write((session) => work(accountsOf(session))),
  };
}
