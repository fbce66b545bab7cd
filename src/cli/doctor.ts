/**
 * `library-scim doctor`: the checks an admin runs when provisioning does not work, each with what
 * to do about it.
 */
import type { Config } from '../config.js';
import type { Directory } from '../directory/directory.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

export interface Finding {
  ok: boolean;
  text: string;
}

export async function diagnose(config: Config, directory: Directory, store: Store): Promise<Finding[]> {
  const findings: Finding[] = [];
  findings.push({
    ok: true,
    text: `database ${store.dialect === 'sqlite' ? config.databaseUrl : 'PostgreSQL'} reachable and migrated`,
  });
  if (store instanceof SqliteStore) {
    const pragmas = await store.pragmas();
    findings.push({
      ok: pragmas.journalMode === 'wal' && pragmas.synchronous === 'FULL',
      text: `SQLite journal_mode=${pragmas.journalMode}, synchronous=${pragmas.synchronous} (WAL and FULL keep every acknowledged write)`,
    });
  }
  const settings = await directory.settings.current();
  findings.push({
    ok: settings.scimEnabled,
    text: settings.scimEnabled
      ? 'SCIM is enabled'
      : 'SCIM is disabled: every SCIM request gets 403. Enable it with "library-scim settings set --scim-enabled true" or in the console.',
  });
  const tokens = await directory.tokens.list();
  const active = tokens.filter((token) => token.status === 'active');
  const soon = active.filter(
    (token) => token.expires !== null && Date.parse(token.expires) - Date.now() < 7 * 86_400_000,
  );
  findings.push({
    ok: active.length > 0,
    text:
      active.length > 0
        ? `${active.length} active bearer token(s)`
        : 'No active bearer token: create one with "library-scim token create --name okta" and paste it into the identity provider.',
  });
  for (const token of soon) {
    findings.push({
      ok: false,
      text: `Token "${token.name}" (${token.prefix}…) expires ${token.expires}: create a new one, paste it into the identity provider, then revoke this one.`,
    });
  }
  if (config.publicUrl === undefined) {
    findings.push({
      ok: true,
      text: 'PUBLIC_URL is unset: links are derived from each request (set it when serving behind a proxy or a public name)',
    });
  } else {
    findings.push({
      ok: config.publicUrl.startsWith('https://'),
      text: `PUBLIC_URL is ${config.publicUrl} (Okta and Entra need a public HTTPS URL)`,
    });
  }
  findings.push({
    ok: config.rateLimitPerSecond === 0 || config.rateLimitPerSecond >= 25,
    text: `rate limit ${config.rateLimitPerSecond}/s per token (Entra needs at least 25)`,
  });
  return findings;
}
