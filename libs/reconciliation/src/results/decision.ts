import type { BlockingKeyKind, FieldDifference, FieldEvidence, Outcome, OutcomeEvidence } from '@lgsp/domain';
import { EventRef } from '../event-ref';
import { SectoralSource } from './sectoral-records.repository';

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

/** Why a record was (re)decided: its own event, or a change of the citizen it names. */
export type DecisionCause = 'record-event' | 'registry-change';

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
  evidence: Omit<OutcomeEvidence, 'differences'>;
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
