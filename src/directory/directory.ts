/**
 * The Library directory: everything the HTTP layer, the CLI and the admin console use, built
 * from a Config and a Store that are passed in (no module-level state, so tests can run many).
 */
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { ActivityLog } from './activity-log.js';
import { BearerTokens } from './bearer-tokens.js';
import { DirectorySettings } from './directory-settings.js';
import { GroupDirectory } from './group-directory.js';
import { CursorCodec } from './list-paging.js';
import { SchemaCatalog } from './schema-catalog.js';
import { UserDirectory } from './user-directory.js';

export class Directory {
  readonly catalog: SchemaCatalog;
  readonly settings: DirectorySettings;
  readonly tokens: BearerTokens;
  readonly users: UserDirectory;
  readonly groups: GroupDirectory;
  readonly activity: ActivityLog;

  constructor(
    readonly store: Store,
    readonly config: Config,
    onBackgroundError: (error: unknown) => void = () => undefined,
  ) {
    const ttlMs = config.cacheTtlSeconds * 1000;
    const limits = { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    const cursors = new CursorCodec(store);
    this.catalog = new SchemaCatalog(store, ttlMs);
    this.settings = new DirectorySettings(store, ttlMs);
    this.tokens = new BearerTokens(store, ttlMs);
    this.users = new UserDirectory(
      store,
      this.catalog,
      cursors,
      limits,
      async () => (await this.settings.current()).deprovisioningPolicy,
    );
    this.groups = new GroupDirectory(store, this.catalog, cursors, limits);
    this.activity = new ActivityLog(
      store,
      { days: config.activityRetentionDays, maxRows: config.activityMaxRows },
      onBackgroundError,
    );
  }

  async close(): Promise<void> {
    await this.activity.flush();
  }
}
