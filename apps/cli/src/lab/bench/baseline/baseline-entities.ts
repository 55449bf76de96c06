import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The baseline's own copy of the registry: one row per citizen, saved event by event. */
@Entity({ schema: 'bench_baseline', name: 'citizens' })
export class BaselineCitizen {
  @PrimaryColumn({ name: 'citizen_id', type: 'text' })
  citizenId!: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Column({ name: 'date_of_birth', type: 'text' })
  dateOfBirth!: string;

  @Column({ type: 'text' })
  status!: string;
}

/** The baseline's results table: one row per sectoral record, saved one at a time. */
@Entity({ schema: 'bench_baseline', name: 'results' })
export class BaselineResult {
  @PrimaryColumn({ type: 'text' })
  source!: string;

  @PrimaryColumn({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'citizen_id', type: 'text', nullable: true })
  citizenId!: string | null;

  @Column({ name: 'committed_at', type: 'timestamptz' })
  committedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}

/**
 * The throwaway baseline tables, created by a raw CREATE TABLE in their own scratch schema
 * (no `synchronize`, no migration: they live only in the run's scratch database).
 */
export const BASELINE_DDL = [
  'CREATE SCHEMA bench_baseline',
  `CREATE TABLE bench_baseline.citizens (
     citizen_id text PRIMARY KEY, full_name text NOT NULL, date_of_birth text NOT NULL, status text NOT NULL)`,
  `CREATE TABLE bench_baseline.results (
     source text NOT NULL, entity_id text NOT NULL, outcome text NOT NULL, citizen_id text,
     committed_at timestamptz NOT NULL, decided_at timestamptz NOT NULL, PRIMARY KEY (source, entity_id))`,
];
