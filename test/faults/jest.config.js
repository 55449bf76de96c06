// `npm run test:faults`: the fault suite alone. Worker processes on a broker and a PostgreSQL the suite brings up
// itself (own ports), so it runs without the integration project's global setup; `npm test` leaves it out (minutes).
const { projects, testTimeout } = require('../../jest.config');

const integration = projects.find((p) => p.displayName === 'integration');
module.exports = {
  testTimeout,
  ...integration,
  displayName: 'faults',
  globalSetup: undefined,
  globalTeardown: undefined,
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
};
