import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// PKCS#8 DER of an Ed25519 private key is this fixed prefix and the 32-byte seed (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 private key of a 32-byte seed given as 64 hex digits or 44 base64 characters. */
export function signingKeyFromSeed(text: string): KeyObject {
  const t = text.trim();
  const seed = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes (64 hex digits or 44 base64 characters)');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The seed of a private key, hex: what LGSP_AUDIT_SIGNING_KEY and the generated key file hold. */
export function seedOf(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  return der.subarray(der.length - 32).toString('hex');
}

export function publicKeyPem(key: KeyObject): string {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'pem' }).toString();
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}

/** Where the product keeps the key it generated: beside the embedded data directory, never in the database it signs. */
export function generatedKeyPath(dataDir: string): string {
  return join(dirname(resolve(dataDir)), 'audit-signing-key');
}

export interface SigningKeySource {
  key: KeyObject;
  /** Where it came from, for the start-up log line (never the key itself). */
  origin: 'setting' | 'generated' | 'file';
  path: string | null;
}

/**
 * The setting's key when there is one (loadSettings has checked its form); otherwise the one generated earlier beside
 * the data directory, or a new one written there (0600). A key kept in the signed database could re-sign a rewritten log.
 */
export function signingKeyOf(settings: { auditSigningKey: string | null; dataDir: string }): SigningKeySource {
  if (settings.auditSigningKey) return { key: signingKeyFromSeed(settings.auditSigningKey), origin: 'setting', path: null };
  const path = generatedKeyPath(settings.dataDir);
  if (existsSync(path)) {
    try {
      return { key: signingKeyFromSeed(readFileSync(path, 'utf8')), origin: 'file', path };
    } catch (e) {
      throw new Error(
        `the generated audit signing key ${path} is unreadable or damaged (${(e as Error).message}): ` +
          'restore it from a backup or set LGSP_AUDIT_SIGNING_KEY',
      );
    }
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${seedOf(privateKey)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process of this installation wrote it first: use that one, so both sign with one key.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return signingKeyOf(settings);
    throw e;
  }
  chmodSync(path, 0o600);
  return { key: privateKey, origin: 'generated', path };
}
