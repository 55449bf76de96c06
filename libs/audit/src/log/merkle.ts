import { nodeHash } from './hashes';

/**
 * The RFC 9162 Merkle tree head of a growing list of leaves, in O(log n) memory: the stack holds
 * the roots of the perfect subtrees of the leaves so far, largest (leftmost) first, like the
 * bits of a binary counter. Verifying ten million leaves keeps 24 hashes, not ten million.
 */
export class MerkleAccumulator {
  private readonly stack: Buffer[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The perfect subtrees' roots (at most 64 hashes): stored with a checkpoint, the next one goes on from them. */
  frontier(): Buffer[] {
    return [...this.stack];
  }

  /** The accumulator of `size` leaves whose frontier() this was; refuses a frontier of the wrong length. */
  static resume(size: number, frontier: readonly Buffer[]): MerkleAccumulator {
    let bits = 0;
    for (let n = size; n > 0; n = Math.floor(n / 2)) bits += n % 2;
    if (!Number.isSafeInteger(size) || size < 0 || bits !== frontier.length)
      throw new RangeError(`a tree of ${size} leaves has ${bits} subtrees, not ${frontier.length}`);
    const acc = new MerkleAccumulator();
    acc.stack.push(...frontier);
    acc.count = size;
    return acc;
  }

  push(leaf: Buffer): void {
    let node = leaf;
    // Each trailing one bit of the count is a perfect subtree of the same height as the new node: merge them.
    for (let n = this.count; n & 1; n >>= 1) node = nodeHash(this.stack.pop()!, node);
    this.stack.push(node);
    this.count++;
  }

  /** MTH of the leaves so far (RFC 9162 §2.1.1); the empty tree's is SHA-256 of nothing. */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    // The tree splits at the largest power of two below n: fold the subtrees from the right.
    let root = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i], root);
    return root;
  }
}

const EMPTY_ROOT = Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex');

/** MTH(D[0:n]) of leaves in memory. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  const acc = new MerkleAccumulator();
  for (const leaf of leaves) acc.push(leaf);
  return acc.root();
}

/**
 * The inclusion proof of leaf `index` in the tree of the first `size` leaves (RFC 9162 §2.1.3.1,
 * PATH(m, D[0:n])): the sibling hashes from the leaf up to the root.
 */
export function inclusionProof(leaves: readonly Buffer[], index: number, size: number): Buffer[] {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size || size > leaves.length)
    throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves (${leaves.length} known)`);
  return path(leaves, index, 0, size);
}

function path(leaves: readonly Buffer[], m: number, start: number, n: number): Buffer[] {
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (m < k) return [...path(leaves, m, start, k), subtreeRoot(leaves, start + k, n - k)];
  return [...path(leaves, m - k, start + k, n - k), subtreeRoot(leaves, start, k)];
}

function subtreeRoot(leaves: readonly Buffer[], start: number, n: number): Buffer {
  return merkleRoot(leaves.slice(start, start + n));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Checks an inclusion proof (RFC 9162 §2.1.3.2): true when `leaf` at `index` and the proof's
 * siblings hash up to `root` of a tree of `size` leaves, with exactly the siblings that tree needs.
 */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        // A right edge: climb until this node is a right child again.
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}
