/** Two projects: `unit` (pure logic, no I/O) and `integration` (real Kafka broker + PostgreSQL). */
const aliases = {
  '^@lgsp/([a-z-]+)$': '<rootDir>/libs/$1/src',
};
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      // docs/examples: the example code of the documentation is tested like the rest.
      testMatch: ['<rootDir>/{apps,libs,docs}/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper: aliases,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/apps/*/test/**/*.int-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper: aliases,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
