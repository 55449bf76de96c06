import { QueryRunner } from 'typeorm';

/**
 * The transactional outbox of one source: the event of a change is inserted in the same
 * transaction as the change, and the relay publishes rows in id order then deletes them.
 * `event` is the full envelope, committedAt included. The sequence numbers live changes so
 * their event ids stay unique across runs.
 */
export async function createOutboxTable(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`CREATE TABLE ${schema}.outbox (
    id bigserial PRIMARY KEY,
    topic text NOT NULL,
    key text,
    event jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`);
  await q.query(`CREATE SEQUENCE ${schema}.live_change_seq`);
}
