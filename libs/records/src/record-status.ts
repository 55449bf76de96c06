import type { FieldDifference } from '@lgsp/domain';

/** The input event a decision read: the sectoral record's own latest event. */
export interface InputEvent {
  eventId: string;
  topic: string;
  partition: number;
  offset: string;
  eventHash: string;
}

export interface CandidateView {
  citizenId: string;
  weight: number;
  probability: number;
  [more: string]: unknown;
}

/** The record's current result (reconciliation.results). */
export interface CurrentResult {
  outcome: string;
  alsoApplies: string[];
  citizenId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  /** Each with the registry's value as the proposed correction. */
  differences: FieldDifference[];
  evidence: Record<string, unknown>;
  candidates: CandidateView[];
  sequence: number | null;
  ruleVersion: string;
  registryVersion: number | null;
  cause: string;
  input: InputEvent & { committedAt: string };
  decidedAt: string;
}

/** One decision of the history (reconciliation.decisions); a deleted record's is RETRACTED. */
export interface HistoryEntry {
  sequence: number | null;
  outcome: string;
  cause: string;
  causeEventId: string;
  citizenId: string | null;
  ruleVersion: string;
  registryVersion: number | null;
  input: InputEvent;
  decidedAt: string;
}

/** The stored sectoral record's identity and latest event (never its personal fields). */
export interface RecordIdentity {
  source: string;
  entityId: string;
  deleted: boolean;
  /** Of the latest event; null for records stored before trace ids were kept. */
  traceId: string | null;
  latestEvent: InputEvent & { committedAt: string };
}

export interface RecordStatus {
  record: RecordIdentity | null;
  current: CurrentResult | null;
  /** Newest first. */
  history: HistoryEntry[];
}

/** A row of the listing: a record's current result, or (looked up by event or trace) a record without one. */
export interface RecordSummary {
  source: string;
  entityId: string;
  /** Null when the record has no current result (deleted, or not decided yet). */
  outcome: string | null;
  alsoApplies: string[];
  citizenId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  differences: FieldDifference[];
  sequence: number | null;
  eventId: string | null;
  decidedAt: string | null;
}

export interface RecordFilter {
  source?: string;
  provinceCode?: string;
  communeCode?: string;
  outcome?: string;
  differenceKind?: string;
  /** Current results decided at or after it. */
  changedSince?: Date;
}

export interface RecordKey {
  source: string;
  entityId: string;
}
