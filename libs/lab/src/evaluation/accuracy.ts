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
  candidates: { citizenId: string }[];
}

/** The fields whose differences count as "field-level mismatch detection". */
export const SCORED_FIELDS: ReadonlySet<string> = new Set(['fullName', 'dateOfBirth', 'gender', 'address']);
const UNRESOLVED = new Set(['INVALID_ID', 'NOT_FOUND']);

export interface AccuracyReport {
  records: number;
  missingResults: number;
  outcomeAccuracy: number;
  mismatchPrecision: number;
  mismatchRecall: number;
  candidateTop1: number;
  candidateRecords: number;
  /** expected outcome -> actual outcome -> count, for the errors only. */
  confusion: Record<string, Record<string, number>>;
  /** Field-level errors by truth kind (false negatives) and by reported kind (false positives). */
  missedByKind: Record<string, number>;
  spuriousByKind: Record<string, number>;
}

export class AccuracyScorer {
  private records = 0;
  private missing = 0;
  private correctOutcomes = 0;
  private truePositives = 0;
  private falsePositives = 0;
  private falseNegatives = 0;
  private candidateRecords = 0;
  private candidateHits = 0;
  private readonly confusion: Record<string, Record<string, number>> = {};
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

    // Top-1 candidate accuracy where it is fair to ask: the ID is wrong, the name and date of birth intact.
    const nameOrDobCorrupted = truth.corruptions.some((c) => c.field === 'fullName' || c.field === 'dateOfBirth');
    if (UNRESOLVED.has(truth.expectedOutcome) && !nameOrDobCorrupted) {
      this.candidateRecords++;
      if (result?.candidates?.[0]?.citizenId === truth.trueCitizenId) this.candidateHits++;
    }
  }

  report(): AccuracyReport {
    const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
    return {
      records: this.records,
      missingResults: this.missing,
      outcomeAccuracy: ratio(this.correctOutcomes, this.records),
      mismatchPrecision: ratio(this.truePositives, this.truePositives + this.falsePositives),
      mismatchRecall: ratio(this.truePositives, this.truePositives + this.falseNegatives),
      candidateTop1: ratio(this.candidateHits, this.candidateRecords),
      candidateRecords: this.candidateRecords,
      confusion: this.confusion,
      missedByKind: this.missedByKind,
      spuriousByKind: this.spuriousByKind,
    };
  }
}
