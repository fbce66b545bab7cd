/**
 * The one test suite every `Store` implementation passes. A test file calls
 * `describeStoreContract(name, makeStore)`; `makeStore` returns a new, migrated, empty store for
 * each test, which the suite closes afterwards.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import { describeAdministrationContract } from './contract/administration.contract.js';
import { describeMembershipContract } from './contract/membership.contract.js';
import { describeQueryContract } from './contract/query.contract.js';
import { describeResourceContract } from './contract/resources.contract.js';
import { describeRobustnessContract } from './contract/robustness.contract.js';
import { describeTransactionContract } from './contract/transaction.contract.js';
import type { Store } from './store.js';

export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | undefined;

    beforeEach(async () => {
      current = await makeStore();
    });

    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    const store = (): Store => {
      if (!current) throw new Error('The store of this test is not open.');
      return current;
    };

    describeResourceContract(store);
    describeQueryContract(store);
    describeMembershipContract(store);
    describeAdministrationContract(store);
    describeTransactionContract(store);
    describeRobustnessContract(store);
  });
}
