import { CandidateFigures, candidateKindsOf, combinationOf, TruthRow } from './accuracy';

/**
 * The candidate search measured against its reference: the pipeline's candidates (blocking, then
 * ranking) beside the candidates the same ranking gives when it scores every citizen of the registry
 * (all pairs). Both are counted over the same findable records, per corruption kind as the accuracy
 * report counts them. Pure: the caller ranks and passes the citizen IDs, best first.
 */

/** What blocking may lose against all pairs, in points of top-1 and of recall@3 (issue 13). */
export const ALLOWED_LOSS_POINTS = 1;

export interface AllPairsComparison {
  records: number;
  /** The pipeline's candidates (production blocking). */
  blocking: CandidateFigures;
  /** The same ranking over every citizen of the registry. */
  allPairs: CandidateFigures;
  /** All pairs minus blocking, in percentage points (negative: blocking did better). */
  top1LossPoints: number;
  recall3LossPoints: number;
  /** Both losses at most the allowed points. */
  withinAllowedLoss: boolean;
}

export interface AllPairsReport extends AllPairsComparison {
  allowedLossPoints: number;
  byKind: Record<string, AllPairsComparison>;
  /** The same per combination of kinds a record carries: a record counts under each of its kinds, once here. */
  byCombination: Record<string, AllPairsComparison>;
  /** The kinds on which blocking loses more than allowed (on top-1 or recall@3), sorted. */
  kindsOverAllowedLoss: string[];
  /** Records all pairs ranks right first and the pipeline does not: what blocking (its keys and caps) lost. */
  lostByBlocking: number;
  /**
   * Records the pipeline ranks right first and all pairs does not: a citizen no blocking key found
   * outranks the true one. Not a contradiction (a smaller pool can hide a better-scoring stranger),
   * and why the reference is compared in totals, not record by record.
   */
  lostByAllPairs: number;
}

const empty = (): CandidateFigures => ({ records: 0, top1: 0, recall3: 0 });

function count(f: CandidateFigures, trueCitizenId: string, ranked: readonly string[]): void {
  f.records++;
  if (ranked[0] === trueCitizenId) f.top1++;
  if (ranked.slice(0, 3).includes(trueCitizenId)) f.recall3++;
}

/** Loss of blocking against all pairs, in points, from counts over the same records. */
export function compare(blocking: CandidateFigures, allPairs: CandidateFigures, allowedLossPoints: number): AllPairsComparison {
  const records = blocking.records;
  if (allPairs.records !== records) throw new Error('blocking and all pairs must be counted over the same records');
  const points = (a: number, b: number) => (records === 0 ? 0 : ((a - b) * 100) / records);
  // Judged on the counts (loss × 100 ≤ allowed × records), so that exactly the allowed loss is within it.
  const within = (a: number, b: number) => (a - b) * 100 <= allowedLossPoints * records;
  return {
    records,
    blocking: { ...blocking },
    allPairs: { ...allPairs },
    top1LossPoints: points(allPairs.top1, blocking.top1),
    recall3LossPoints: points(allPairs.recall3, blocking.recall3),
    withinAllowedLoss: within(allPairs.top1, blocking.top1) && within(allPairs.recall3, blocking.recall3),
  };
}

export class AllPairsScorer {
  private readonly blocking = empty();
  private readonly allPairs = empty();
  private readonly byKind = new Map<string, { blocking: CandidateFigures; allPairs: CandidateFigures }>();
  private readonly byCombination = new Map<string, { blocking: CandidateFigures; allPairs: CandidateFigures }>();
  private lostByBlocking = 0;
  private lostByAllPairs = 0;

  constructor(private readonly allowedLossPoints = ALLOWED_LOSS_POINTS) {}

  /** One findable record: the pipeline's candidates and the all-pairs ones, citizen IDs best first. */
  add(truth: Pick<TruthRow, 'trueCitizenId' | 'corruptions'>, blocking: readonly string[], allPairs: readonly string[]): void {
    const id = truth.trueCitizenId;
    count(this.blocking, id, blocking);
    count(this.allPairs, id, allPairs);
    const both = (table: Map<string, { blocking: CandidateFigures; allPairs: CandidateFigures }>, key: string) => {
      let k = table.get(key);
      if (k === undefined) table.set(key, (k = { blocking: empty(), allPairs: empty() }));
      count(k.blocking, id, blocking);
      count(k.allPairs, id, allPairs);
    };
    const kinds = candidateKindsOf(truth);
    for (const kind of kinds) both(this.byKind, kind);
    both(this.byCombination, combinationOf(kinds));
    if (allPairs[0] === id && blocking[0] !== id) this.lostByBlocking++;
    if (blocking[0] === id && allPairs[0] !== id) this.lostByAllPairs++;
  }

  report(): AllPairsReport {
    const table = (from: Map<string, { blocking: CandidateFigures; allPairs: CandidateFigures }>) => {
      const out: Record<string, AllPairsComparison> = {};
      for (const [key, k] of [...from].sort(([a], [b]) => (a < b ? -1 : 1)))
        out[key] = compare(k.blocking, k.allPairs, this.allowedLossPoints);
      return out;
    };
    const byKind = table(this.byKind);
    return {
      ...compare(this.blocking, this.allPairs, this.allowedLossPoints),
      allowedLossPoints: this.allowedLossPoints,
      byKind,
      byCombination: table(this.byCombination),
      kindsOverAllowedLoss: Object.keys(byKind).filter((k) => !byKind[k].withinAllowedLoss),
      lostByBlocking: this.lostByBlocking,
      lostByAllPairs: this.lostByAllPairs,
    };
  }
}
