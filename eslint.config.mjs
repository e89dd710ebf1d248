// typescript-eslint strict-type-checked (DESIGN rule 8), with type information from tsconfig.json.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import eslintConfigPrettier from 'eslint-config-prettier/flat';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'static/dist/',
      'coverage/',
      'test-artifacts/',
      '.hdc/',
      'bin/',
      '*.config.js',
      '*.config.mjs',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // Template literals with numbers are how we format figures and ids.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { secret, ...rest } = x` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Plain JavaScript that runs as it is written: the local host's browser scripts, the macro
    // build script and the jest environment. Linted without type information.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        ResizeObserver: 'readonly',
        globalThis: 'readonly',
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        Symbol: 'readonly',
        Promise: 'readonly',
        Map: 'readonly',
      },
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests know the data they built, and their fakes implement async interfaces synchronously.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      // jest's asymmetric matchers (expect.stringContaining, …) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Imports point down: the contract is shared by the backend and the macros, so it depends on
    // no capability, store or edge, only on itself and src/shared.
    files: ['src/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '!../shared', '!../shared/*'],
              message: 'src/contract may import only src/contract and src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // Imports point down: a capability owns its port and domain types, the store implements them,
    // and the edges (Forge, CLI, local host) and the composition root wire them together. A
    // capability never reaches an adapter or an edge.
    files: ['src/{sync,cleanup,registry,verification,ops,telemetry,confluence,shared}/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/*', '**/app/*', '**/forge/*', '**/cli/*', '**/seed/*'],
              message:
                'A capability may import its own folder, other capabilities, src/contract and src/shared: pass adapters in as ports.',
            },
          ],
        },
      ],
    },
  },
  {
    // The macros reach the backend's code only through the contract (and @forge/bridge at run time).
    files: ['static/src/**/*.ts', 'static/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+src/(?!contract/)', message: 'Macros may import only src/contract from the backend.' },
          ],
        },
      ],
    },
  },
  {
    // Local-only code (pg, PGlite, seeds, migrations from files, the YAML thresholds) stays out of
    // what Forge bundles: the Forge edge and the composition root must not reach it.
    files: ['src/index.ts', 'src/forge/**/*.ts', 'src/app/create-app.ts', 'src/app/open-app.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/app/local-database',
                '**/app/database-admin',
                '**/store/pg-executor',
                '**/store/pglite-executor',
                '**/store/sql-rpc-client',
                '**/store/migration-*',
                '**/seed/*',
                '**/cli/*',
                '**/verification/thresholds-source',
              ],
              message: 'Local-only: Forge must not bundle it (pass it in from the CLI, local host or bench).',
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run lint checks it): no style rule may disagree with it.
  eslintConfigPrettier,
);
