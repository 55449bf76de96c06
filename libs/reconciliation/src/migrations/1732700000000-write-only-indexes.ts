import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that only cost writes.
 *
 * A citizen's stale blocking keys and legacy ID are now deleted by their own primary keys,
 * computed from the citizen's stored record, so the indexes by citizen (and the index of the
 * citizens by legacy ID, which no query reads) only cost writes: three or four index entries
 * per citizen loaded, at random places in large indexes.
 *
 * Results by outcome: no query reads it (match rates are counted by triggers, the API reads
 * the counts), and with only a handful of outcomes it would rarely be chosen; it cost an
 * entry per result and kept a changed outcome from updating its row in place.
 *
 * A change of the blocking rules changes every citizen's keys; it must come with a migration
 * that rebuilds registry.blocking_keys, with or without these indexes.
 */
export class WriteOnlyIndexes1732700000000 implements MigrationInterface {
  name = 'WriteOnlyIndexes1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry.blocking_keys_by_citizen`);
    await q.query(`DROP INDEX registry.legacy_ids_by_citizen`);
    await q.query(`DROP INDEX registry.citizens_by_legacy_id`);
    await q.query(`DROP INDEX reconciliation.results_by_outcome`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX results_by_outcome ON reconciliation.results (source, outcome)`);
    await q.query(`CREATE INDEX citizens_by_legacy_id ON registry.citizens (legacy_id) WHERE legacy_id IS NOT NULL`);
    await q.query(`CREATE INDEX legacy_ids_by_citizen ON registry.legacy_ids (citizen_id)`);
    await q.query(`CREATE INDEX blocking_keys_by_citizen ON registry.blocking_keys (citizen_id)`);
  }
}
