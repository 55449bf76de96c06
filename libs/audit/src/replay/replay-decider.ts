import type { SyncEventOf } from '@lgsp/contracts';
import { BUILT_IN_RULE_SET, RuleSet } from '@lgsp/domain';
import {
  CitizenView,
  citizenView,
  decideSlice,
  Decision,
  DuplicateGroupRef,
  duplicateGroupMap,
  EventRef,
  GroupMember,
  groupKeyOf,
  idsToLookUp,
  registryLookups,
  needsCandidates,
  resolveCitizens,
  Retraction,
  SectoralRecord,
  searchKeys,
  SectoralSource,
  toRecord,
} from '@lgsp/reconciliation';
import { AsOfRegistry } from './as-of-registry';

/** One valid event of a sectoral source, read for a replay. */
export interface ReplayEvent {
  source: SectoralSource;
  event: SyncEventOf<SectoralSource>;
  ref: EventRef;
}

/** The key of liveSizes: the record and the event that caused its decision. */
export const liveSizeKey = (source: string, entityId: string, causeEventId: string) =>
  `${source}\u0000${entityId}\u0000${causeEventId}`;

const recordId = (source: string, entityId: string) => `${source}\u0000${entityId}`;
const groupId = (g: DuplicateGroupRef) => JSON.stringify([g.source, g.citizenId, g.identity]);

/**
 * Decides events one at a time, in the order given, the way the worker decides a record's own
 * event: the record as the event carries it, the registry as it stood at the event's source commit
 * time (AsOfRegistry), the other members of its duplicate group among the records this replay has
 * seen, then the pure decide step the worker runs (decideSlice). Nothing is read or written.
 *
 * What it cannot reproduce, by design: the live worker decides a batch's records together, so two
 * members of one duplicate group in one live batch see each other, where this replay (one event at
 * a time) lets the earlier not see the later. Duplicate groups with members outside the window are
 * not seen either. Both are stated in ADR 0012.
 */
export class ReplayDecider {
  private readonly records = new Map<string, SectoralRecord>();
  private readonly groups = new Map<string, Set<string>>();
  private seen = 0;

  constructor(
    private readonly registry: AsOfRegistry,
    private readonly rules: RuleSet = BUILT_IN_RULE_SET,
    /**
     * The registry size the live decision of an event recorded (its prior's input): a replay decides
     * with the same, so it reproduces the same probabilities. Without one, the size as of the event.
     */
    private readonly liveSizes: ReadonlyMap<string, number> = new Map(),
  ) {}

  /** The decision (or retraction) of this event; null when the record is not stored (an older offset than one seen). */
  decide({ source, event, ref }: ReplayEvent): Decision | Retraction | null {
    const incoming = toRecord(source, event, ref);
    const at = Date.parse(ref.committedAt);
    const previous = this.records.get(recordId(source, incoming.entityId));
    if (previous && previous.ref.partition === ref.partition && BigInt(previous.ref.offset) > BigInt(ref.offset)) return null;

    const { ids, legacyIds } = idsToLookUp([incoming]);
    const mapped = this.registry.legacyIdsAt(legacyIds, at);
    const lookups = registryLookups([incoming], mapped, this.registry.citizensAt([...ids, ...mapped.values()], at));
    const [resolved] = resolveCitizens([incoming], lookups);
    const record: SectoralRecord = {
      ...resolved,
      firstSeen: previous?.firstSeen ?? ++this.seen,
      decisionSequence: previous?.decisionSequence ?? 0,
    };
    this.store(record, previous);

    const groupMembers = duplicateGroupMap<GroupMember[]>();
    const key = groupKeyOf(record);
    if (key !== null) {
      const ref = { source, ...key };
      const others = [...(this.groups.get(groupId(ref)) ?? [])]
        .filter((e) => e !== record.entityId)
        .map((e) => this.records.get(recordId(source, e))!)
        .map((m) => ({ entityId: m.entityId, lookupId: m.lookupId, firstSeen: m.firstSeen }));
      if (others.length > 0) groupMembers.set(ref, others);
    }
    const candidatePool = new Map<string, CitizenView[]>();
    const keys = needsCandidates(record, lookups) ? searchKeys(record.person!, this.rules) : [];
    for (const [k, citizens] of this.registry.candidatesAt(keys, at, this.rules.candidatesPerKey))
      candidatePool.set(k, citizens.filter((c) => c.record).map(citizenView));

    const item = { record, cause: 'record-event' as const, causeEventId: ref.eventId, isNew: previous === undefined };
    const registrySize = this.liveSizes.get(liveSizeKey(source, incoming.entityId, ref.eventId)) ?? this.registry.sizeAt(at);
    const { decisions, retractions } = decideSlice([item], { lookups, groupMembers, candidatePool, registrySize }, this.rules);
    const decided = decisions[0] ?? retractions[0] ?? null;
    if (decided !== null) record.decisionSequence = decided.sequence;
    return decided;
  }

  /** Keeps the record's latest version and its duplicate-group membership. */
  private store(record: SectoralRecord, previous: SectoralRecord | undefined): void {
    this.records.set(recordId(record.source, record.entityId), record);
    const before = previous ? groupKeyOf(previous) : null;
    if (before !== null) this.groups.get(groupId({ source: record.source, ...before }))?.delete(record.entityId);
    const after = groupKeyOf(record);
    if (after === null) return;
    const id = groupId({ source: record.source, ...after });
    const members = this.groups.get(id) ?? new Set<string>();
    this.groups.set(id, members);
    members.add(record.entityId);
  }
}
