import type { Queryable } from '@lgsp/database';
import { Checkpoint, CHECKPOINT_FORMAT } from './checkpoint';
import { HASH_BYTES } from './hashes';

export interface StoredCheckpoint extends Checkpoint {
  /** The signing key's public half, SPKI PEM. */
  publicKey: string;
  /** The Merkle frontier at `size` (MerkleAccumulator.frontier()). */
  frontier: Buffer[];
}

const COLUMNS = `size, root, chain_head, signed_at, key_id, signature, public_key, frontier`;

/** SQL of audit.checkpoints (append-only) and of the log's leaves the checkpointer reads. */
export class CheckpointsRepository {
  async latest(sql: Queryable): Promise<StoredCheckpoint | null> {
    const r = await sql.query(`SELECT ${COLUMNS} FROM audit.checkpoints ORDER BY size DESC LIMIT 1`);
    return r.rows.length ? toCheckpoint(r.rows[0]) : null;
  }

  async all(sql: Queryable): Promise<StoredCheckpoint[]> {
    const r = await sql.query(`SELECT ${COLUMNS} FROM audit.checkpoints ORDER BY size`);
    return r.rows.map(toCheckpoint);
  }

  /** Stores a checkpoint; false when one of that size is there already (another process signed it first). */
  async insert(sql: Queryable, c: StoredCheckpoint): Promise<boolean> {
    const r = await sql.query(
      `INSERT INTO audit.checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (size) DO NOTHING`,
      [
        c.size,
        Buffer.from(c.root, 'hex'),
        Buffer.from(c.chainHead, 'hex'),
        c.time,
        c.keyId,
        c.signature,
        c.publicKey,
        Buffer.concat(c.frontier),
      ],
    );
    return r.rowCount === 1;
  }

  /** The leaves and chain hashes of positions after..upTo, in order, at most `limit`. */
  async leaves(
    sql: Queryable,
    after: number,
    upTo: number,
    limit: number,
  ): Promise<{ position: number; leaf: Buffer; chain: Buffer }[]> {
    const r = await sql.query(
      `SELECT position, leaf_hash, chain_hash FROM audit.decision_log WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3`,
      [after, upTo, limit],
    );
    return r.rows.map((row) => ({
      position: Number(row.position),
      leaf: row.leaf_hash as Buffer,
      chain: row.chain_hash as Buffer,
    }));
  }

  /** Serialises checkpointers of several processes for one transaction (a second waits, then finds the work done). */
  async lock(sql: Queryable): Promise<void> {
    await sql.query(`SELECT pg_advisory_xact_lock(7153204114627788545)`);
  }
}

function toCheckpoint(row: Record<string, unknown>): StoredCheckpoint {
  const frontier = row.frontier as Buffer;
  return {
    format: CHECKPOINT_FORMAT,
    size: Number(row.size),
    root: (row.root as Buffer).toString('hex'),
    chainHead: (row.chain_head as Buffer).toString('hex'),
    time: (row.signed_at as Date).toISOString(),
    keyId: row.key_id as string,
    signature: row.signature as string,
    publicKey: row.public_key as string,
    frontier: Array.from({ length: frontier.length / HASH_BYTES }, (_, i) =>
      frontier.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES),
    ),
  };
}
