/**
 * A token bucket per bearer token. Over the limit, SCIM answers 429 with Retry-After, which Okta
 * honours by rescheduling the task and Entra by retrying later.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Take one request's worth; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now: number = Date.now()): number {
    if (this.perSecond <= 0) return 0;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    if (this.buckets.size > 10_000) this.buckets.clear();
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }
}
