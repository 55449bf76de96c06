import { createHash } from 'node:crypto';
import { leafHash, nodeHash } from './hashes';
import { inclusionProof, MerkleAccumulator, merkleRoot, verifyInclusion } from './merkle';

// The test vectors of Certificate Transparency's Merkle tree tests (RFC 6962/9162 hashing).
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
  Buffer.from(hex, 'hex'),
);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** MTH as RFC 9162 §2.1.1 writes it, recursively: what the accumulator must agree with. */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`decision ${i}`));

describe('Merkle tree head', () => {
  it('matches the Certificate Transparency test vectors for 1 to 8 leaves', () => {
    const leaves = INPUTS.map((input) => leafHash(input));
    ROOTS.forEach((root, i) => expect(merkleRoot(leaves.slice(0, i + 1)).toString('hex')).toBe(root));
  });

  it('of the empty tree is SHA-256 of nothing', () => {
    expect(new MerkleAccumulator().root().toString('hex')).toBe(createHash('sha256').digest('hex'));
  });

  it('agrees with the recursive definition at every size, as the leaves arrive', () => {
    const leaves = leavesOf(70);
    const acc = new MerkleAccumulator();
    leaves.forEach((leaf, i) => {
      acc.push(leaf);
      expect(acc.root().equals(referenceRoot(leaves.slice(0, i + 1)))).toBe(true);
    });
  });

  it('goes on from a stored frontier as if it had seen every leaf, and refuses a frontier of the wrong shape', () => {
    const leaves = leavesOf(45);
    for (const cut of [0, 1, 13, 32, 44]) {
      const first = new MerkleAccumulator();
      leaves.slice(0, cut).forEach((l) => first.push(l));
      const resumed = MerkleAccumulator.resume(cut, first.frontier());
      leaves.slice(cut).forEach((l) => resumed.push(l));
      expect(resumed.root().equals(referenceRoot(leaves))).toBe(true);
    }
    expect(() => MerkleAccumulator.resume(13, leaves.slice(0, 2))).toThrow('a tree of 13 leaves has 3 subtrees, not 2');
  });
});

describe('inclusion proofs', () => {
  it('verify for every leaf of every tree size up to 33', () => {
    const leaves = leavesOf(33);
    for (let size = 1; size <= 33; size++) {
      const root = merkleRoot(leaves.slice(0, size));
      for (let i = 0; i < size; i++)
        expect(verifyInclusion(leaves[i], i, size, inclusionProof(leaves, i, size), root)).toBe(true);
    }
  });

  it('fail when forged: another leaf, index, tree shape, root, a changed or missing or extra sibling', () => {
    const leaves = leavesOf(13);
    const root = merkleRoot(leaves);
    const proof = inclusionProof(leaves, 5, 13);
    const flipped = Buffer.from(proof[1]);
    flipped[0] ^= 1;
    expect(verifyInclusion(leaves[6], 5, 13, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[5], 4, 13, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 8, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 13, proof, merkleRoot(leaves.slice(0, 12)))).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 13, [proof[0], flipped, ...proof.slice(2)], root)).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 13, proof.slice(0, -1), root)).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 13, [...proof, proof[0]], root)).toBe(false);
    expect(verifyInclusion(leaves[5], 13, 13, proof, root)).toBe(false);
  });

  it('refuses to prove a leaf outside the tree', () => {
    expect(() => inclusionProof(leavesOf(4), 4, 4)).toThrow('leaf 4 is not in a tree of 4 leaves');
  });
});
