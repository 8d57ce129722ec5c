import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'bin/**',
      'scripts/**/*.mjs',
      'scripts/**/*.d.mts',
      '.ci/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Playwright fixtures without dependencies must still destructure their first argument.
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['**/*.js', 'eslint.config.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The renderer is a web page: no Node, no Electron, no engine code, no raw IPC.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The renderer talks to main only through window.api.',
            },
            {
              group: ['better-sqlite3', 'keytar', 'node:*', 'fs', 'path', 'child_process'],
              message: 'No Node in the renderer.',
            },
            {
              group: ['**/main/**', '../main/*', '../../main/*'],
              message: 'The renderer must not import engine code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine runs in the CLI, tests and benchmarks too: it must never import Electron.
    files: ['main/**/*.ts', 'shared/**/*.ts', 'simulators/**/*.ts'],
    ignores: ['main/app/**', 'main/ipc/electron*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only main/app and main/ipc/electron*.ts may import Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'better-sqlite3', 'keytar', 'react', 'axios'],
              message: 'shared/ compiles for Node and DOM: keep it dependency-free except zod.',
            },
          ],
        },
      ],
    },
  },
);
