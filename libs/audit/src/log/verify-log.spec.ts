import { generateKeyPairSync } from 'node:crypto';
import { Checkpoint, signCheckpoint } from './checkpoint';
import { CHAIN_GENESIS, chainHash, leafHash } from './hashes';
import { merkleRoot } from './merkle';
import { LoggedEntry, LogVerifier, VerifyReport } from './verify-log';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

/** A log as the writer builds it: leaf of each row's content, each chained on the one before. */
function logOf(contents: string[]): LoggedEntry[] {
  let chain = CHAIN_GENESIS;
  return contents.map((content, i) => {
    const leaf = leafHash(content);
    chain = chainHash(chain, leaf);
    return { position: i + 1, decisionId: String(100 + i), leafHash: leaf, chainHash: chain, content };
  });
}

function checkpointOf(entries: LoggedEntry[], size: number): Checkpoint {
  return signCheckpoint(privateKey, {
    size,
    root: merkleRoot(entries.slice(0, size).map((e) => e.leafHash)).toString('hex'),
    chainHead: (size === 0 ? CHAIN_GENESIS : entries[size - 1].chainHash).toString('hex'),
    time: '2026-12-02T12:00:00.000Z',
  });
}

function verify(entries: LoggedEntry[], checkpoints: Checkpoint[] = [], notLogged: string[] = []): VerifyReport {
  const v = new LogVerifier(checkpoints, publicKey);
  entries.forEach((e) => v.push(e));
  notLogged.forEach((id) => v.notLogged(id));
  return v.finish();
}

const contents = Array.from({ length: 10 }, (_, i) => `{"id": ${100 + i}, "outcome": "MATCHED"}`);

describe('LogVerifier', () => {
  it('passes an untouched log and its checkpoints, and reports the tree and chain heads', () => {
    const log = logOf(contents);
    const report = verify(log, [checkpointOf(log, 4), checkpointOf(log, 10)]);
    expect(report).toMatchObject({ ok: true, entries: 10, checkpointsChecked: 2, signaturesChecked: true, first: null });
    expect(report.root).toBe(merkleRoot(log.map((e) => e.leafHash)).toString('hex'));
    expect(report.chainHead).toBe(log[9].chainHash.toString('hex'));
  });

  it('names an edited decision row at its position, once', () => {
    const log = logOf(contents);
    log[6] = { ...log[6], content: contents[6].replace('MATCHED', 'MISMATCH') };
    const report = verify(log);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'decision-edited', position: 7, decisionId: '106' })]);
  });

  it('names a deleted decision row at its position', () => {
    const log = logOf(contents);
    log[2] = { ...log[2], content: null };
    expect(verify(log).first).toMatchObject({ kind: 'decision-deleted', position: 3, decisionId: '102' });
  });

  it('names a decision row that no entry logs', () => {
    expect(verify(logOf(contents), [], ['999']).first).toMatchObject({ kind: 'decision-not-logged', decisionId: '999' });
  });

  it('names a removed log entry and an edited chain hash', () => {
    const log = logOf(contents);
    expect(verify([...log.slice(0, 4), ...log.slice(5)]).first).toMatchObject({ kind: 'log-entry-missing', position: 5 });
    const edited = logOf(contents);
    edited[3] = { ...edited[3], leafHash: leafHash('other'), content: 'other' };
    expect(verify(edited).first).toMatchObject({ kind: 'chain-broken', position: 4 });
  });

  it('catches a chain rewritten from the start against a checkpoint held elsewhere', () => {
    const signed = logOf(contents);
    const checkpoint = checkpointOf(signed, 8);
    // An edit with every hash recomputed: consistent on its own.
    const rewritten = logOf(contents.map((c, i) => (i === 2 ? c.replace('MATCHED', 'UNMATCHED') : c)));
    expect(verify(rewritten).ok).toBe(true);
    const report = verify(rewritten, [checkpoint]);
    expect(report.ok).toBe(false);
    expect(report.first).toMatchObject({ kind: 'checkpoint-mismatch', position: 8 });
  });

  it('catches a log truncated below a checkpoint, and a checkpoint whose signature is forged or foreign', () => {
    const log = logOf(contents);
    expect(verify(log.slice(0, 6), [checkpointOf(log, 10)]).first).toMatchObject({ kind: 'checkpoint-beyond-log' });
    const forged = { ...checkpointOf(log, 5), size: 4 };
    expect(verify(log, [forged]).findings.map((f) => f.kind)).toContain('checkpoint-signature');
    const other = generateKeyPairSync('ed25519').privateKey;
    const foreign = signCheckpoint(other, { ...checkpointOf(log, 5) });
    expect(verify(log, [foreign]).first?.detail).toMatch(/not by the verifying key/);
  });

  it('orders findings by position, so the first is the first bad row', () => {
    const log = logOf(contents);
    log[8] = { ...log[8], content: null };
    log[1] = { ...log[1], content: 'edited' };
    const report = verify(log);
    expect(report.findings.map((f) => f.position)).toEqual([2, 9]);
  });

  it('takes a whole intact run packed in two buffers as it takes its entries one by one, and refuses a run with a gap or a broken chain', () => {
    const log = logOf(contents);
    const pack = (entries: LoggedEntry[], field: 'leafHash' | 'chainHash') => Buffer.concat(entries.map((e) => e[field]));
    const checkpoints = [checkpointOf(log, 3), checkpointOf(log, 7), checkpointOf(log, 10)];
    const packed = new LogVerifier(checkpoints, publicKey);
    expect(packed.pushIntact(1, 6, pack(log.slice(0, 6), 'leafHash'), pack(log.slice(0, 6), 'chainHash'))).toBe(true);
    // Not the next position: refused, nothing taken.
    expect(packed.pushIntact(8, 3, pack(log.slice(7), 'leafHash'), pack(log.slice(7), 'chainHash'))).toBe(false);
    const broken = pack(log.slice(6), 'chainHash');
    broken[40] ^= 1;
    expect(packed.pushIntact(7, 4, pack(log.slice(6), 'leafHash'), broken)).toBe(false);
    expect(packed.pushIntact(7, 4, pack(log.slice(6), 'leafHash'), pack(log.slice(6), 'chainHash'))).toBe(true);
    expect(packed.finish()).toEqual(verify(log, checkpoints));
    expect(packed.finish()).toMatchObject({ ok: true, entries: 10, checkpointsChecked: 3 });

    // A checkpoint that does not match is found inside a packed run as it is entry by entry.
    const forged = { ...checkpointOf(log, 5), root: '00'.repeat(32) };
    const v = new LogVerifier([forged], null);
    expect(v.pushIntact(1, 10, pack(log, 'leafHash'), pack(log, 'chainHash'))).toBe(true);
    expect(v.finish().first).toMatchObject({ kind: 'checkpoint-mismatch', position: 5 });
  });
});
