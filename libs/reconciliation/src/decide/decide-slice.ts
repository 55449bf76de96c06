import {
  BlockingKeyKind,
  blockingKeyKind,
  blockingKeys,
  decideOutcome,
  explainLevels,
  rankCandidates,
  roundWeight,
  RULE_VERSION,
} from '@lgsp/domain';
import { RecordKey, recordKeyOf, SourceCitizenKey, sourceCitizenMap } from '../record-key';
import type { CandidateMatch, Decision, DecisionCause, Retraction } from '../results/decision';
import type { SectoralRecord, UnresolvedKeys } from '../results/sectoral-records.repository';
import { CitizenView, DecisionContext, RecordToDecide, StoredPrimary } from './decision-context';
import { citizenIdOf, isLive, needsCandidates } from './registry-lookups';

/** Candidates kept per unresolved record. */
export const CANDIDATES_KEPT = 3;

/** A record whose resolved citizen differs from the one stored with it. */
export interface CitizenChangeOfRecord extends RecordKey {
  readonly citizenId: string | null;
}

/** What deciding a slice produces; the writer applies it in a fixed order. */
export interface SliceDecisions {
  readonly decisions: Decision[];
  readonly citizenChanges: CitizenChangeOfRecord[];
  /** Blocking keys of each decided or deleted record (empty once it found its citizen). */
  readonly unresolvedKeys: UnresolvedKeys[];
  /** Deleted records: their current result goes (their decisions stay in the history). */
  readonly retractions: Retraction[];
}

/**
 * Decides a slice of sectoral records against the registry. Pure: it reads only the records
 * and the context loaded for them, and changes neither.
 */
export function decideSlice(items: readonly RecordToDecide[], context: DecisionContext, cause: DecisionCause): SliceDecisions {
  const live = items
    .filter((i) => isLive(i.record))
    .map((i) => ({ ...i, citizenId: citizenIdOf(context.lookups.get(i.record)) }));
  const primaryOf = primaries(live, context);

  const decisions: Decision[] = [];
  const citizenChanges: CitizenChangeOfRecord[] = [];
  const unresolvedKeys: UnresolvedKeys[] = [];
  for (const { record: r, citizenId, causeEventId, isNew } of live) {
    if (citizenId !== r.citizenId) citizenChanges.push({ ...recordKeyOf(r), citizenId });
    const lookup = context.lookups.get(r) ?? { kind: 'NONE' as const };
    const primary = citizenId === null ? undefined : primaryOf.get({ source: r.source, citizenId });
    const decision = decideOutcome({
      recorded: r.person!,
      lookup,
      duplicateInSource: primary !== undefined && primary.entityId !== r.entityId,
      active: r.active,
    });
    const { differences, ...evidence } = decision.evidence;
    const citizen = lookup.kind === 'NONE' ? null : lookup.citizen;
    const searched = needsCandidates(r, context.lookups);
    decisions.push({
      source: r.source,
      entityId: r.entityId,
      outcome: decision.outcome,
      alsoApplies: decision.alsoApplies,
      citizenId,
      // Where the record counts in match rates: the registry's residence when known, else what the record says.
      provinceCode: citizen?.provinceCode ?? r.person!.provinceCode ?? null,
      communeCode: citizen?.communeCode ?? r.person!.communeCode ?? null,
      differences,
      evidence,
      candidates: searched ? candidatesFor(r, context) : [],
      ruleVersion: decision.ruleVersion,
      registryVersion: citizen?.version ?? null,
      cause,
      causeEventId,
      input: r.ref,
      sequence: r.decisionSequence + 1,
    });
    unresolvedKeys.push({ source: r.source, entityId: r.entityId, isNew, keys: searched ? blockingKeys(r.person!) : [] });
  }

  const retractions: Retraction[] = [];
  for (const { record: r, causeEventId, isNew } of items) {
    if (!r.deleted) continue;
    retractions.push({
      source: r.source,
      entityId: r.entityId,
      reason: 'RECORD_DELETED',
      cause: 'record-event',
      causeEventId,
      input: r.ref,
      ruleVersion: RULE_VERSION,
      sequence: r.decisionSequence + 1,
    });
    unresolvedKeys.push({ source: r.source, entityId: r.entityId, isNew, keys: [] });
  }
  return { decisions, citizenChanges, unresolvedKeys, retractions };
}

/**
 * For each source and citizen, the record that counts as the original; the others are
 * duplicates. A record naming the citizen by the current ID wins over one naming them by a
 * legacy number (the two travel on different partitions, so arrival order between them means
 * nothing); among equals the one seen first. The slice's records compete with the stored original.
 */
function primaries(
  live: readonly { record: SectoralRecord; citizenId: string | null }[],
  context: DecisionContext,
): { get(key: SourceCitizenKey): StoredPrimary | undefined } {
  const best = sourceCitizenMap<StoredPrimary>();
  const rank = (p: StoredPrimary, citizenId: string): [number, number] => [p.lookupId === citizenId ? 0 : 1, p.firstSeen];
  const offer = (key: SourceCitizenKey, p: StoredPrimary) => {
    const current = best.get(key);
    if (current === undefined || compare(rank(p, key.citizenId), rank(current, key.citizenId)) < 0) best.set(key, p);
  };
  for (const { record, citizenId } of live) {
    if (citizenId === null) continue;
    const key = { source: record.source, citizenId };
    const stored = context.primaries.get(key);
    if (stored) offer(key, stored);
    offer(key, { entityId: record.entityId, lookupId: record.lookupId, firstSeen: record.firstSeen });
  }
  return best;
}

function compare(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Candidate search for a record whose ID is wrong or unknown: blocking, then Fellegi-Sunter ranking. */
function candidatesFor(r: SectoralRecord, context: DecisionContext): CandidateMatch[] {
  const seen = new Map<string, CitizenView>();
  const foundBy = new Map<string, BlockingKeyKind[]>();
  for (const key of blockingKeys(r.person!)) {
    for (const c of context.candidatePool.get(key) ?? []) {
      seen.set(c.citizenId, c);
      foundBy.set(c.citizenId, [...(foundBy.get(c.citizenId) ?? []), blockingKeyKind(key)]);
    }
  }
  return rankCandidates(r.person!, [...seen.values()], CANDIDATES_KEPT).map((c) => ({
    citizenId: c.citizen.citizenId,
    weight: roundWeight(c.weight),
    probability: Math.round(c.probability * 1000) / 1000,
    fields: explainLevels(c.levels),
    foundBy: foundBy.get(c.citizen.citizenId)!,
  }));
}
