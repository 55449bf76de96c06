import { createHash } from 'node:crypto';

/**
 * A decision as stored (reconciliation.decisions for live ones, audit_replay.decisions for a
 * replay's): the columns the digest covers. `evidence` holds `alsoApplies`, as both tables store it.
 */
export interface DigestRow {
  source: string;
  entity_id: string;
  cause_event_id: string;
  outcome: string;
  citizen_id: string | null;
  differences: unknown;
  evidence: unknown;
  candidates: unknown;
  rule_version: string;
  registry_version: number | null;
}

/** JSON with object keys sorted at every depth and no undefined members: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** The line of one decision in the digest: everything the decision says, nothing about when or where it was written. */
export function digestLine(r: DigestRow): string {
  return canonicalJson([
    r.source,
    r.entity_id,
    r.cause_event_id,
    r.outcome,
    r.citizen_id,
    r.differences,
    r.evidence,
    r.candidates,
    r.rule_version,
    r.registry_version,
  ]);
}

/**
 * SHA-256 over the decisions' lines ordered by (source, entity, cause event), one per line: the
 * same set of decisions gives the same digest whatever order they were decided or read in.
 */
export function decisionDigest(rows: Iterable<DigestRow>): { digest: string; count: number } {
  const lines = [...rows]
    .sort((a, b) => cmp(a.source, b.source) || cmp(a.entity_id, b.entity_id) || cmp(a.cause_event_id, b.cause_event_id))
    .map(digestLine);
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return { digest: hash.digest('hex'), count: lines.length };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
