/**
 * Login throttling: after a few failures in a window, sign-in is refused for a while that doubles
 * with each further failure (capped). Keys are the client address and the admin name as typed,
 * so that guessing one admin's password and spraying many names from one address are both slowed,
 * and an unknown name is throttled exactly like a real one (nothing tells them apart).
 *
 * This per-process state complements the per-account counter kept in the database
 * (`admin_users.failed_logins`, `locked_until`), which every replica shares.
 */

export interface ThrottleRule {
  /** Failures allowed within `windowMs` before the lock starts. */
  maxFailures: number;
  windowMs: number;
  /** First lock; doubles with each failure past `maxFailures`. */
  baseLockMs: number;
  maxLockMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
};
export const CLIENT_RULE: ThrottleRule = {
  maxFailures: 20,
  windowMs: 15 * 60_000,
  baseLockMs: 60_000,
  maxLockMs: 60 * 60_000,
};

interface FailureState {
  count: number;
  firstAt: number;
  lockedUntil: number;
}

const MAX_TRACKED_KEYS = 10_000;

/** The lock after the `failures`-th consecutive failure, in ms (0 below the threshold). */
export function lockDuration(rule: ThrottleRule, failures: number): number {
  if (failures < rule.maxFailures) return 0;
  const doublings = Math.min(failures - rule.maxFailures, 20);
  return Math.min(rule.baseLockMs * 2 ** doublings, rule.maxLockMs);
}

export class LoginThrottle {
  private readonly states = new Map<string, FailureState>();

  constructor(
    private readonly rules: { account: ThrottleRule; client: ThrottleRule } = {
      account: ACCOUNT_RULE,
      client: CLIENT_RULE,
    },
  ) {}

  /** Seconds to wait before another attempt with these keys, or 0. */
  retryAfter(keys: { client: string; account: string }, now: number = Date.now()): number {
    let until = 0;
    for (const key of this.keysOf(keys)) {
      const state = this.states.get(key);
      if (state && state.lockedUntil > now) until = Math.max(until, state.lockedUntil);
    }
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  failed(keys: { client: string; account: string }, now: number = Date.now()): void {
    this.bump(`client:${keys.client}`, this.rules.client, now);
    this.bump(`account:${keys.account.toLowerCase()}`, this.rules.account, now);
  }

  succeeded(keys: { client: string; account: string }): void {
    this.states.delete(`account:${keys.account.toLowerCase()}`);
  }

  private keysOf(keys: { client: string; account: string }): string[] {
    return [`client:${keys.client}`, `account:${keys.account.toLowerCase()}`];
  }

  private bump(key: string, rule: ThrottleRule, now: number): void {
    let state = this.states.get(key);
    if (!state || (now - state.firstAt > rule.windowMs && state.lockedUntil <= now)) {
      state = { count: 0, firstAt: now, lockedUntil: 0 };
    }
    state.count += 1;
    const lock = lockDuration(rule, state.count);
    if (lock > 0) state.lockedUntil = now + lock;
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > MAX_TRACKED_KEYS) this.evict(now);
  }

  /** Drop unlocked states, oldest first, to bound memory under a spray of made-up names. */
  private evict(now: number): void {
    for (const [key, state] of this.states) {
      if (this.states.size <= MAX_TRACKED_KEYS * 0.9) return;
      if (state.lockedUntil <= now) this.states.delete(key);
    }
    while (this.states.size > MAX_TRACKED_KEYS) {
      const oldest = this.states.keys().next();
      if (oldest.done) return;
      this.states.delete(oldest.value);
    }
  }
}
