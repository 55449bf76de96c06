// `npm run sql:snapshot`: the SQL snapshot test alone, in write mode. It needs PostgreSQL only, so the integration
// project runs without its global setup (which brings up a Kafka broker); DATABASE_URL defaults to the local server.
const { projects, testTimeout } = require('../../jest.config');

process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
process.env.LGSP_SQL_SNAPSHOT = 'write';

const integration = projects.find((p) => p.displayName === 'integration');
module.exports = {
  testTimeout,
  ...integration,
  globalSetup: undefined,
  globalTeardown: undefined,
  testMatch: ['<rootDir>/test/sql/sql-snapshot.int-spec.ts'],
};
