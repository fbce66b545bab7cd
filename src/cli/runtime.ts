/** Opening the configured store for a CLI command, and closing it afterwards. */
import type { Config } from '../config.js';
import { Directory } from '../directory/directory.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

export async function withDirectory<T>(
  config: Config,
  work: (directory: Directory, store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore({ databaseUrl: config.databaseUrl, postgresSchema: config.postgresSchema });
  try {
    await store.migrate();
    const directory = new Directory(store, config);
    try {
      return await work(directory, store);
    } finally {
      await directory.close();
    }
  } finally {
    await store.close();
  }
}
