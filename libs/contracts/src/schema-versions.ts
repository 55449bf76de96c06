import type { Static, TSchema } from '@sinclair/typebox';
import * as v1 from './v1';
import * as v2 from './v2';
import type { SourceName } from './v1/source-name';

/**
 * Every published envelope schema, per source and version. A new version goes here
 * and nowhere else: the validator, the published JSON Schemas and the
 * compatibility spec all iterate this table.
 */
export const SCHEMA_VERSIONS = {
  population: { 1: v1.PopulationEvent },
  land: { 1: v1.LandEvent, 2: v2.LandEvent },
  insurance: { 1: v1.InsuranceEvent },
  business: { 1: v1.BusinessEvent },
} as const satisfies Record<SourceName, Record<number, TSchema>>;

/** The record schema inside each envelope version, for publishing records on their own. */
export const RECORD_SCHEMA_VERSIONS = {
  population: { 1: v1.CitizenRecord },
  land: { 1: v1.LandParcelRecord, 2: v2.LandParcelRecord },
  insurance: { 1: v1.InsuranceRecord },
  business: { 1: v1.EnterpriseRecord },
} as const satisfies { [S in SourceName]: Record<keyof (typeof SCHEMA_VERSIONS)[S], TSchema> };

type VersionsOf<S extends SourceName> = (typeof SCHEMA_VERSIONS)[S];

/** An event of source S at any registered version. */
export type SyncEventOf<S extends SourceName> = {
  [V in keyof VersionsOf<S>]: VersionsOf<S>[V] extends TSchema ? Static<VersionsOf<S>[V]> : never;
}[keyof VersionsOf<S>];

/** Registered versions of a source, ascending. */
export function schemaVersionsOf(source: SourceName): number[] {
  return Object.keys(SCHEMA_VERSIONS[source])
    .map(Number)
    .sort((a, b) => a - b);
}

/** The newest version of a source: what producers should write. */
export function latestSchemaVersion(source: SourceName): number {
  const versions = schemaVersionsOf(source);
  return versions[versions.length - 1];
}
