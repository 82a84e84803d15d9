// One lint set-up for the whole repository (flat config). Workflow code gets the sandbox rules of
// temporalio/samples-typescript: no Node built-ins or I/O libraries, no floating promises. Which package may
// import which is checked by eslint.boundaries.mjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundariesPlugin } from './eslint.boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', '.test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { jiuzhu: boundariesPlugin },
    rules: {
      'jiuzhu/package-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'child_process', 'crypto', 'os'],
              message: 'Workflow code runs in a deterministic sandbox: no Node built-ins. Use an activity.',
            },
            {
              group: [
                'pg',
                'typeorm',
                'axios',
                'chinese-days',
                '@nestjs/*',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
                'decimal.js',
              ],
              message: 'Workflow code does no I/O and reads no calendar or policy: use an activity.',
            },
          ],
        },
      ],
    },
  },
);
