import type { KeyObject } from 'node:crypto';
import { inTransaction } from '@lgsp/database';
import type { Pool } from 'pg';
import { signCheckpoint } from './checkpoint';
import { CheckpointsRepository, StoredCheckpoint } from './checkpoints.repository';
import { DecisionLogRepository } from './decision-log.repository';
import { CHAIN_GENESIS } from './hashes';
import { MerkleAccumulator } from './merkle';
import { publicKeyPem } from './signing-key';

/** When a checkpoint is due: this many new leaves, or any new leaf and this many seconds since the last one. */
export interface CheckpointPolicy {
  leaves: number;
  seconds: number;
}

const PAGE = 100_000;

/**
 * Signs the log's state: goes on from the last checkpoint's frontier over the leaves after it (not the whole log),
 * signs size, tree head and chain head, stores the checkpoint. `policy` null: now, whenever the log has grown
 * (or has no checkpoint yet).
 */
export async function makeCheckpoint(
  pool: Pool,
  key: KeyObject,
  policy: CheckpointPolicy | null,
  now: () => Date = () => new Date(),
): Promise<StoredCheckpoint | null> {
  const log = new DecisionLogRepository();
  const checkpoints = new CheckpointsRepository();
  return inTransaction(pool, async (tx) => {
    await checkpoints.lock(tx);
    const last = await checkpoints.latest(tx);
    const size = await log.size(tx);
    const grown = size - (last?.size ?? 0);
    if (last && grown === 0) return null;
    if (policy && last) {
      const age = (now().getTime() - Date.parse(last.time)) / 1000;
      if (grown < policy.leaves && age < policy.seconds) return null;
    }
    const tree = last ? MerkleAccumulator.resume(last.size, last.frontier) : new MerkleAccumulator();
    let chain = last ? Buffer.from(last.chainHead, 'hex') : CHAIN_GENESIS;
    for (let after = tree.size; after < size;) {
      const page = await checkpoints.leaves(tx, after, size, PAGE);
      if (page.length === 0 || page[0].position !== after + 1)
        throw new Error(`the decision log has no entry at position ${after + 1}: run lgsp audit verify before signing`);
      for (const e of page) tree.push(e.leaf);
      chain = page[page.length - 1].chain;
      after = page[page.length - 1].position;
    }
    const signed = signCheckpoint(key, {
      size,
      root: tree.root().toString('hex'),
      chainHead: chain.toString('hex'),
      time: now().toISOString(),
    });
    const stored = { ...signed, publicKey: publicKeyPem(key), frontier: tree.frontier() };
    return (await checkpoints.insert(tx, stored)) ? stored : null;
  });
}

/** A checkpoint as published and exported: the signed fields and the public key, not the frontier. */
export function publishedCheckpoint(c: StoredCheckpoint): Omit<StoredCheckpoint, 'frontier'> {
  const { frontier: _frontier, ...rest } = c;
  return rest;
}
