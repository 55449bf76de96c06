import { maskId } from '@lgsp/domain';
import { canonicalJson, DigestRow } from './decision-digest';

interface StoredDifference {
  field: string;
  kind: string;
  rule: string;
}
interface StoredCandidate {
  citizenId: string;
  fields: { field: string; level: string; weight: number }[];
}

/** One field whose difference the rule change made appear, go or change, with the comparison (rule) on each side. */
export interface DifferenceChange {
  field: string;
  live: { kind: string; rule: string } | null;
  replay: { kind: string; rule: string } | null;
}

/** A candidate's compared field whose agreement level changed (citizen IDs masked). */
export interface CandidateFieldChange {
  citizenId: string;
  field: string;
  live: string | null;
  replay: string | null;
}

/** A record whose decision the replay changed: what changed, and through which comparison. */
export interface RecordChange {
  source: string;
  entityId: string;
  outcome: { live: string; replay: string } | null;
  differences: DifferenceChange[];
  candidates: { live: string[]; replay: string[]; fields: CandidateFieldChange[] } | null;
}

/**
 * The records whose outcome, differences or candidates differ between the live decisions and a
 * replay's of the same events, in (source, entity) order; a record the same on all three is not
 * listed. Citizen IDs of candidates are masked: the report is handed on.
 */
export function diffDecisions(live: readonly DigestRow[], replay: readonly DigestRow[]): RecordChange[] {
  const key = (r: DigestRow) => `${r.source}\u0000${r.entity_id}`;
  const liveOf = new Map(live.map((r) => [key(r), r]));
  const out: RecordChange[] = [];
  for (const r of [...replay].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))) {
    const l = liveOf.get(key(r));
    if (l === undefined) continue;
    const outcome = l.outcome === r.outcome ? null : { live: l.outcome, replay: r.outcome };
    const differences = differenceChanges(l.differences as StoredDifference[], r.differences as StoredDifference[]);
    const candidates = candidateChanges(l.candidates as StoredCandidate[], r.candidates as StoredCandidate[]);
    if (outcome === null && differences.length === 0 && candidates === null) continue;
    out.push({ source: r.source, entityId: r.entity_id, outcome, differences, candidates });
  }
  return out;
}

function differenceChanges(live: StoredDifference[], replay: StoredDifference[]): DifferenceChange[] {
  const fields = [...new Set([...live, ...replay].map((d) => d.field))];
  const side = (d: StoredDifference | undefined) => (d === undefined ? null : { kind: d.kind, rule: d.rule });
  return fields
    .map((field) => ({
      field,
      live: side(live.find((d) => d.field === field)),
      replay: side(replay.find((d) => d.field === field)),
    }))
    .filter((c) => JSON.stringify(c.live) !== JSON.stringify(c.replay));
}

function candidateChanges(live: StoredCandidate[], replay: StoredCandidate[]): RecordChange['candidates'] {
  const ids = (cs: StoredCandidate[]) => cs.map((c) => c.citizenId);
  const fields: CandidateFieldChange[] = [];
  for (const id of [...new Set([...ids(live), ...ids(replay)])]) {
    const l = live.find((c) => c.citizenId === id);
    const r = replay.find((c) => c.citizenId === id);
    const names = [...new Set([...(l?.fields ?? []), ...(r?.fields ?? [])].map((f) => f.field))];
    for (const field of names) {
      const lv = l?.fields.find((f) => f.field === field)?.level ?? null;
      const rv = r?.fields.find((f) => f.field === field)?.level ?? null;
      if (lv !== rv) fields.push({ citizenId: maskId(id), field, live: lv, replay: rv });
    }
  }
  // Key order apart: the live history keeps its JSON as written (json), a replay's is jsonb (keys sorted).
  const same = canonicalJson(live) === canonicalJson(replay);
  return same ? null : { live: ids(live).map(maskId), replay: ids(replay).map(maskId), fields };
}

/** A record the same on outcome, differences and candidates whose decision still differs: which other parts do. */
export interface OtherChange {
  source: string;
  entityId: string;
  /** Of citizen_id, evidence, registry_version (the rule version is left out: a candidate set always changes it). */
  fields: string[];
}

/** The records diffDecisions does not list whose stored decisions differ in another part. */
export function otherChanges(live: readonly DigestRow[], replay: readonly DigestRow[]): OtherChange[] {
  const listed = new Set(diffDecisions(live, replay).map((c) => `${c.source}\u0000${c.entityId}`));
  const liveOf = new Map(live.map((r) => [`${r.source}\u0000${r.entity_id}`, r]));
  const out: OtherChange[] = [];
  for (const r of replay) {
    const key = `${r.source}\u0000${r.entity_id}`;
    const l = liveOf.get(key);
    if (l === undefined || listed.has(key)) continue;
    const fields = (['citizen_id', 'evidence', 'registry_version'] as const).filter(
      (f) => canonicalJson(l[f]) !== canonicalJson(r[f]),
    );
    if (fields.length > 0) out.push({ source: r.source, entityId: r.entity_id, fields });
  }
  return out.sort((a, b) => (a.source + a.entityId < b.source + b.entityId ? -1 : 1));
}
