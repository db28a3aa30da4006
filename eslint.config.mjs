// Flat config: TypeScript-aware rules for the app, tests, migrations and benchmarks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'eslint.config.mjs',
      'jest.config.js',
      '.dependency-cruiser.cjs',
      // Trees that break the module boundaries on purpose (src/module-boundaries.spec.ts).
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // What null means in a request is decided field by field (docs/errors.md, "null").
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message:
                'IsOptional lets null through as if absent: use Omittable() or Nullable() from common/validation/presence.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.name='PartialType']:not(:has(Property[key.name='skipNullProperties']))",
          message:
            'PartialType makes every field take null: pass { skipNullProperties: false } (docs/errors.md, "null").',
        },
        {
          selector: "CallExpression[callee.name='ValidateNested']:has(Property[key.name='each'])",
          message:
            'ValidateNested({ each: true }) takes nested arrays for items: use NestedObjects() from common/validation/nested.',
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
