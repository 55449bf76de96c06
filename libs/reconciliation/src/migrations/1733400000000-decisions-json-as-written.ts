import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The decision history keeps its JSON columns (differences, evidence, candidates) as the writer wrote them: type json,
 * the text itself, instead of jsonb's parsed form. The decision log's leaf (content v2, ADR 0025) hashes that text, so
 * verifying a decision reads its bytes back instead of printing a jsonb tree as text again (the cost that kept
 * `lgsp audit verify` of ten million decisions above a minute). The current results stay jsonb: they are queried by
 * content (differences @> …), the history is not.
 *
 * Rows already stored get jsonb's own text output, the text the decision log's content v1 was computed over, so their
 * leaves still verify, and faster.
 */
export class DecisionsJsonAsWritten1733400000000 implements MigrationInterface {
  name = 'DecisionsJsonAsWritten1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation.decisions
      ALTER COLUMN differences TYPE json USING differences::text::json,
      ALTER COLUMN evidence TYPE json USING evidence::text::json,
      ALTER COLUMN candidates TYPE json USING candidates::text::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation.decisions
      ALTER COLUMN differences TYPE jsonb USING differences::jsonb,
      ALTER COLUMN evidence TYPE jsonb USING evidence::jsonb,
      ALTER COLUMN candidates TYPE jsonb USING candidates::jsonb`);
  }
}
