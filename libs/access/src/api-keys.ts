import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key is `lgsp_<id>_<secret>`: the id (public, 12 hex digits) names the credential, so a look-up is one
 * primary-key probe; the secret (32 random bytes, base64url) is stored only as its sha256. A hash of a secret
 * with 256 bits of entropy needs no salt or slow hash: there is nothing to guess from a dictionary.
 */
const KEY = /^lgsp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface ApiKey {
  id: string;
  secret: string;
  /** What the caller presents; shown once, at creation. */
  key: string;
}

// Logs mask every run of 9 to 12 digits as a possible citizen ID; about 3 % of random 12-hex-digit ids hold one, and
// a credential id the access log cannot show in clear is useless to the operator reading it. Such ids are drawn again.
const MASKED_IN_LOGS = /\d{9}/;

/** `random` is the source of randomness (tests pass a fixed one). */
export function generateApiKey(random: (bytes: number) => Buffer = randomBytes): ApiKey {
  let id = random(6).toString('hex');
  while (MASKED_IN_LOGS.test(id)) id = random(6).toString('hex');
  const secret = random(32).toString('base64url');
  return { id, secret, key: `lgsp_${id}_${secret}` };
}

/** The id and secret of a presented key, or null when it does not have a key's shape. */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  const m = KEY.exec(key.trim());
  return m ? { id: m[1], secret: m[2] } : null;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Whether the secret hashes to the stored hash, in time independent of where they differ. */
export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const presented = hashSecret(secret);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}
