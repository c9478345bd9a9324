// @ts-check
// One flat config for the whole workspace: type-aware typescript-eslint on every TS file (each file
// is found through its package's tsconfig by the project service), React's hook rules for the React
// code, and eslint-config-prettier last so that formatting is Prettier's alone (`prettier --check`).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** `process.env` is read by the BFF's config module only (STYLE.md: config parsed once, with a schema). */
const envMessage = 'Only the config module reads process.env: take the value from the parsed config instead.';

export default defineConfig(
  globalIgnores(['**/dist/**', 'test-results/**', '**/coverage/**', '.changeset/**']),
  // The pack test copies these into a temporary project outside the workspace, where they import the
  // installed tarballs; here they belong to no project and their imports would not resolve as there.
  globalIgnores(['packages/client/test/pack/consumer/*.mjs']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // The plain JavaScript tooling files belong to no tsconfig; they get a default project
          // (a few files only: each one in it costs a little at start-up).
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'vitest.config.ts',
            'scripts/*.mjs',
            'apps/bff/*.mjs',
            'apps/bff/bin/*.mjs',
            'apps/bff/bench/*.mjs',
            'apps/web/scripts/*.mjs',
          ],
          defaultProject: 'tsconfig.base.json',
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or binding that is there for its position or to be left out of a rest.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Scripts, benches and config files run on Node as plain ESM.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
    // Plain JavaScript has no annotations: every JSON.parse and every import without types is `any`,
    // so the no-unsafe-* family would ask for a JSDoc cast on each. The other type-aware rules
    // (floating or misused promises, await-thenable, …) still run on these files.
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}', 'packages/client/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['apps/bff/src/**/*.ts'],
    ignores: ['apps/bff/src/config.ts', 'apps/bff/src/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: envMessage }],
      'no-restricted-imports': [
        'error',
        { paths: ['process', 'node:process'].map((name) => ({ name, importNames: ['env'], message: envMessage })) },
      ],
    },
  },
  {
    // House rule: a focused test must never be committed (it silently skips every other test).
    files: ['**/test/**/*.{ts,tsx}', 'e2e/**/*.ts', '**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].map((object) => ({ object, property: 'only', message: 'Do not commit a focused test.' })),
      ],
    },
  },
  prettier,
);
