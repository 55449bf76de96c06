import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A citizen's stale blocking keys and legacy ID are now deleted by their own primary keys,
 * computed from the citizen's stored record, so the indexes by citizen (and the index of the
 * citizens by legacy ID, which no query reads) only cost writes: three or four index entries
 * per citizen loaded, at random places in large indexes.
 *
 * A change of the blocking rules changes every citizen's keys; it must come with a migration
 * that rebuilds registry.blocking_keys, with or without these indexes.
 */
export class RegistryKeysByRecord1732700000000 implements MigrationInterface {
  name = 'RegistryKeysByRecord1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry.blocking_keys_by_citizen`);
    await q.query(`DROP INDEX registry.legacy_ids_by_citizen`);
    await q.query(`DROP INDEX registry.citizens_by_legacy_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX citizens_by_legacy_id ON registry.citizens (legacy_id) WHERE legacy_id IS NOT NULL`);
    await q.query(`CREATE INDEX legacy_ids_by_citizen ON registry.legacy_ids (citizen_id)`);
    await q.query(`CREATE INDEX blocking_keys_by_citizen ON registry.blocking_keys (citizen_id)`);
  }
}
