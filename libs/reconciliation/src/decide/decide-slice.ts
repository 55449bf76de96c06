import {
  BlockingKeyKind,
  blockingKeyKind,
  recordSearchKeys,
  BUILT_IN_RULE_SET,
  currentPlaceOf,
  decideOutcome,
  explainLevels,
  FellegiSunterScorer,
  priorOf,
  rankCandidates,
  RankedCandidate,
  RecordedPerson,
  roundWeight,
  RuleSet,
} from '@lgsp/domain';
import { DuplicateGroupRef, duplicateGroupMap, KeyedMap, RecordKey, recordKeyOf } from '../record-key';
import type { CandidateMatch, Decision, DecisionEvidence, DuplicateGroup, ProposedLink, Retraction } from '../results/decision';
import type { SectoralRecord, UnresolvedKeys } from '../results/sectoral-records.repository';
import { CitizenView, DecisionContext, GroupMember, RecordToDecide } from './decision-context';
import { groupKeyOf, rankMembers } from './duplicate-groups';
import { citizenIdOf, isLive, needsCandidates } from './registry-lookups';

/** Candidates kept per unresolved record (the built-in rule set's). */
export const CANDIDATES_KEPT = BUILT_IN_RULE_SET.candidatesKept;

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
 * and the context loaded for them, and changes neither. The live pipeline runs the built-in rule
 * set; a replay may pass a candidate one (its version is then what the decisions record).
 */
export function decideSlice(
  items: readonly RecordToDecide[],
  context: DecisionContext,
  rules: RuleSet = BUILT_IN_RULE_SET,
): SliceDecisions {
  const live = items
    .filter((i) => isLive(i.record))
    .map((i) => ({ ...i, citizenId: citizenIdOf(context.lookups.get(i.record)) }));
  const groups = duplicateGroups(live, context);

  const decisions: Decision[] = [];
  const citizenChanges: CitizenChangeOfRecord[] = [];
  const unresolvedKeys: UnresolvedKeys[] = [];
  for (const { record: r, citizenId, cause, causeEventId, isNew } of live) {
    if (citizenId !== r.citizenId) citizenChanges.push({ ...recordKeyOf(r), citizenId });
    const lookup = context.lookups.get(r) ?? { kind: 'NONE' as const };
    const key = groupOf(r, citizenId);
    const ranked = key === null ? undefined : groups.get(key);
    const group = ranked === undefined ? undefined : duplicateGroupOf(ranked, r.entityId, key!.citizenId);
    const decision = decideOutcome(
      {
        recorded: r.person!,
        lookup,
        duplicateInSource: group !== undefined && group.original !== r.entityId,
        active: r.active,
      },
      { ignoredNameKinds: rules.ignoredNameKinds },
    );
    const { differences, ...outcomeEvidence } = decision.evidence;
    const evidence: DecisionEvidence = group === undefined ? outcomeEvidence : { ...outcomeEvidence, duplicateGroup: group };
    const citizen = lookup.kind === 'NONE' ? null : lookup.citizen;
    const searched = needsCandidates(r, context.lookups);
    const candidates = searched ? candidatesFor(r, context, rules) : [];
    if (searched) {
      evidence.registrySize = context.registrySize;
      const link = proposedLink(candidates, rules);
      if (link !== null) evidence.link = link;
    }
    const recordedPlace = currentPlaceOf({
      provinceCode: r.person!.provinceCode ?? null,
      communeCode: r.person!.communeCode ?? null,
    });
    decisions.push({
      source: r.source,
      entityId: r.entityId,
      outcome: decision.outcome,
      alsoApplies: decision.alsoApplies,
      citizenId,
      // Where the record counts in match rates: the registry's residence when known, else what the record says,
      // in current terms (a pre-2025 province or commune code counts in the province and commune it is now).
      provinceCode: citizen?.provinceCode ?? recordedPlace.provinceCode,
      communeCode: citizen?.communeCode ?? recordedPlace.communeCode,
      differences,
      evidence,
      candidates,
      ruleVersion: rules.version,
      registryVersion: citizen?.version ?? null,
      cause,
      causeEventId,
      input: r.ref,
      sequence: r.decisionSequence + 1,
    });
    unresolvedKeys.push({ source: r.source, entityId: r.entityId, isNew, keys: searched ? searchKeys(r.person!, rules) : [] });
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
      ruleVersion: rules.version,
      sequence: r.decisionSequence + 1,
    });
    unresolvedKeys.push({ source: r.source, entityId: r.entityId, isNew, keys: [] });
  }
  return { decisions, citizenChanges, unresolvedKeys, retractions };
}

/** The duplicate group a record is in once resolved to `citizenId` (see groupKeyOf). */
function groupOf(r: SectoralRecord, citizenId: string | null): DuplicateGroupRef | null {
  const key = groupKeyOf({ ...r, citizenId });
  return key === null ? null : { source: r.source, ...key };
}

/**
 * The groups of records registered more than once (same source, citizen and identity), each
 * member list in the order that decides (rankMembers). The slice's records join the stored
 * members outside the slice; a group of one is no group.
 */
function duplicateGroups(
  live: readonly { record: SectoralRecord; citizenId: string | null }[],
  context: DecisionContext,
): KeyedMap<DuplicateGroupRef, GroupMember[]> {
  const members = duplicateGroupMap<GroupMember[]>();
  for (const { record, citizenId } of live) {
    const key = groupOf(record, citizenId);
    if (key === null) continue;
    if (!members.has(key)) members.set(key, [...(context.groupMembers.get(key) ?? [])]);
    members.get(key)!.push({ entityId: record.entityId, lookupId: record.lookupId, firstSeen: record.firstSeen });
  }
  const out = duplicateGroupMap<GroupMember[]>();
  for (const key of members.keys()) {
    const ranked = rankMembers(members.get(key)!, key.citizenId);
    if (ranked.length > 1) out.set(key, ranked);
  }
  return out;
}

function duplicateGroupOf(ranked: readonly GroupMember[], entityId: string, citizenId: string): DuplicateGroup {
  const [original, ...others] = ranked;
  const because = (other: GroupMember) =>
    original.lookupId === citizenId && other.lookupId !== citizenId ? ('CURRENT_ID' as const) : ('FIRST_SEEN' as const);
  if (original.entityId === entityId) {
    return { original: entityId, originalBecause: because(others[0]), duplicates: others.map((m) => m.entityId) };
  }
  return { original: original.entityId, originalBecause: because(ranked.find((m) => m.entityId === entityId)!) };
}

/** Candidate search for a record whose ID is wrong or unknown: blocking, then Fellegi-Sunter ranking. */
function candidatesFor(r: SectoralRecord, context: DecisionContext, rules: RuleSet): CandidateMatch[] {
  const seen = new Map<string, CitizenView>();
  const foundBy = new Map<string, BlockingKeyKind[]>();
  for (const key of searchKeys(r.person!, rules)) {
    for (const c of context.candidatePool.get(key) ?? []) {
      seen.set(c.citizenId, c);
      foundBy.set(c.citizenId, [...(foundBy.get(c.citizenId) ?? []), blockingKeyKind(key)]);
    }
  }
  const scorer = candidateScorer(rules, context.registrySize);
  return rankPool(r.person!, [...seen.values()], rules, context.registrySize, scorer).map((c) => ({
    citizenId: c.citizen.citizenId,
    weight: roundWeight(c.weight),
    probability: Math.round(c.probability * 1000) / 1000,
    fields: explainLevels(c.levels, scorer),
    foundBy: foundBy.get(c.citizen.citizenId)!,
  }));
}

/**
 * The ranking step of the candidate search: the rule set's scorer, with the prior of a registry of
 * `registrySize` citizens, ranks a pool and keeps the rule set's number of candidates. The decide
 * step ranks the citizens its blocking keys found; the eval's all-pairs reference ranks the whole
 * registry with this same function, so the two differ only in the pool.
 */
export function rankPool<C extends CitizenView>(
  person: RecordedPerson,
  pool: readonly C[],
  rules: RuleSet,
  registrySize: number,
  /** The same scorer, when the caller already holds it (the decide step explains the levels with it). */
  scorer: FellegiSunterScorer = candidateScorer(rules, registrySize),
): RankedCandidate<C>[] {
  return rankCandidates(person, pool, rules.candidatesKept, scorer);
}

function candidateScorer(rules: RuleSet, registrySize: number): FellegiSunterScorer {
  return scorerOf(rules).withPrior(priorOf(rules, registrySize));
}

/** The best candidate, when its published probability reaches the rule set's threshold. */
export function proposedLink(candidates: readonly CandidateMatch[], rules: RuleSet): ProposedLink | null {
  const best = candidates[0];
  if (rules.linkThreshold === null || best === undefined || best.probability < rules.linkThreshold) return null;
  return { citizenId: best.citizenId, probability: best.probability, threshold: rules.linkThreshold };
}

/** The blocking keys a rule set searches a person under (the built-in: all three kinds). */
export function searchKeys(person: Parameters<typeof recordSearchKeys>[0], rules: RuleSet): string[] {
  return recordSearchKeys(person).filter((k) => rules.blockingKeys.includes(blockingKeyKind(k)));
}

const scorers = new WeakMap<RuleSet, FellegiSunterScorer>();

/** One scorer per rule set: its weights are computed once. */
function scorerOf(rules: RuleSet): FellegiSunterScorer {
  let scorer = scorers.get(rules);
  if (scorer === undefined) {
    scorer = new FellegiSunterScorer(rules.mU, undefined, rules.nameSimilarJw);
    scorers.set(rules, scorer);
  }
  return scorer;
}
