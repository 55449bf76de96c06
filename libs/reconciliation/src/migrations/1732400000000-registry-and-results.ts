import { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry view materialised from the population topic, and the reconciliation results. */
export class RegistryAndResults1732400000000 implements MigrationInterface {
  name = 'RegistryAndResults1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS registry`);
    // Current state of each citizen; version counts the changes applied to it.
    await q.query(`CREATE TABLE registry.citizens (
      citizen_id text PRIMARY KEY,
      legacy_id text,
      record jsonb,
      deleted boolean NOT NULL DEFAULT false,
      version integer NOT NULL,
      committed_at timestamptz NOT NULL,
      event_id uuid NOT NULL)`);
    await q.query(`CREATE INDEX citizens_by_legacy_id ON registry.citizens (legacy_id) WHERE legacy_id IS NOT NULL`);
    // Every state a citizen had, from the source commit time on: "as of" queries for audits.
    await q.query(`CREATE TABLE registry.citizen_history (
      citizen_id text NOT NULL,
      version integer NOT NULL,
      valid_from timestamptz NOT NULL,
      record jsonb,
      event_id uuid NOT NULL,
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" bigint NOT NULL,
      PRIMARY KEY (citizen_id, version))`);
    await q.query(`CREATE UNIQUE INDEX citizen_history_by_event ON registry.citizen_history (event_id)`);
    await q.query(`CREATE TABLE registry.legacy_ids (
      legacy_id text PRIMARY KEY,
      citizen_id text NOT NULL)`);
    // Blocking keys for the candidate search of records whose ID is wrong.
    await q.query(`CREATE TABLE registry.blocking_keys (
      key text NOT NULL,
      citizen_id text NOT NULL,
      PRIMARY KEY (key, citizen_id))`);

    await q.query(`CREATE SCHEMA IF NOT EXISTS reconciliation`);
    // The latest version of each sectoral record, kept to reconcile it again when the registry changes.
    await q.query(`CREATE TABLE reconciliation.sectoral_records (
      source text NOT NULL,
      entity_id text NOT NULL,
      lookup_id text,
      citizen_id text,
      person jsonb,
      active boolean NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      first_seen bigint NOT NULL,
      event_id uuid NOT NULL,
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" bigint NOT NULL,
      event_hash text NOT NULL,
      committed_at timestamptz NOT NULL,
      PRIMARY KEY (source, entity_id))`);
    await q.query(`CREATE SEQUENCE reconciliation.first_seen_seq`);
    await q.query(`CREATE INDEX sectoral_by_lookup_id ON reconciliation.sectoral_records (lookup_id)`);
    await q.query(
      `CREATE INDEX sectoral_by_citizen ON reconciliation.sectoral_records (source, citizen_id) WHERE citizen_id IS NOT NULL`,
    );
    // Blocking keys of records that resolved to no citizen: a new citizen with such a key refreshes their candidates.
    await q.query(`CREATE TABLE reconciliation.unresolved_keys (
      key text NOT NULL,
      source text NOT NULL,
      entity_id text NOT NULL,
      PRIMARY KEY (key, source, entity_id))`);
    await q.query(`CREATE INDEX unresolved_keys_by_record ON reconciliation.unresolved_keys (source, entity_id)`);

    // One current result per source record.
    await q.query(`CREATE TABLE reconciliation.results (
      source text NOT NULL,
      entity_id text NOT NULL,
      outcome text NOT NULL,
      citizen_id text,
      province_code text,
      commune_code text,
      differences jsonb NOT NULL,
      evidence jsonb NOT NULL,
      candidates jsonb NOT NULL,
      rule_version text NOT NULL,
      registry_version integer,
      cause text NOT NULL,
      event_id uuid NOT NULL,
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" bigint NOT NULL,
      event_hash text NOT NULL,
      committed_at timestamptz NOT NULL,
      decided_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, entity_id))`);
    await q.query(`CREATE INDEX results_by_outcome ON reconciliation.results (source, outcome)`);
    // The immutable history: every decision, traceable to its input event, rule and registry version.
    // A decision is identified by the record and the event that caused it, so a redelivered event adds nothing.
    await q.query(`CREATE TABLE reconciliation.decisions (
      id bigserial PRIMARY KEY,
      source text NOT NULL,
      entity_id text NOT NULL,
      cause_event_id uuid NOT NULL,
      cause text NOT NULL,
      outcome text NOT NULL,
      citizen_id text,
      differences jsonb NOT NULL,
      evidence jsonb NOT NULL,
      candidates jsonb NOT NULL,
      rule_version text NOT NULL,
      registry_version integer,
      event_id uuid NOT NULL,
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" bigint NOT NULL,
      event_hash text NOT NULL,
      decided_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source, entity_id, cause_event_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA reconciliation CASCADE`);
    await q.query(`DROP SCHEMA registry CASCADE`);
  }
}
