/**
 * Server configuration: environment variables, overridden by CLI flags. Every setting has a
 * default, so `npm start` works with none.
 */

export interface Config {
  port: number;
  host: string;
  /** `sqlite:./data/library.db`, `sqlite::memory:` or `postgres://…`. */
  databaseUrl: string;
  /** PostgreSQL schema to use (search_path); undefined for the default. */
  postgresSchema: string | undefined;
  /** Public origin such as `https://library.example.com`; derived from the request when unset. */
  publicUrl: string | undefined;
  /**
   * Which reverse proxies' X-Forwarded-For/-Proto/-Host to trust: false (none), a number of hops,
   * or a comma-separated list of proxy addresses or CIDR ranges; true trusts every hop, which lets
   * any client choose its own address (avoid it).
   */
  trustProxy: boolean | number | string;
  /** Default page size when a client sends no `count`. */
  defaultPageSize: number;
  /** Largest page a client can ask for; also `filter.maxResults`. */
  maxPageSize: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Requests per second per token before 429 (token bucket); 0 disables throttling. */
  rateLimitPerSecond: number;
  /** Burst allowance of the token bucket. */
  rateLimitBurst: number;
  /** Days of activity kept. */
  activityRetentionDays: number;
  /** Most activity rows kept. */
  activityMaxRows: number;
  /** Seconds a cached token or setting may be served before it is read again. */
  cacheTtlSeconds: number;
  /** pino log level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export const SCIM_BASE_PATH = '/api/scim/v2';

export const DEFAULT_CONFIG: Config = {
  port: 8080,
  host: '0.0.0.0',
  databaseUrl: 'sqlite:./data/library.db',
  postgresSchema: undefined,
  publicUrl: undefined,
  trustProxy: false,
  defaultPageSize: 100,
  maxPageSize: 1000,
  maxBodyBytes: 10 * 1024 * 1024,
  rateLimitPerSecond: 50,
  rateLimitBurst: 200,
  activityRetentionDays: 30,
  activityMaxRows: 100_000,
  cacheTtlSeconds: 0.5,
  logLevel: 'info',
};

/** The environment variables read, with the setting each one feeds (shown by `--help`). */
export const ENVIRONMENT_VARIABLES: Record<string, keyof Config> = {
  PORT: 'port',
  HOST: 'host',
  DATABASE_URL: 'databaseUrl',
  DATABASE_SCHEMA: 'postgresSchema',
  PUBLIC_URL: 'publicUrl',
  TRUST_PROXY: 'trustProxy',
  SCIM_DEFAULT_PAGE_SIZE: 'defaultPageSize',
  SCIM_MAX_PAGE_SIZE: 'maxPageSize',
  SCIM_MAX_BODY_BYTES: 'maxBodyBytes',
  SCIM_RATE_LIMIT_PER_SECOND: 'rateLimitPerSecond',
  SCIM_RATE_LIMIT_BURST: 'rateLimitBurst',
  ACTIVITY_RETENTION_DAYS: 'activityRetentionDays',
  ACTIVITY_MAX_ROWS: 'activityMaxRows',
  CACHE_TTL_SECONDS: 'cacheTtlSeconds',
  LOG_LEVEL: 'logLevel',
};

const LOG_LEVELS: readonly Config['logLevel'][] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Build a Config from environment variables and explicit overrides, validating every value. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const config: Config = { ...DEFAULT_CONFIG };
  for (const [variable, key] of Object.entries(ENVIRONMENT_VARIABLES)) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    assign(config, key, raw, variable);
  }
  for (const [key, value] of Object.entries(overrides) as [keyof Config, Config[keyof Config]][]) {
    if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
  }
  if (config.publicUrl !== undefined) config.publicUrl = config.publicUrl.replace(/\/+$/, '');
  if (config.publicUrl?.includes('_')) {
    throw new Error(
      `PUBLIC_URL ${config.publicUrl} contains an underscore; Okta refuses SCIM base URLs with underscores. Use a host name without "_".`,
    );
  }
  if (config.maxPageSize < 1) throw new Error('SCIM_MAX_PAGE_SIZE must be at least 1.');
  if (config.defaultPageSize > config.maxPageSize) config.defaultPageSize = config.maxPageSize;
  return config;
}

function assign(config: Config, key: keyof Config, raw: string, variable: string): void {
  const target = config as unknown as Record<string, unknown>;
  const current = DEFAULT_CONFIG[key];
  if (key === 'logLevel') {
    if (!LOG_LEVELS.includes(raw as Config['logLevel'])) {
      throw new Error(`${variable}=${raw} is not a log level; use one of ${LOG_LEVELS.join(', ')}.`);
    }
    target[key] = raw;
  } else if (key === 'trustProxy') {
    const text = raw.trim();
    if (/^(false|no|off)$/i.test(text)) target[key] = false;
    else if (/^(true|yes|on)$/i.test(text)) target[key] = true;
    else if (/^\d+$/.test(text)) target[key] = Number(text);
    else if (/^[0-9a-f.:/]+(\s*,\s*[0-9a-f.:/]+)*$/i.test(text)) target[key] = text;
    else
      throw new Error(
        `${variable}=${raw} must be false, a number of proxy hops, or a comma-separated list of proxy addresses or CIDR ranges.`,
      );
  } else if (typeof current === 'number') {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${variable}=${raw} must be a non-negative number.`);
    target[key] = value;
  } else {
    target[key] = raw;
  }
}
