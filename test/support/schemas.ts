import { Client } from 'pg';

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
