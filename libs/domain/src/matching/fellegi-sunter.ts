import { AgreementLevels, NAME_SIMILAR_JW } from './agreement';
import { DEFAULT_M_U, MUTable } from './m-u';

/**
 * Fellegi-Sunter scoring: the match weight is the sum over fields of log2(m/u)
 * for the observed agreement level; a missing field adds 0 (no evidence). Fields
 * are assumed independent given match status, which is not quite true (the ID's
 * year digits and the date of birth are correlated), so weights are a ranking
 * score first and the probability is indicative.
 */
export class FellegiSunterScorer {
  private readonly weights: { [F in keyof AgreementLevels]: Record<string, number> };

  constructor(
    table: MUTable = DEFAULT_M_U,
    /** Prior probability that a random registry citizen is the record's person: one in the registry size. */
    readonly priorMatchProbability = 1 / 2_000_000,
    /** Jaro-Winkler floor of the SIMILAR name level (a rule set may move it). */
    readonly nameSimilarJw = NAME_SIMILAR_JW,
  ) {
    // Log ratios precomputed once: scoring is then table look-ups and additions.
    const w = {} as { [F in keyof AgreementLevels]: Record<string, number> };
    for (const field of Object.keys(table) as (keyof AgreementLevels)[]) {
      const levels: Record<string, number> = { MISSING: 0 };
      for (const [level, { m, u }] of Object.entries(table[field] as Record<string, { m: number; u: number }>)) {
        levels[level] = Math.log2(m / u);
      }
      w[field] = levels;
    }
    this.weights = w;
  }

  /** The same weights under another prior (one in the registry's size as it stands): nothing recomputed. */
  withPrior(priorMatchProbability: number): FellegiSunterScorer {
    if (priorMatchProbability === this.priorMatchProbability) return this;
    const scorer = Object.create(FellegiSunterScorer.prototype) as FellegiSunterScorer;
    return Object.assign(scorer, this, { priorMatchProbability });
  }

  /** The per-field weight of one agreement level (for explaining a score). */
  fieldWeight<F extends keyof AgreementLevels>(field: F, level: AgreementLevels[F]): number {
    return this.weights[field][level as string] ?? 0;
  }

  weight(levels: AgreementLevels): number {
    return (
      this.fieldWeight('name', levels.name) +
      this.fieldWeight('dateOfBirth', levels.dateOfBirth) +
      this.fieldWeight('gender', levels.gender) +
      this.fieldWeight('province', levels.province) +
      this.fieldWeight('id', levels.id)
    );
  }

  /** Posterior P(match) = 1 / (1 + 2^-(weight + log2 prior odds)). */
  probability(weight: number): number {
    const prior = this.priorMatchProbability;
    const logOdds = weight + Math.log2(prior / (1 - prior));
    return 1 / (1 + Math.pow(2, -logOdds));
  }
}
