import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      'web/build/',
      'web/.svelte-kit/',
      '.data/',
      'scripts/*.py',
      'web/static/tai-lieu-api/swagger-ui*',
    ],
  },
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    // `<script lang="ts">` and `.svelte.ts` modules (runes) parse with typescript-eslint's parser.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // The app is served at the root (no kit.paths.base): resolve() would return every path unchanged.
      'svelte/no-navigation-without-resolve': 'off',
      // Its Maps, Sets and Dates are local temporaries or never changed once built; what the UI reads is $state or SvelteMap.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
