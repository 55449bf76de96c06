import type { TestInfrastructure } from './test-infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infrastructure = (globalThis as Record<string, unknown>).__LGSP_TEST_INFRASTRUCTURE__ as TestInfrastructure | undefined;
  await infrastructure?.stop();
}
