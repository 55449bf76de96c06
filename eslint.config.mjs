// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.lgsp/**', 'bin/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Shared code is reached through @lgsp/* aliases, never by a relative path into another project.
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../libs/*', '../../../libs/*', '../../apps/*', '../../../apps/*'], message: 'import shared code through its @lgsp/* alias' }] }],
    },
  },
);
