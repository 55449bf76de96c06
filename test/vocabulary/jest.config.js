// `npm run docs:vocabulary`: the vocabulary test alone, in write mode: it rewrites docs/vocabulary.md from
// libs/contracts/src/results/vocabulary.ts first, then checks it as the unit run does.
const { projects, testTimeout } = require('../../jest.config');

process.env.LGSP_VOCABULARY = 'write';

const unit = projects.find((p) => p.displayName === 'unit');
module.exports = {
  testTimeout,
  ...unit,
  testMatch: ['<rootDir>/libs/contracts/src/results/vocabulary.spec.ts'],
};
