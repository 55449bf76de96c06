import type { SourceName } from '@lgsp/contracts';

/**
 * Where each mock national database keeps its records. Each source is its own PostgreSQL
 * schema, as each national database is its own system; only the names differ.
 */
export interface SourceTable {
  schema: SourceName;
  /** Fully qualified records table. */
  records: string;
  /** Column holding the record key (generated from the record). */
  keyColumn: string;
  /** Fully qualified outbox table. */
  outbox: string;
}

export const SOURCE_TABLES: Readonly<Record<SourceName, SourceTable>> = {
  population: { schema: 'population', records: 'population.citizens', keyColumn: 'citizen_id', outbox: 'population.outbox' },
  land: { schema: 'land', records: 'land.parcels', keyColumn: 'parcel_id', outbox: 'land.outbox' },
  insurance: {
    schema: 'insurance',
    records: 'insurance.cards',
    keyColumn: 'social_insurance_number',
    outbox: 'insurance.outbox',
  },
  business: { schema: 'business', records: 'business.enterprises', keyColumn: 'enterprise_code', outbox: 'business.outbox' },
};
