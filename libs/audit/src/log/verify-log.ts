import type { KeyObject } from 'node:crypto';
import { Checkpoint, checkpointSignatureProblem, keyIdOf } from './checkpoint';
import { CHAIN_GENESIS, chainHash, HASH_BYTES, leafHash } from './hashes';
import { MerkleAccumulator } from './merkle';

/** One entry of the log as read back, with the content of the decision row it names now. */
export interface LoggedEntry {
  position: number;
  decisionId: string;
  leafHash: Buffer;
  chainHash: Buffer;
  /** The decision row's canonical content today; null when the row is gone. */
  content: string | null;
  /**
   * Instead of `content`: the leaf the row hashes to today, computed where the row is (PostgreSQL
   * hashes it without sending it); null when the row is gone.
   */
  currentLeaf?: Buffer | null;
}

export type FindingKind =
  | 'decision-edited'
  | 'decision-deleted'
  | 'decision-not-logged'
  | 'log-entry-missing'
  | 'chain-broken'
  | 'checkpoint-mismatch'
  | 'checkpoint-beyond-log'
  | 'checkpoint-signature';

export interface Finding {
  kind: FindingKind;
  /** The log position, where there is one (a decision that is not in the log has none). */
  position: number | null;
  decisionId: string | null;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  root: string;
  chainHead: string;
  checkpointsChecked: number;
  /** False when no public key was given: the checkpoints' contents were compared, their signatures not. */
  signaturesChecked: boolean;
  /** The first bad row in log order; decisions missing from the log come after the log's own findings. */
  first: Finding | null;
  findings: Finding[];
  /** Findings past this many are counted, not kept: a rewritten table must not exhaust memory. */
  findingsOmitted: number;
}

const KEPT_FINDINGS = 1000;

/**
 * Recomputes the log entry by entry (pure: the caller streams the entries in position order
 * and hands over the decisions that no entry names). The chain and the tree go on from the
 * hashes the log stores, so one edited row is reported once and not as every row after it.
 */
export class LogVerifier {
  private readonly tree = new MerkleAccumulator();
  private chain = CHAIN_GENESIS;
  private readonly findings: Finding[] = [];
  private omitted = 0;
  private readonly pending: Checkpoint[];
  private checked = 0;
  private lastPosition = 0;

  private readonly keys: KeyObject[];

  /** `publicKey`: the key, or the keys, that may have signed; a checkpoint is checked with the one its key id names. */
  constructor(checkpoints: readonly Checkpoint[], publicKey: KeyObject | readonly KeyObject[] | null) {
    this.keys = publicKey === null ? [] : Array.isArray(publicKey) ? [...publicKey] : [publicKey as KeyObject];
    this.pending = [...checkpoints].sort((a, b) => a.size - b.size);
    for (const c of this.pending) this.checkSignature(c);
    this.settleCheckpoints();
  }

  push(entry: LoggedEntry): void {
    // From the last position seen, not the tree's size: one gap is one finding, not one per entry after it.
    const expected = this.lastPosition + 1;
    this.lastPosition = entry.position;
    if (entry.position !== expected)
      this.report({
        kind: 'log-entry-missing',
        position: expected,
        decisionId: null,
        detail: `the log goes from position ${expected - 1} to ${entry.position}: entries were removed`,
      });
    const current = entry.currentLeaf !== undefined ? entry.currentLeaf : entry.content === null ? null : leafHash(entry.content);
    if (current === null)
      this.report({
        kind: 'decision-deleted',
        position: entry.position,
        decisionId: entry.decisionId,
        detail: `decision ${entry.decisionId} is in the log but not in the decisions table`,
      });
    else if (!current.equals(entry.leafHash))
      this.report({
        kind: 'decision-edited',
        position: entry.position,
        decisionId: entry.decisionId,
        detail: `decision ${entry.decisionId} no longer hashes to its logged leaf`,
      });
    const chain = chainHash(this.chain, entry.leafHash);
    if (!chain.equals(entry.chainHash))
      this.report({
        kind: 'chain-broken',
        position: entry.position,
        decisionId: entry.decisionId,
        detail: `the chain hash at position ${entry.position} is not SHA-256(previous || leaf): the log was edited here`,
      });
    this.chain = entry.chainHash;
    this.tree.push(entry.leafHash);
    this.settleCheckpoints();
  }

  /**
   * A run of `count` entries from `first` on whose decision rows all hash to their leaves (the caller checked that
   * where the rows are), given as their leaves and chain hashes packed 32 bytes each. Taken only when the run is
   * whole: no gap before or within it and every chain hash right; then it is pushed as push() would, without an
   * object per entry, and true is returned. Otherwise nothing changes and false is returned: the caller pushes those
   * entries one by one, so that each finding names its row.
   */
  pushIntact(first: number, count: number, leaves: Buffer, chains: Buffer): boolean {
    if (first !== this.lastPosition + 1 || leaves.length !== count * HASH_BYTES || chains.length !== count * HASH_BYTES)
      return false;
    let previous = this.chain;
    for (let i = 0; i < count; i++) {
      const at = i * HASH_BYTES;
      const expected = chainHash(previous, leaves.subarray(at, at + HASH_BYTES));
      if (expected.compare(chains, at, at + HASH_BYTES) !== 0) return false;
      previous = chains.subarray(at, at + HASH_BYTES);
    }
    for (let i = 0; i < count; i++) {
      this.tree.push(leaves.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES));
      if (this.pending.length > 0 && this.pending[0].size <= this.tree.size) {
        this.chain = chains.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);
        this.settleCheckpoints();
      }
    }
    this.chain = previous;
    this.lastPosition = first + count - 1;
    return true;
  }

  /** A decision row that no log entry names: inserted behind the writer's back. */
  notLogged(decisionId: string): void {
    this.report({
      kind: 'decision-not-logged',
      position: null,
      decisionId,
      detail: `decision ${decisionId} is in the decisions table but not in the log`,
    });
  }

  finish(): VerifyReport {
    for (const c of this.pending.splice(0))
      this.report({
        kind: 'checkpoint-beyond-log',
        position: this.tree.size + 1,
        decisionId: null,
        detail: `a checkpoint signed at ${c.time} covers ${c.size} entries; the log has ${this.tree.size}: it was truncated`,
      });
    const ordered = [...this.findings].sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
    return {
      ok: this.findings.length === 0 && this.omitted === 0,
      entries: this.tree.size,
      root: this.tree.root().toString('hex'),
      chainHead: this.chain.toString('hex'),
      checkpointsChecked: this.checked,
      signaturesChecked: this.keys.length > 0,
      first: ordered[0] ?? null,
      findings: ordered,
      findingsOmitted: this.omitted,
    };
  }

  private settleCheckpoints(): void {
    while (this.pending.length > 0 && this.pending[0].size <= this.tree.size) {
      const c = this.pending.shift()!;
      this.checked++;
      // Size 0 has nothing to compare; a checkpoint below the current size was settled when the tree had its size.
      if (c.size !== this.tree.size) continue;
      const root = this.tree.root().toString('hex');
      const head = (c.size === 0 ? CHAIN_GENESIS : this.chain).toString('hex');
      if (root !== c.root || head !== c.chainHead)
        this.report({
          kind: 'checkpoint-mismatch',
          position: c.size,
          decisionId: null,
          detail:
            `the first ${c.size} entries do not match the checkpoint signed at ${c.time} ` +
            `(${root !== c.root ? 'tree head' : 'chain head'} differs): the log was rewritten at or before position ${c.size}`,
        });
    }
  }

  private checkSignature(c: Checkpoint): void {
    if (this.keys.length === 0) return;
    const key = this.keys.find((k) => keyIdOf(k) === c.keyId) ?? this.keys[0];
    const problem = checkpointSignatureProblem(key, c);
    if (problem)
      this.report({
        kind: 'checkpoint-signature',
        position: c.size,
        decisionId: null,
        detail: `checkpoint of ${c.size} entries signed at ${c.time}: ${problem}`,
      });
  }

  private report(f: Finding): void {
    if (this.findings.length < KEPT_FINDINGS) this.findings.push(f);
    else this.omitted++;
  }
}
