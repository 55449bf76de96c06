/**
 * Scores reconciliation results against the generator's ground truth, one record at a
 * time (so a million records need no more memory than one). Pure: the caller joins
 * truth and results.
 */
export interface TruthRow {
  source: string;
  entityId: string;
  trueCitizenId: string;
  expectedOutcome: string;
  corruptions: { field: string; kind: string }[];
}

export interface ResultRow {
  outcome: string;
  differences: { field: string; kind: string }[];
  candidates: { citizenId: string; probability?: number }[];
  /** The candidate the pipeline proposed as the citizen (its probability reached the link threshold). */
  link?: { citizenId: string } | null;
}

/** Proposed links: how many were made and right, against the records whose citizen could be found. */
export interface LinkFigures {
  proposed: number;
  correct: number;
  /** Records whose ID leads nowhere and whose true citizen is in the registry: what a perfect linker links. */
  findable: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The links a threshold would have proposed on the same top-1 candidates (what the default is chosen from). */
export interface ThresholdFigures extends LinkFigures {
  threshold: number;
}

/** The candidate search's figures for one kind of corruption (a record counts under each of its kinds). */
export interface CandidateFigures {
  records: number;
  top1: number;
  recall3: number;
}

/** Top-1 candidates by stated probability: how often a top-1 of that probability was the right citizen. */
export interface CalibrationBucket {
  /** Lower bound of the bucket, inclusive; the last bucket includes 1. */
  from: number;
  to: number;
  records: number;
  meanProbability: number;
  observedPrecision: number;
}

/** Kind under which a record with a wrong ID and no other corruption counts. */
export const ID_ONLY = 'ID_ONLY';
/** The ID kinds: every unresolved record has one, so they would not tell the kinds apart. */
const ID_KINDS = new Set(['UNKNOWN_ID', 'INVALID_ID_STRUCTURE']);
/** Deciles of the stated probability, the top one split at 0.99 (where links are proposed). */
const BUCKETS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99];
/** Thresholds the eval tries on the top-1 candidates, to choose the rule set's default link threshold from. */
export const LINK_THRESHOLDS = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999];

/** The fields whose differences count as "field-level mismatch detection". */
export const SCORED_FIELDS: ReadonlySet<string> = new Set(['fullName', 'dateOfBirth', 'gender', 'address']);
/** The outcomes whose records are searched for candidates: the ID leads nowhere. */
export const UNRESOLVED_OUTCOMES: readonly string[] = ['INVALID_ID', 'NOT_FOUND'];
const UNRESOLVED: ReadonlySet<string> = new Set(UNRESOLVED_OUTCOMES);

export interface AccuracyReport {
  records: number;
  missingResults: number;
  outcomeAccuracy: number;
  mismatchPrecision: number;
  mismatchRecall: number;
  /** Top-1 over every record whose ID leads nowhere and whose true citizen is in the registry, whatever its corruption. */
  candidateTop1: number;
  candidateRecall3: number;
  candidateRecords: number;
  /** The former measure: top-1 only where name and date of birth are intact. */
  candidateTop1Intact: number;
  candidateIntactRecords: number;
  candidatesByKind: Record<string, CandidateFigures>;
  /** The same per combination of kinds a record carries (kinds sorted, joined by +). */
  candidatesByCombination: Record<string, CandidateFigures>;
  calibration: CalibrationBucket[];
  /** Expected calibration error: the records' mean distance between stated probability and observed precision, per bucket. */
  calibrationError: number;
  /** Links the pipeline proposed (at the rule set's threshold). */
  links: LinkFigures;
  /** Links each threshold would have proposed on the same top-1 candidates. */
  linkThresholds: ThresholdFigures[];
  /** expected outcome -> actual outcome -> count, for the errors only. */
  confusion: Record<string, Record<string, number>>;
  /** Field-level errors by truth kind (false negatives) and by reported kind (false positives). */
  missedByKind: Record<string, number>;
  spuriousByKind: Record<string, number>;
}

/** A kind as the tables name it: a missing field says which (a missing date breaks other keys than a missing name). */
function kindLabel(c: { field: string; kind: string }): string {
  return c.kind === 'MISSING_FIELD' ? `MISSING_FIELD:${c.field}` : c.kind;
}

/** The kinds a findable record counts under in the per-kind tables (ID_ONLY when its ID is all that is wrong). */
export function candidateKindsOf(truth: Pick<TruthRow, 'corruptions'>): Set<string> {
  const kinds = new Set(truth.corruptions.filter((c) => !ID_KINDS.has(c.kind)).map(kindLabel));
  if (kinds.size === 0) kinds.add(ID_ONLY);
  return kinds;
}

/** A record's combination of kinds as the tables name it: the kinds sorted, joined by +. */
export function combinationOf(kinds: Iterable<string>): string {
  return [...kinds].sort().join('+');
}

/** Whether the candidate search is asked to find the record's citizen: its ID leads nowhere, its citizen is in the registry. */
export function isFindable(truth: Pick<TruthRow, 'expectedOutcome' | 'trueCitizenId'>): boolean {
  return UNRESOLVED.has(truth.expectedOutcome) && Boolean(truth.trueCitizenId);
}

export class AccuracyScorer {
  private records = 0;
  private missing = 0;
  private correctOutcomes = 0;
  private truePositives = 0;
  private falsePositives = 0;
  private falseNegatives = 0;
  private readonly candidates: CandidateFigures = { records: 0, top1: 0, recall3: 0 };
  private readonly intact: CandidateFigures = { records: 0, top1: 0, recall3: 0 };
  private readonly byKind: Record<string, CandidateFigures> = {};
  private readonly byCombination: Record<string, CandidateFigures> = {};
  private readonly buckets = BUCKETS.map(() => ({ records: 0, correct: 0, probability: 0 }));
  private readonly confusion: Record<string, Record<string, number>> = {};
  private readonly links = { proposed: 0, correct: 0 };
  private readonly swept = LINK_THRESHOLDS.map(() => ({ proposed: 0, correct: 0 }));
  private readonly missedByKind: Record<string, number> = {};
  private readonly spuriousByKind: Record<string, number> = {};

  add(truth: TruthRow, result: ResultRow | null): void {
    this.records++;
    const actual = result?.outcome ?? 'NO_RESULT';
    if (!result) this.missing++;
    if (actual === truth.expectedOutcome) this.correctOutcomes++;
    else {
      const row = (this.confusion[truth.expectedOutcome] ??= {});
      row[actual] = (row[actual] ?? 0) + 1;
    }

    if (!UNRESOLVED.has(truth.expectedOutcome)) {
      const expected = new Map<string, string>();
      for (const c of truth.corruptions) if (SCORED_FIELDS.has(c.field)) expected.set(c.field, c.kind);
      const reported = new Map<string, string>();
      for (const d of result?.differences ?? []) if (SCORED_FIELDS.has(d.field)) reported.set(d.field, d.kind);
      for (const [field, kind] of reported) {
        if (expected.has(field)) this.truePositives++;
        else {
          this.falsePositives++;
          this.spuriousByKind[kind] = (this.spuriousByKind[kind] ?? 0) + 1;
        }
      }
      for (const [field, kind] of expected) {
        if (!reported.has(field)) {
          this.falseNegatives++;
          this.missedByKind[kind] = (this.missedByKind[kind] ?? 0) + 1;
        }
      }
    }

    // Every proposed link counts, whatever the record's outcome: one on the wrong record is a wrong link.
    if (result?.link) {
      this.links.proposed++;
      if (result.link.citizenId === truth.trueCitizenId) this.links.correct++;
    }
    const top = result?.candidates[0];
    if (top?.probability !== undefined && UNRESOLVED.has(actual))
      LINK_THRESHOLDS.forEach((t, i) => {
        if (top.probability! < t) return;
        this.swept[i].proposed++;
        if (top.citizenId === truth.trueCitizenId) this.swept[i].correct++;
      });

    // Every record whose ID leads nowhere is searched; its true citizen is in the registry, so it is findable.
    if (isFindable(truth)) this.scoreCandidates(truth, result);
  }

  private scoreCandidates(truth: TruthRow, result: ResultRow | null): void {
    const found = result?.candidates ?? [];
    const top1 = found[0]?.citizenId === truth.trueCitizenId;
    const recall3 = found.slice(0, 3).some((c) => c.citizenId === truth.trueCitizenId);
    const count = (f: CandidateFigures) => {
      f.records++;
      if (top1) f.top1++;
      if (recall3) f.recall3++;
    };
    count(this.candidates);
    if (!truth.corruptions.some((c) => c.field === 'fullName' || c.field === 'dateOfBirth')) count(this.intact);
    const kinds = candidateKindsOf(truth);
    for (const k of kinds) count((this.byKind[k] ??= { records: 0, top1: 0, recall3: 0 }));
    count((this.byCombination[combinationOf(kinds)] ??= { records: 0, top1: 0, recall3: 0 }));
    const p = found[0]?.probability;
    if (p === undefined) return;
    let b = BUCKETS.length - 1;
    while (b > 0 && p < BUCKETS[b]) b--;
    this.buckets[b].records++;
    this.buckets[b].probability += p;
    if (top1) this.buckets[b].correct++;
  }

  report(): AccuracyReport {
    const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
    const findable = this.candidates.records;
    const figures = ({ proposed, correct }: { proposed: number; correct: number }): LinkFigures => {
      const precision = ratio(correct, proposed);
      const recall = findable === 0 ? 1 : correct / findable;
      return {
        proposed,
        correct,
        findable,
        precision,
        recall,
        f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      };
    };
    const bucketed = this.buckets.reduce((n, b) => n + b.records, 0);
    return {
      records: this.records,
      missingResults: this.missing,
      outcomeAccuracy: ratio(this.correctOutcomes, this.records),
      mismatchPrecision: ratio(this.truePositives, this.truePositives + this.falsePositives),
      mismatchRecall: ratio(this.truePositives, this.truePositives + this.falseNegatives),
      candidateTop1: ratio(this.candidates.top1, this.candidates.records),
      candidateRecall3: ratio(this.candidates.recall3, this.candidates.records),
      candidateRecords: this.candidates.records,
      candidateTop1Intact: ratio(this.intact.top1, this.intact.records),
      candidateIntactRecords: this.intact.records,
      candidatesByKind: this.byKind,
      candidatesByCombination: this.byCombination,
      calibration: this.buckets.flatMap((b, i) =>
        b.records === 0
          ? []
          : [
              {
                from: BUCKETS[i],
                to: BUCKETS[i + 1] ?? 1,
                records: b.records,
                meanProbability: b.probability / b.records,
                observedPrecision: b.correct / b.records,
              },
            ],
      ),
      calibrationError: this.buckets.reduce(
        (e, b) =>
          b.records === 0 ? e : e + (b.records / bucketed) * Math.abs(b.probability / b.records - b.correct / b.records),
        0,
      ),
      links: figures(this.links),
      linkThresholds: LINK_THRESHOLDS.map((threshold, i) => ({ threshold, ...figures(this.swept[i]) })),
      confusion: this.confusion,
      missedByKind: this.missedByKind,
      spuriousByKind: this.spuriousByKind,
    };
  }
}
