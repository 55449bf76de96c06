import { MigrationInterface, QueryRunner } from 'typeorm';

/** The embedded transport's log, its partitions, and consumer-group state. */
export class EmbeddedTransport1732300000000 implements MigrationInterface {
  name = 'EmbeddedTransport1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS lgsp_transport`);
    await q.query(`CREATE TABLE lgsp_transport.topics (
      name text PRIMARY KEY,
      partitions integer NOT NULL CHECK (partitions > 0),
      created_at timestamptz NOT NULL DEFAULT now())`);
    // One row per partition: next_offset is the log-end offset. Producers lock the row
    // to allocate offsets, so a partition's messages become visible in offset order.
    await q.query(`CREATE TABLE lgsp_transport.partitions (
      topic text NOT NULL REFERENCES lgsp_transport.topics(name) ON DELETE CASCADE,
      partition integer NOT NULL,
      next_offset bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (topic, partition))`);
    await q.query(`CREATE TABLE lgsp_transport.messages (
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" bigint NOT NULL,
      key text,
      value bytea NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      ts bigint NOT NULL,
      PRIMARY KEY (topic, partition, "offset"))`);
    await q.query(`CREATE INDEX messages_by_time ON lgsp_transport.messages (topic, partition, ts)`);
    await q.query(`CREATE TABLE lgsp_transport.group_offsets (
      group_id text NOT NULL,
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" bigint NOT NULL,
      committed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, topic, partition))`);
    await q.query(`CREATE TABLE lgsp_transport.group_members (
      group_id text NOT NULL,
      member_id text NOT NULL,
      topics text[] NOT NULL,
      heartbeat_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, member_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA lgsp_transport CASCADE`);
  }
}
