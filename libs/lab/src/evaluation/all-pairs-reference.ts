import { Pool } from 'pg';
import type { RecordedPerson } from '@lgsp/domain';
import { BUILT_IN_RULE_SET, RuleSet } from '@lgsp/domain';
import { citizenView, rankPool, type CitizenView } from '@lgsp/reconciliation';
import { isFindable, UNRESOLVED_OUTCOMES } from './accuracy';
import { AllPairsReport, AllPairsScorer, ALLOWED_LOSS_POINTS } from './all-pairs';

/** Registries up to this size get the all-pairs reference in `lgsp eval` without asking (it is quadratic). */
export const ALL_PAIRS_MAX_CITIZENS = 10_000;

export interface AllPairsReference extends AllPairsReport {
  /** Citizens of the registry each record was scored against. */
  citizens: number;
  /** The rule set whose ranking scored the pairs (the pipeline's: the decisions must name the same version). */
  ruleVersion: string;
  seconds: number;
}

/**
 * The all-pairs reference of an evaluation run: every findable record, as the pipeline stored it,
 * ranked against every current citizen of the registry view with the decide step's own ranking
 * (rankPool, the built-in rule set), beside the candidates the pipeline gave it. Reads the
 * evaluation database after the run; the whole registry is held in memory.
 */
export async function allPairsReference(
  pool: Pool,
  options: { rules?: RuleSet; allowedLossPoints?: number; now?: () => number } = {},
): Promise<AllPairsReference> {
  const rules = options.rules ?? BUILT_IN_RULE_SET;
  const now = options.now ?? Date.now;
  const started = now();
  const registry: CitizenView[] = (
    await pool.query(
      `SELECT citizen_id, legacy_id, record, deleted, version FROM registry.citizens
       WHERE NOT deleted AND record IS NOT NULL ORDER BY citizen_id`,
    )
  ).rows.map((row) =>
    citizenView({ citizenId: row.citizen_id, legacyId: row.legacy_id, record: row.record, deleted: false, version: row.version }),
  );
  const rows = (
    await pool.query(
      `SELECT t.true_citizen_id, t.expected_outcome, t.corruptions, s.person, r.candidates, r.rule_version
       FROM evaluation.ground_truth t
       LEFT JOIN reconciliation.sectoral_records s USING (source, entity_id)
       LEFT JOIN reconciliation.results r USING (source, entity_id)
       WHERE t.expected_outcome = ANY($1::text[]) AND t.true_citizen_id IS NOT NULL
       ORDER BY t.source, t.entity_id`,
      [UNRESOLVED_OUTCOMES],
    )
  ).rows;
  const scorer = new AllPairsScorer(options.allowedLossPoints ?? ALLOWED_LOSS_POINTS);
  for (const row of rows) {
    const truth = { trueCitizenId: row.true_citizen_id, expectedOutcome: row.expected_outcome, corruptions: row.corruptions };
    if (!isFindable(truth)) continue;
    if (row.rule_version !== null && row.rule_version !== rules.version) {
      throw new Error(
        `the pipeline decided under rule version ${row.rule_version}, the reference ranks under ${rules.version}: ` +
          'the two would not be the same ranking (not retriable: run the eval on one rule set)',
      );
    }
    const blocking = ((row.candidates ?? []) as { citizenId: string }[]).map((c) => c.citizenId);
    const person = row.person as RecordedPerson | null;
    const allPairs = person === null ? [] : rankPool(person, registry, rules, registry.length).map((c) => c.citizen.citizenId);
    scorer.add(truth, blocking, allPairs);
  }
  return { ...scorer.report(), citizens: registry.length, ruleVersion: rules.version, seconds: (now() - started) / 1000 };
}
