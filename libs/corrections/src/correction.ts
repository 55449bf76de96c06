import {
  currentProvince,
  type DiffField,
  type DifferenceRule,
  type FieldDifference,
  type FieldDifferenceKind,
} from '@lgsp/domain';

/**
 * Where a correction stands. `open`: proposed, the source has not answered; `applied`: the source says it wrote the
 * registry's value (the correction closes once a sync of the record shows it); `rejected`: the source refused it,
 * with a reason (it stays so: a sync does not reopen or close it); `closed`: the pipeline closed it (closeReason).
 */
export const CORRECTION_STATES = ['open', 'applied', 'rejected', 'closed'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];

/**
 * Why a correction closed. `resolved-by-sync`: a later decision of the record names the same citizen and the field no
 * longer differs; `superseded`: it still differs but the registry's value changed, or the record no longer resolves
 * to that citizen (a new correction opens where one is due); `record-deleted`: the source deleted the record.
 */
export const CLOSE_REASONS = ['resolved-by-sync', 'superseded', 'record-deleted'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** What a source answers to a correction. */
export const ACKNOWLEDGEMENTS = ['applied', 'rejected'] as const;
export type Acknowledgement = (typeof ACKNOWLEDGEMENTS)[number];

/** The part of a decision corrections are made from (a reconciliation decision, or its retraction). */
export interface DecidedRecord {
  source: string;
  entityId: string;
  /** `<source>/<entityId>/<causeEventId>`. */
  decisionId: string;
  sequence: number;
  /** null: no citizen resolved (INVALID_ID, NOT_FOUND), or a retraction. */
  citizenId: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  /** Each field that differs from the registry (MISMATCHED holds, as outcome or in alsoApplies). */
  differences: readonly FieldDifference[];
  /** The record was deleted in its source. */
  retracted?: boolean;
}

/** A correction still in play: what the next decision of its record is compared with. */
export interface LiveCorrection {
  id: string;
  source: string;
  entityId: string;
  field: DiffField;
  proposed: string;
  citizenId: string;
  state: Exclude<CorrectionState, 'closed'>;
}

/** A correction to open: the registry's value proposed for one field of the source's record. */
export interface NewCorrection {
  source: string;
  entityId: string;
  field: DiffField;
  kind: FieldDifferenceKind;
  rule: DifferenceRule;
  proposed: string;
  confidence: number;
  citizenId: string;
  provinceCode: string | null;
  communeCode: string | null;
  openedBy: string;
  openedSequence: number;
}

export interface CorrectionClose {
  id: string;
  reason: CloseReason;
  closedBy: string;
}

export interface CorrectionChanges {
  open: NewCorrection[];
  close: CorrectionClose[];
}

const recordKey = (r: { source: string; entityId: string }) => `${r.source}/${r.entityId}`;

/**
 * What the decisions of a write do to corrections (pure): each decision, in sequence order per record, closes the
 * live corrections of its record it no longer shows and opens one per difference not already proposed. A rejected
 * correction is never closed here, and the same proposal is not opened again beside it.
 */
export function correctionChanges(live: readonly LiveCorrection[], decisions: readonly DecidedRecord[]): CorrectionChanges {
  const byRecord = new Map<string, LiveCorrection[]>();
  for (const c of live) byRecord.set(recordKey(c), [...(byRecord.get(recordKey(c)) ?? []), c]);
  const open: NewCorrection[] = [];
  const close: CorrectionClose[] = [];
  const pending = new Map<string, NewCorrection[]>();
  for (const d of [...decisions].sort((a, b) => a.sequence - b.sequence)) {
    const key = recordKey(d);
    const shows = (field: string, proposed: string, citizenId: string) =>
      !d.retracted && d.citizenId === citizenId && d.differences.some((x) => x.field === field && x.proposed === proposed);
    const still: LiveCorrection[] = [];
    for (const c of byRecord.get(key) ?? []) {
      if (c.state === 'rejected' || shows(c.field, c.proposed, c.citizenId)) still.push(c);
      else close.push({ id: c.id, reason: closeReasonOf(d, c), closedBy: d.decisionId });
    }
    // Opened earlier in this same write and no longer shown: never written at all.
    const opened = (pending.get(key) ?? []).filter((n) => shows(n.field, n.proposed, n.citizenId));
    if (!d.retracted && d.citizenId !== null) {
      for (const x of d.differences) {
        const known = (c: { field: string; proposed: string; citizenId: string }) =>
          c.field === x.field && c.proposed === x.proposed && c.citizenId === d.citizenId;
        if (still.some(known) || opened.some(known)) continue;
        opened.push({
          source: d.source,
          entityId: d.entityId,
          field: x.field,
          kind: x.kind,
          rule: x.rule,
          proposed: x.proposed,
          confidence: x.confidence,
          citizenId: d.citizenId,
          // The 2025 province, as credentials' grants name provinces (a stale pre-merger code counts as its successor).
          provinceCode: currentProvince(d.provinceCode) ?? d.provinceCode,
          communeCode: d.communeCode,
          openedBy: d.decisionId,
          openedSequence: d.sequence,
        });
      }
    }
    byRecord.set(key, still);
    pending.set(key, opened);
  }
  for (const list of pending.values()) open.push(...list);
  return { open, close };
}

function closeReasonOf(d: DecidedRecord, c: LiveCorrection): CloseReason {
  if (d.retracted) return 'record-deleted';
  if (d.citizenId === c.citizenId && !d.differences.some((x) => x.field === c.field)) return 'resolved-by-sync';
  return 'superseded';
}
