import type { KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Pool } from 'pg';
import { Checkpoint, checkpointSignatureProblem, keyIdOf } from './checkpoint';
import { publishedCheckpoint } from './checkpointer';
import { CheckpointsRepository } from './checkpoints.repository';
import { DecisionLogRepository, PackedPage } from './decision-log.repository';
import { leafHash } from './hashes';
import { inclusionProof, verifyInclusion } from './merkle';
import { publicKeyFromPem } from './signing-key';
import { LogVerifier, VerifyReport } from './verify-log';

/** Rows read per query: keyset pages, so ten million entries never sit in memory. */
const PAGE = 20_000;

export const EXPORT_FORMAT = 'lgsp-decision-log-export/v1';

/** A checkpoint as exported and published: the signed fields and the signer's public key (SPKI PEM). */
export type ExportedCheckpoint = Checkpoint & { publicKey?: string };

export interface KeyChoice {
  /** A key held elsewhere: only it is trusted. */
  trusted: KeyObject | null;
}

/**
 * The keys signatures are checked with: the one held elsewhere when given (the strong check), else the public keys
 * the checkpoints carry (it shows they were signed, not by whom the auditor trusts).
 */
function keysFor(checkpoints: readonly ExportedCheckpoint[], choice: KeyChoice): KeyObject[] {
  if (choice.trusted) return [choice.trusted];
  const byId = new Map<string, KeyObject>();
  for (const c of checkpoints)
    if (c.publicKey) {
      const key = publicKeyFromPem(c.publicKey);
      byId.set(keyIdOf(key), key);
    }
  return [...byId.values()];
}

/**
 * Verifies the log in the database: every entry's leaf against its decision row as it is now (PostgreSQL hashes the
 * rows; 32 bytes a row cross the wire), the chain, the tree at every checkpoint (the database's and `extra` ones held
 * elsewhere), the signatures, and the decisions no entry names.
 */
export async function verifyDatabase(
  pool: Pool,
  options: KeyChoice & {
    extraCheckpoints?: readonly ExportedCheckpoint[];
    onProgress?: (entries: number) => void;
    /** Pages read at once (each on a connection of its own); 3 unless told. */
    concurrency?: number;
  },
): Promise<VerifyReport> {
  const log = new DecisionLogRepository();
  const stored = (await new CheckpointsRepository().all(pool)).map(publishedCheckpoint);
  const checkpoints = [...stored, ...(options.extraCheckpoints ?? [])];
  const verifier = new LogVerifier(checkpoints, keysFor(checkpoints, options));
  // Pages are ranges of positions up to the highest: entries removed from the middle leave a gap, not an early end.
  const census = await log.census(pool);
  const size = census.size;
  // A few pages in flight on their own connections: PostgreSQL hashes the next rows while this process chains these.
  // Each page comes packed (its leaves and chain hashes in two buffers, the leaf comparison done in PostgreSQL); only
  // a page with something wrong in it is read again entry by entry, so that each finding names its row.
  const inFlight: Promise<PackedPage>[] = [];
  let next = 0;
  let allIntact = true;
  const request = () => {
    if (next < size) inFlight.push(log.verifyPage(pool, next, PAGE));
    next += PAGE;
  };
  for (let i = 0; i < (options.concurrency ?? 3); i++) request();
  for (let after = 0; after < size; after += PAGE) {
    const page = await inFlight.shift()!;
    request();
    const intact =
      page.count > 0 &&
      page.differing === 0 &&
      page.last! - page.first! + 1 === page.count &&
      verifier.pushIntact(page.first!, page.count, page.leaves, page.chains);
    if (!intact) {
      allIntact = false;
      for (const e of await log.page(pool, after, PAGE, false)) verifier.push(e);
    }
    options.onProgress?.(Math.min(after + PAGE, size));
  }
  // Every entry matched a row of its own identity, the identities are distinct and there are as many rows as entries
  // (counted in the snapshot the size was read in): every row is some entry's. Otherwise look for the rows no entry names.
  if (!(allIntact && census.distinctIdentities && census.decisions === size))
    for (const id of await log.notLogged(pool, 1000)) verifier.notLogged(id);
  return verifier.finish();
}

interface ExportHeader {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  entries: number;
}
interface ExportEntry {
  type: 'entry';
  position: number;
  decisionId: string;
  leafHash: string;
  chainHash: string;
  /** The decision row's canonical content at export time; null when the row was gone. */
  content: string | null;
}
type ExportLine =
  ExportHeader | (ExportedCheckpoint & { type: 'checkpoint' }) | ExportEntry | { type: 'not-logged'; decisionId: string };

/** Writes the log as JSON lines: a header, the checkpoints, every entry with its decision's content, decisions not logged. */
export async function exportLog(
  pool: Pool,
  write: (line: string) => Promise<void> | void,
): Promise<{ entries: number; checkpoints: number }> {
  const log = new DecisionLogRepository();
  const checkpoints = (await new CheckpointsRepository().all(pool)).map(publishedCheckpoint);
  const size = await log.size(pool);
  const line = (l: ExportLine) => write(`${JSON.stringify(l)}\n`);
  await line({ type: 'header', format: EXPORT_FORMAT, exportedAt: new Date().toISOString(), entries: size });
  for (const c of checkpoints) await line({ type: 'checkpoint', ...c });
  let entries = 0;
  for (let after = 0; after < size; after += PAGE) {
    const page = await log.page(pool, after, PAGE, true);
    for (const e of page)
      await line({
        type: 'entry',
        position: e.position,
        decisionId: e.decisionId,
        leafHash: e.leafHash.toString('hex'),
        chainHash: e.chainHash.toString('hex'),
        content: e.content,
      });
    entries += page.length;
  }
  for (const decisionId of await log.notLogged(pool, 1_000_000)) await line({ type: 'not-logged', decisionId });
  return { entries, checkpoints: checkpoints.length };
}

/** Reads the checkpoints of an export (or of a file of checkpoint lines, e.g. read off the topic). */
export async function checkpointsOfFile(path: string): Promise<ExportedCheckpoint[]> {
  const found: ExportedCheckpoint[] = [];
  for await (const l of linesOf(path)) {
    const { type, ...rest } = l;
    // Export lines say `checkpoint`; a copy of the topic's messages has no type, only the signed fields.
    if (type === 'checkpoint' || (type === undefined && 'signature' in rest)) found.push(rest as unknown as ExportedCheckpoint);
  }
  return found;
}

/** Verifies an export offline, recomputing each leaf from the content it carries. */
export async function verifyExportFile(
  path: string,
  options: KeyChoice & { extraCheckpoints?: readonly ExportedCheckpoint[] },
): Promise<VerifyReport> {
  const checkpoints = [...(await checkpointsOfFile(path)), ...(options.extraCheckpoints ?? [])];
  const verifier = new LogVerifier(checkpoints, keysFor(checkpoints, options));
  let header = false;
  for await (const l of linesOf(path)) {
    if (l.type === 'header') {
      if (l.format !== EXPORT_FORMAT) throw new Error(`${path} is a ${String(l.format)} file, not ${EXPORT_FORMAT}`);
      header = true;
    } else if (l.type === 'entry') {
      const e = l as unknown as ExportEntry;
      verifier.push({
        position: e.position,
        decisionId: e.decisionId,
        leafHash: Buffer.from(e.leafHash, 'hex'),
        chainHash: Buffer.from(e.chainHash, 'hex'),
        content: e.content,
      });
    } else if (l.type === 'not-logged') verifier.notLogged(String(l.decisionId));
  }
  if (!header) throw new Error(`${path} has no ${EXPORT_FORMAT} header line: not an lgsp audit export`);
  return verifier.finish();
}

async function* linesOf(path: string): AsyncGenerator<Record<string, unknown> & { type?: string }> {
  let n = 0;
  for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    n++;
    if (!text.trim()) continue;
    try {
      yield JSON.parse(text) as Record<string, unknown> & { type?: string };
    } catch {
      throw new Error(`${path} line ${n} is not JSON`);
    }
  }
}

/** An inclusion proof of one decision against a signed checkpoint: everything needed to check it offline. */
export interface InclusionProofFile {
  format: 'lgsp-decision-inclusion-proof/v1';
  decisionId: string;
  position: number;
  /** The decision's canonical content (what the leaf hashes); null when the row is gone from the database. */
  content: string | null;
  leafHash: string;
  treeSize: number;
  proof: string[];
  checkpoint: ExportedCheckpoint;
}

/**
 * The proof of a record's latest logged decision (or of the one caused by `causeEventId`) against the latest checkpoint
 * that covers it. Reads the leaf hashes up to the checkpoint's size (32 bytes each).
 */
export async function proveDecision(
  pool: Pool,
  ref: { source: string; entityId: string; causeEventId?: string },
): Promise<InclusionProofFile | { problem: string; next: string }> {
  const log = new DecisionLogRepository();
  const found = (await log.find(pool, ref)).filter((f) => !ref.causeEventId || f.causeEventId === ref.causeEventId);
  if (found.length === 0)
    return {
      problem: `no logged decision of ${ref.source}/${ref.entityId}${ref.causeEventId ? ` caused by ${ref.causeEventId}` : ''}`,
      next: 'check the source and entity id (lgsp audit export lists the decisions)',
    };
  const target = found[found.length - 1];
  const checkpoint = await new CheckpointsRepository().latest(pool);
  if (!checkpoint || checkpoint.size < target.position)
    return {
      problem: `no checkpoint covers position ${target.position} yet (latest covers ${checkpoint?.size ?? 0})`,
      next: 'run lgsp audit checkpoint, then prove again',
    };
  const leaves = await log.leaves(pool, checkpoint.size);
  const [entry] = await log.page(pool, target.position - 1, 1, true);
  return {
    format: 'lgsp-decision-inclusion-proof/v1',
    decisionId: entry.decisionId,
    position: entry.position,
    content: entry.content,
    leafHash: entry.leafHash.toString('hex'),
    treeSize: checkpoint.size,
    proof: inclusionProof(leaves, entry.position - 1, checkpoint.size).map((h) => h.toString('hex')),
    checkpoint: publishedCheckpoint(checkpoint),
  };
}

/** Why a proof does not hold, or null when it does: content to leaf, leaf to the signed root, the signature. */
export function proofProblem(p: InclusionProofFile, trusted: KeyObject | null): string | null {
  if (p.format !== 'lgsp-decision-inclusion-proof/v1') return `unknown proof format ${JSON.stringify(p.format)}`;
  if (p.content !== null && leafHash(p.content).toString('hex') !== p.leafHash)
    return 'the decision content does not hash to the proven leaf';
  if (p.treeSize !== p.checkpoint.size)
    return `the proof is for a tree of ${p.treeSize} leaves, the checkpoint signs ${p.checkpoint.size}`;
  const ok = verifyInclusion(
    Buffer.from(p.leafHash, 'hex'),
    p.position - 1,
    p.treeSize,
    p.proof.map((h) => Buffer.from(h, 'hex')),
    Buffer.from(p.checkpoint.root, 'hex'),
  );
  if (!ok) return `the leaf at position ${p.position} and the proof's hashes do not reach the checkpoint's tree head`;
  const key = trusted ?? (p.checkpoint.publicKey ? publicKeyFromPem(p.checkpoint.publicKey) : null);
  if (!key) return 'the checkpoint carries no public key and none was given (--public-key)';
  return checkpointSignatureProblem(key, p.checkpoint);
}
