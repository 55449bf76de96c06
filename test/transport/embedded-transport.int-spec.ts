import { createPool } from '@lgsp/database';
import { EmbeddedTransport } from '@lgsp/transport';
import { migratedTestDatabase } from '../support/environment';
import { describeTransportConformance } from './transport-conformance';

describeTransportConformance('embedded', async () => {
  const db = await migratedTestDatabase();
  const pool = createPool(db.scratch.url);
  const transport = new EmbeddedTransport({ pool, timing: { heartbeatMs: 300, pollMs: 100, retryBackoffMs: 200 } });
  return {
    transport,
    async close() {
      await transport.close();
      await pool.end();
      await db.close();
    },
  };
});
