/**
 * Settings an admin changes at run time: whether SCIM is enabled and the deprovisioning policy.
 * They live in the database, so every replica sees a change within the cache's time to live.
 */
import type { Store } from '../store/store.js';
import type { DeprovisioningPolicy } from './directory-types.js';
import type { JsonValue } from '../scim/json.js';

export const SETTING = {
  scimEnabled: 'scim.enabled',
  deprovisioningPolicy: 'deprovisioning.policy',
  softDeleteRetentionDays: 'deprovisioning.retentionDays',
} as const;

export interface DirectorySettingsView {
  scimEnabled: boolean;
  deprovisioningPolicy: DeprovisioningPolicy;
  /** Soft-deleted users older than this many days are purged; 0 keeps them until purged by hand. */
  softDeleteRetentionDays: number;
}

const DEFAULTS: DirectorySettingsView = { scimEnabled: true, deprovisioningPolicy: 'hard', softDeleteRetentionDays: 0 };

export class DirectorySettings {
  private cached: { value: DirectorySettingsView; at: number } | undefined;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

  async current(): Promise<DirectorySettingsView> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.value;
    const value = await this.store.read(async (session) => {
      const [enabled, policy, retention] = await Promise.all([
        session.settings.get(SETTING.scimEnabled),
        session.settings.get(SETTING.deprovisioningPolicy),
        session.settings.get(SETTING.softDeleteRetentionDays),
      ]);
      return {
        scimEnabled: typeof enabled === 'boolean' ? enabled : DEFAULTS.scimEnabled,
        deprovisioningPolicy: policy === 'soft' || policy === 'hard' ? policy : DEFAULTS.deprovisioningPolicy,
        softDeleteRetentionDays: typeof retention === 'number' ? retention : DEFAULTS.softDeleteRetentionDays,
      } satisfies DirectorySettingsView;
    });
    this.cached = { value, at: Date.now() };
    return value;
  }

  async update(changes: Partial<DirectorySettingsView>): Promise<DirectorySettingsView> {
    const entries: [string, JsonValue][] = [];
    if (changes.scimEnabled !== undefined) entries.push([SETTING.scimEnabled, changes.scimEnabled]);
    if (changes.deprovisioningPolicy !== undefined)
      entries.push([SETTING.deprovisioningPolicy, changes.deprovisioningPolicy]);
    if (changes.softDeleteRetentionDays !== undefined)
      entries.push([SETTING.softDeleteRetentionDays, changes.softDeleteRetentionDays]);
    await this.store.write(async (session) => {
      for (const [key, value] of entries) await session.settings.set(key, value);
    });
    this.cached = undefined;
    return this.current();
  }
}
