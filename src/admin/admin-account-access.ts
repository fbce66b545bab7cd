/**
 * The admin accounts of a `Store`, as the console's services use them: the `adminAccounts`
 * repository of a read or write session.
 */
import type { AdminAccountStore } from '../store/admin-accounts.js';
import type { Store } from '../store/store.js';

export function adminAccountStore(store: Store): AdminAccountStore {
  return {
    read: (work) => store.read((session) => work(session.adminAccounts)),
    write: (work) => store.write((session) => work(session.adminAccounts)),
  };
}
