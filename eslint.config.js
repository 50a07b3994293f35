import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Import boundaries of DESIGN.md §1: services never import electron; the renderer and electron/shared
// reach nothing of the core but the shared contract.
const electronOnlyInShell = {
  paths: [
    {
      name: 'electron',
      message: 'Only electron/main and electron/preload may import electron (DESIGN.md §1).',
    },
  ],
};
const coreFolders = ['main', 'preload', 'server', 'cli', 'rpc', 'services', 'bootstrap'];
const coreImportPatterns = coreFolders.map((folder) => ({
  group: [`**/electron/${folder}`, `**/electron/${folder}/**`],
  message: 'The renderer imports only electron/shared (DESIGN.md §1).',
}));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'test-results', 'playwright-report', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }],
      'no-console': 'off',
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInShell,
          patterns: [
            { group: ['node:*'], message: 'electron/shared runs in the renderer too: no node built-ins.' },
            ...coreFolders.map((folder) => ({
              group: [`../${folder}`, `../${folder}/**`, `../../${folder}`, `../../${folder}/**`],
              message: 'electron/shared must not depend on the core.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInShell,
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node built-ins.' },
            ...coreImportPatterns,
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/test/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
