import type { CitizenRecord } from '@lgsp/contracts';
import type { RegistryLookup } from '@lgsp/domain';
import { DuplicateGroupRef, ReadonlyKeyedMap, RecordKey } from '../record-key';
import type { DecisionCause } from '../results/decision';
import type { SectoralRecord } from '../results/sectoral-records.repository';

/** A citizen as the registry view holds them now, with the version a decision names. */
export type CitizenView = CitizenRecord & { readonly version: number };

/** How a record's ID led (or did not lead) to a citizen of the registry. */
export type CitizenLookup = { kind: 'BY_ID' | 'BY_LEGACY_ID'; citizen: CitizenView } | { kind: 'NONE' };

/** A member of a duplicate group, as far as choosing the group's original needs it. */
export interface GroupMember {
  readonly entityId: string;
  readonly lookupId: string | null;
  readonly firstSeen: number;
}

/**
 * Everything the decide step reads, loaded before it runs: it asks nothing of the database,
 * so the same records and context give the same decisions (the worker, a replay, a test).
 */
export interface DecisionContext {
  readonly lookups: ReadonlyKeyedMap<RecordKey, CitizenLookup>;
  /** The stored members of the slice's duplicate groups outside the slice (the slice's own are compared in the step). */
  readonly groupMembers: ReadonlyKeyedMap<DuplicateGroupRef, readonly GroupMember[]>;
  /** Citizens per blocking key, for the records whose ID leads nowhere. */
  readonly candidatePool: ReadonlyMap<string, readonly CitizenView[]>;
  /**
   * How many citizens the registry holds, as the loader estimated it: the candidates' prior is one in
   * it. Given, not looked up, so that the same context gives the same probabilities.
   */
  readonly registrySize: number;
}

/** One record to decide, and the event that makes it due. */
export interface RecordToDecide {
  readonly record: SectoralRecord;
  readonly causeEventId: string;
  readonly cause: DecisionCause;
  /** Stored for the first time in this slice: it has no keys of its own to replace yet. */
  readonly isNew: boolean;
}

export type { RegistryLookup };
