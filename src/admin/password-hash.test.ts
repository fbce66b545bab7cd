import { describe, expect, it } from 'vitest';
import { ScimError } from '../scim/errors.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password-hash.js';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing with scrypt', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const hash = await hashPassword('correct horse battery staple', FAST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [first, second] = await Promise.all([
      hashPassword('same password here', FAST),
      hashPassword('same password here', FAST),
    ]);
    expect(first).not.toBe(second);
  });

  it('uses N=2^15 by default and verifies with the parameters stored in the hash', async () => {
    const hash = await hashPassword('a default-cost password');
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('a default-cost password', hash)).toBe(true);
  });

  it('treats Unicode normalisation forms as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait noir', FAST);
    expect(await verifyPassword('cafe\u0301 au lait noir', hash)).toBe(true);
  });

  it.each(['', 'bcrypt$x', 'scrypt$0$8$1$c2FsdA$aGFzaA', 'scrypt$1024$8$1$$', 'scrypt$4194304$8$1$c2FsdA$aGFzaA'])(
    'matches nothing against a malformed or out-of-bounds stored hash %j',
    async (stored) => {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    },
  );
});

describe('admin password policy', () => {
  it('accepts a long passphrase', () => {
    expect(checkPasswordPolicy('four random words here', 'admin')).toBe('four random words here');
  });

  it.each([
    ['short', 'at least 12 characters'],
    ['aaaaaaaaaaaaaaaa', 'more variety'],
    ['it-admin-12345', 'must not be the admin name'],
  ])('refuses %j with a 400 saying what to change', (password, words) => {
    const name = 'IT-Admin-12345';
    let caught: unknown;
    try {
      checkPasswordPolicy(password, name);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect((caught as ScimError).status).toBe(400);
    expect((caught as ScimError).detail).toContain(words);
  });

  it('refuses a password that is not a string', () => {
    expect(() => checkPasswordPolicy(12345678901234, 'admin')).toThrow('"password" must be a string');
  });
});
