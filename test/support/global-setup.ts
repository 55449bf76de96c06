import { join } from 'node:path';
import { register } from 'tsconfig-paths';

// Jest's moduleNameMapper does not apply to the global setup: map the @lgsp/* aliases here.
register({ baseUrl: join(__dirname, '..', '..'), paths: { '@lgsp/*': ['libs/*/src'] } });

// Runs once before the integration tests; workers inherit the environment it sets.
export default async function globalSetup(): Promise<void> {
  const { startTestInfrastructure } = await import('./test-infrastructure');
  const say = (line: string) => process.stderr.write(`[test-infrastructure] ${line}\n`);
  const infrastructure = await startTestInfrastructure(say);
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers.join(',');
  process.env.DATABASE_URL = infrastructure.databaseUrl;
  (globalThis as Record<string, unknown>).__LGSP_TEST_INFRASTRUCTURE__ = infrastructure;
}
