// typescript-eslint strict-type-checked (DESIGN rule 8), with type information from tsconfig.json.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'static/dist/', 'coverage/', 'test-artifacts/', '.hdc/', 'bin/', '*.config.js', '*.config.mjs'] },
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
        window: 'readonly', document: 'readonly', location: 'readonly', fetch: 'readonly', URL: 'readonly',
        ResizeObserver: 'readonly', globalThis: 'readonly', console: 'readonly', process: 'readonly',
        require: 'readonly', module: 'writable', Symbol: 'readonly', Promise: 'readonly', Map: 'readonly',
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
);
