import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a run read from the event archive, and the offsets its window may need that neither the topics nor the archive
 * held (gaps: [{ topic, partition, from, to, uncertainStart }]): a run with gaps decided an incomplete window.
 */
export class ReplayGaps1733360000000 implements MigrationInterface {
  name = 'ReplayGaps1733360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_replay.runs ADD COLUMN from_archive integer NOT NULL DEFAULT 0,
      ADD COLUMN gaps jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_replay.runs DROP COLUMN gaps, DROP COLUMN from_archive`);
  }
}
