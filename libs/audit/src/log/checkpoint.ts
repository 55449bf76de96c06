import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * A signed statement of the log's state: its first `size` entries have this Merkle tree head
 * (`root`) and chain head. Held elsewhere (the checkpoint topic, an auditor's copy), it shows
 * that a log rewritten from the start, chain hashes and all, is not the log that was signed.
 */
export interface Checkpoint {
  /** The format of the signed message, so a later one can change without old checkpoints misreading. */
  format: typeof CHECKPOINT_FORMAT;
  size: number;
  /** RFC 9162 Merkle tree head of the first `size` leaves, lowercase hex. */
  root: string;
  /** h_size of the hash chain, lowercase hex. */
  chainHead: string;
  /** When it was signed, ISO 8601 UTC. */
  time: string;
  /** Names the signing key: the first 16 hex digits of SHA-256 of its public key (SPKI DER). */
  keyId: string;
  /** Ed25519 over `checkpointMessage`, base64. */
  signature: string;
}

export const CHECKPOINT_FORMAT = 'lgsp-decision-log-checkpoint/v1';

export type UnsignedCheckpoint = Omit<Checkpoint, 'signature' | 'keyId' | 'format'>;

/** The signed bytes: one field a line, in a fixed order, so no serialiser's choices enter the signature. */
export function checkpointMessage(c: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(`${c.format}\n${c.size}\n${c.root}\n${c.chainHead}\n${c.time}\n${c.keyId}\n`, 'utf8');
}

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(privateKey: KeyObject, c: UnsignedCheckpoint): Checkpoint {
  const unsigned = { format: CHECKPOINT_FORMAT, ...c, keyId: keyIdOf(privateKey) } as const;
  return { ...unsigned, signature: sign(null, checkpointMessage(unsigned), privateKey).toString('base64') };
}

/** Why a checkpoint's signature does not hold, or null when it does under this public key. */
export function checkpointSignatureProblem(publicKey: KeyObject, c: Checkpoint): string | null {
  if (c.format !== CHECKPOINT_FORMAT) return `unknown checkpoint format ${JSON.stringify(c.format)}`;
  const expected = keyIdOf(publicKey);
  if (c.keyId !== expected) return `signed by key ${c.keyId}, not by the verifying key ${expected}`;
  const ok = verify(null, checkpointMessage(c), publicKey, Buffer.from(c.signature, 'base64'));
  return ok ? null : 'the signature does not match the checkpoint';
}
