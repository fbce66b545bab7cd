// ESLint: typescript-eslint's strict, type-aware rules over our own code. Formatting is Prettier's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'web/dist/', 'node_modules/', 'test-results/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The tool configs are in no tsconfig; they get the default project.
        projectService: { allowDefaultProject: ['vitest.config.ts', 'web/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers and booleans read well in messages (`${count} members`); objects and nullish values stay refused.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `(event) => setValue(event)` in handlers and Preact props is idiomatic; returning a void call elsewhere is still refused.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { id: _dropped, ...rest } = object` is how we omit a key; names starting with "_" are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Callbacks of promise-based APIs (Fastify hooks and handlers, Store.write) are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
      // Resource documents are JSON objects keyed by attribute name; deleting an attribute by its name is the operation.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      // Tests read untyped JSON replies (`response.json()` is `any`) and check them with expect().
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['web/src/components/ui.tsx'],
    rules: {
      // document.execCommand('copy') is the only copy that works over plain HTTP, where navigator.clipboard is absent.
      '@typescript-eslint/no-deprecated': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
