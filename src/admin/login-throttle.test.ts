import { describe, expect, it } from 'vitest';
import { ACCOUNT_RULE, LoginThrottle, lockDuration } from './login-throttle.js';

const keys = { client: '203.0.113.7', account: 'Alice' };

describe('login throttle', () => {
  it('lets the first failures through, then locks for 30 s, doubling up to 15 minutes', () => {
    expect([1, 4, 5, 6, 7, 10, 30].map((failures) => lockDuration(ACCOUNT_RULE, failures))).toEqual([
      0, 0, 30_000, 60_000, 120_000, 900_000, 900_000,
    ]);
  });

  it('refuses an account after five failures and reports the wait in seconds', () => {
    const throttle = new LoginThrottle();
    const now = 1_000_000;
    for (let attempt = 0; attempt < 4; attempt += 1) throttle.failed(keys, now);
    expect(throttle.retryAfter(keys, now)).toBe(0);
    throttle.failed(keys, now);
    expect(throttle.retryAfter(keys, now)).toBe(30);
    expect(throttle.retryAfter(keys, now + 29_000)).toBe(1);
    expect(throttle.retryAfter(keys, now + 30_000)).toBe(0);
    // Names are compared ignoring case, from any address.
    expect(throttle.retryAfter({ client: '198.51.100.1', account: 'ALICE' }, now)).toBe(30);
  });

  it('forgets an account after a success, and old failures after the window', () => {
    const throttle = new LoginThrottle();
    for (let attempt = 0; attempt < 4; attempt += 1) throttle.failed(keys, 0);
    throttle.succeeded(keys);
    throttle.failed(keys, 1);
    expect(throttle.retryAfter(keys, 1)).toBe(0);
    const later = new LoginThrottle();
    for (let attempt = 0; attempt < 4; attempt += 1) later.failed(keys, 0);
    later.failed(keys, ACCOUNT_RULE.windowMs + 1);
    expect(later.retryAfter(keys, ACCOUNT_RULE.windowMs + 1)).toBe(0);
  });

  it('slows one address spraying many names', () => {
    const throttle = new LoginThrottle();
    for (let attempt = 0; attempt < 20; attempt += 1)
      throttle.failed({ client: keys.client, account: `user${attempt}` }, 0);
    expect(throttle.retryAfter({ client: keys.client, account: 'someone-new' }, 0)).toBe(60);
    expect(throttle.retryAfter({ client: '198.51.100.1', account: 'someone-new' }, 0)).toBe(0);
  });

  it('stays bounded under a spray of made-up names', () => {
    const throttle = new LoginThrottle();
    for (let attempt = 0; attempt < 25_000; attempt += 1)
      throttle.failed({ client: `10.0.${attempt % 250}.${attempt % 200}`, account: `ghost${attempt}` }, attempt);
    const size = (throttle as unknown as { states: Map<string, unknown> }).states.size;
    expect(size).toBeLessThanOrEqual(10_000);
  });
});
