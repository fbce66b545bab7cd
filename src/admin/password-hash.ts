/**
 * Admin passwords, hashed with scrypt (node:crypto): `scrypt$<N>$<r>$<p>$<salt>$<hash>` with a
 * 16-byte random salt and a 64-byte key, base64url. The parameters travel with the hash, so they
 * can be raised later without invalidating stored passwords.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ScimError } from '../scim/errors.js';

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt recommendation (N=2^17 costs 128 MiB; 2^15 with r=8 is 32 MiB, about 50 ms). */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: parameters.N,
    r: parameters.r,
    p: parameters.p,
    maxmem: 256 * parameters.N * parameters.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, parameters);
  return [
    'scrypt',
    parameters.N,
    parameters.r,
    parameters.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

function parseHash(stored: string): { parameters: ScryptParameters; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((value) => Number.isInteger(value) && value > 0)) return undefined;
  if (N > 2 ** 20 || r > 32 || p > 16) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length === 0 || key.length === 0) return undefined;
  return { parameters: { N, r, p }, salt, key };
}

/** True when `password` matches `stored`. A malformed stored hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.parameters);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/**
 * A hash of a random password with the default parameters, to verify against when the username is
 * unknown, so that a sign-in takes as long whether or not the admin exists.
 */
export function decoyHash(): Promise<string> {
  return hashPassword(randomBytes(24).toString('base64url'));
}

/** Throws a 400 ScimError saying what to change when the password is too weak for an admin. */
export function checkPasswordPolicy(password: unknown, username: string): string {
  if (typeof password !== 'string') throw ScimError.invalidValue('"password" must be a string.');
  if (Array.from(password).length < MIN_PASSWORD_LENGTH) {
    throw ScimError.invalidValue(
      `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters (a passphrase of several words is easiest to remember).`,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw ScimError.invalidValue(`The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    throw ScimError.invalidValue('The password must not be the admin name.');
  }
  if (new Set(password).size < 4) {
    throw ScimError.invalidValue('The password repeats too few characters; choose one with more variety.');
  }
  return password;
}
