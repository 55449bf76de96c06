import type { BlockingKeyKind, FieldDifference, FieldEvidence, Outcome, OutcomeEvidence } from '@lgsp/domain';
import { EventRef } from '../event-ref';
import { SectoralSource } from './sectoral-records.repository';

/**
 * A record registered more than once. A duplicate names its original and why that one wins over
 * it; the original lists its duplicates (it is decided again when one joins or leaves).
 */
export interface DuplicateGroup {
  original: string;
  /** CURRENT_ID: the original names the citizen by the 12-digit ID and the other does not; else FIRST_SEEN. */
  originalBecause: 'CURRENT_ID' | 'FIRST_SEEN';
  /** On the original only: the other members, in the order that decides. */
  duplicates?: string[];
}

export interface CandidateMatch {
  citizenId: string;
  /** log2 Fellegi-Sunter match weight. */
  weight: number;
  probability: number;
  /** Why: each compared field's agreement level and weight (they add up to `weight`). */
  fields: FieldEvidence[];
  /** The kinds of blocking key under which the search found this citizen. */
  foundBy: BlockingKeyKind[];
}

/**
 * The best candidate proposed as the record's citizen: its probability reached the rule set's link
 * threshold. A proposal: the record stays INVALID_ID / NOT_FOUND and `citizenId` stays null.
 */
export interface ProposedLink {
  citizenId: string;
  probability: number;
  threshold: number;
}

/** What a decision says beyond the outcome's own evidence. */
export type DecisionEvidence = Omit<OutcomeEvidence, 'differences'> & {
  duplicateGroup?: DuplicateGroup;
  /** Searched records: the registry's size the candidates' prior was taken from (an input, kept so a replay reproduces it). */
  registrySize?: number;
  link?: ProposedLink;
};

/**
 * Why a record was (re)decided: its own event, a change of the citizen it names, or a change of
 * another member of its duplicate group (which may make it the original, or no longer).
 */
export type DecisionCause = 'record-event' | 'registry-change' | 'duplicate-group';

/** One reconciliation decision: the outcome, its evidence, and everything needed to trace it. */
export interface Decision {
  source: SectoralSource;
  entityId: string;
  outcome: Outcome;
  alsoApplies: Outcome[];
  citizenId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  differences: FieldDifference[];
  evidence: DecisionEvidence;
  candidates: CandidateMatch[];
  ruleVersion: string;
  registryVersion: number | null;
  cause: DecisionCause;
  causeEventId: string;
  /** The sectoral record's own latest event. */
  input: EventRef;
  /** Per record, one more than its previous decision or retraction. */
  sequence: number;
}

/** A deleted record's decision: its current result is withdrawn. */
export interface Retraction {
  source: SectoralSource;
  entityId: string;
  reason: 'RECORD_DELETED';
  cause: 'record-event';
  causeEventId: string;
  /** The delete event. */
  input: EventRef;
  ruleVersion: string;
  sequence: number;
}

/** A decision's identity: the record and the event that caused it. Consumers de-duplicate on it. */
export function decisionIdOf(d: Pick<Decision | Retraction, 'source' | 'entityId' | 'causeEventId'>): string {
  return `${d.source}/${d.entityId}/${d.causeEventId}`;
}
