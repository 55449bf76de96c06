import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the generator knows and the sources do not: the dirt injected into each sectoral
 * record and the outcome reconciling it should reach. Kept apart from the four source
 * schemas so no source "knows" its own errors.
 */
export class EvaluationGroundTruth1732310400000 implements MigrationInterface {
  name = 'EvaluationGroundTruth1732310400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS evaluation`);
    await q.query(`CREATE TABLE evaluation.datasets (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      parameters jsonb NOT NULL,
      digest text,
      events jsonb,
      generated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE evaluation.ground_truth (
      source text NOT NULL,
      entity_id text NOT NULL,
      true_citizen_id text NOT NULL,
      expected_outcome text NOT NULL,
      corruptions jsonb NOT NULL,
      PRIMARY KEY (source, entity_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA evaluation CASCADE`);
  }
}
