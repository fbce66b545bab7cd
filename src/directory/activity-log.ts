/**
 * The activity log: one row per SCIM request, with secrets redacted. Rows are buffered briefly
 * and written in batches, so that logging never doubles the cost of a provisioning write.
 */
import type { ActivityWrite, Store } from '../store/store.js';
import type { JsonValue } from '../scim/json.js';

const FLUSH_INTERVAL_MS = 200;
const FLUSH_BATCH = 200;
const REDACTED = '[redacted]';
const SECRET_KEY = /pass(word)?|secret|token|authorization|credential|apikey|api_key/i;

/** The identity provider, from the User-Agent header. */
export function clientOf(userAgent: string | undefined): string {
  if (!userAgent) return 'other';
  if (/okta/i.test(userAgent)) return 'okta';
  if (/azure ad|microsoft|entra|aad/i.test(userAgent)) return 'entra';
  if (/onelogin/i.test(userAgent)) return 'onelogin';
  if (/keycloak/i.test(userAgent)) return 'keycloak';
  return 'other';
}

/** A deep copy with the values of secret-looking keys replaced. */
export function redact(value: JsonValue | undefined, depth = 0): JsonValue {
  if (value === undefined) return null;
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
    }
    // A PATCH operation that targets a secret carries its value separately from its path; clients
    // spell both keys in any case ("Path", "VALUE"), as the PATCH engine accepts.
    const pathKey = Object.keys(copy).find((key) => key.toLowerCase() === 'path');
    const path = pathKey === undefined ? undefined : copy[pathKey];
    if (pathKey !== undefined && typeof path === 'string' && SECRET_KEY.test(path)) {
      for (const key of Object.keys(copy)) if (key.toLowerCase() === 'value') copy[key] = REDACTED;
      // A value filter on a secret (`password[value eq "…"]`) carries the secret in the path itself.
      copy[pathKey] = redactQuoted(path);
    }
    return copy;
  }
  return value;
}

/**
 * An error detail for the activity log. Details quote the path and value they complain about, so
 * one about a secret attribute (`password[value eq "…"]`) has its quoted text replaced.
 */
export function redactDetail(detail: string | null): string | null {
  if (detail === null || !SECRET_KEY.test(detail)) return detail;
  return redactQuoted(detail);
}

function redactQuoted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, `"${REDACTED}"`).replace(/'(?:[^'\\]|\\.)*'/g, `'${REDACTED}'`);
}

export class ActivityLog {
  private buffer: ActivityWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly retention: { days: number; maxRows: number },
    private readonly onError: (error: unknown) => void,
  ) {}

  record(entry: ActivityWrite): void {
    this.buffer.push(entry);
    if (this.buffer.length >= FLUSH_BATCH) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  /** Write everything buffered. Resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.store.write(async (session) => {
          for (const entry of batch) await session.activity.insert(entry);
        });
      } catch {
        // One bad row must not cost the others: write them one by one.
        for (const entry of batch) {
          try {
            await this.store.write((session) => session.activity.insert(entry));
          } catch (error) {
            this.onError(error);
          }
        }
      }
    });
    return this.flushing;
  }

  /** Apply the retention bounds. */
  async prune(): Promise<number> {
    const before = new Date(Date.now() - this.retention.days * 86_400_000).toISOString();
    return this.store.write((session) => session.activity.prune({ before, keep: this.retention.maxRows }));
  }
}
