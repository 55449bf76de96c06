import { Client } from 'pg';

/**
 * The schemas the product's migrations create on Kafka (the embedded transport adds lgsp_transport),
 * sorted: said once here for every test that checks a production database holds nothing else.
 */
export const PRODUCT_SCHEMAS = [
  'access',
  'audit',
  'audit_replay',
  'corrections',
  'gateway',
  'metrics',
  'public',
  'reconciliation',
  'registry',
];

/** The product's schemas on the embedded transport, sorted. */
export const EMBEDDED_PRODUCT_SCHEMAS = [...PRODUCT_SCHEMAS, 'lgsp_transport'].sort();

/** Every schema of a database but PostgreSQL's own catalogues, sorted (the caller connects as their owner or a superuser). */
export async function schemasOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string }>(
      `SELECT schema_name AS schema FROM information_schema.schemata
       WHERE schema_name <> 'information_schema' AND schema_name NOT LIKE 'pg\\_%' ORDER BY 1`,
    );
    return rows.map((r) => r.schema);
  } finally {
    await client.end();
  }
}
