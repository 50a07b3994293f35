import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Import boundaries of DESIGN.md §1. A file gets exactly one `no-restricted-imports` entry (a later
// entry for the same file replaces an earlier one, it does not add to it), so each entry lists all
// that its files may not reach. electron/boundaries.test.ts proves every rule on offending snippets.
const ELECTRON_ONLY_IN_SHELL =
  'Only electron/main and electron/preload may import electron (DESIGN.md §1): the core reaches the desktop through the Platform port.';
/** 'electron' and every subpath of it ('electron/main', 'electron/common', …). */
const noElectron = { regex: '^electron(/.*)?$', message: ELECTRON_ONLY_IN_SHELL };
const noNodeBuiltins = { group: ['node:*'], message: 'This code runs in the renderer: no Node built-ins.' };

const SERVICES_STAY_PLAIN =
  'Services are plain Node behind ports: they never reach a face (server, main, preload, cli) or what the faces share (DESIGN.md §1).';
const FACES_APART =
  'The web face (electron/server) and the Electron face (electron/main, electron/preload) share only shell-common, rpc, shared, services and bootstrap.';
const CORE_FOLDERS = ['main', 'preload', 'server', 'cli', 'rpc', 'services', 'shell-common', 'bootstrap'];

/** Deep enough for every folder of electron/; boundaries.test.ts fails when a file lies deeper. */
const MAX_DEPTH = 6;

/**
 * The entries for the files of one folder of electron/: one per depth, so a relative import can be
 * matched by exactly how far it climbs. `../rpc` from electron/shared/contract is shared/rpc, not
 * electron/rpc, and only an exact count of `../` tells them apart.
 */
function boundary(folder, { ignores = [], patterns = [], forbid = [] }) {
  const base = folder.split('/').length - 1;
  return Array.from({ length: MAX_DEPTH - base + 1 }, (_, k) => {
    const toElectron = '\\.\\./'.repeat(base + k);
    const climbing = forbid.map(({ folders, message }) => ({
      regex: `^${toElectron}(${folders.join('|')})(/.*)?$`,
      message,
    }));
    return {
      files: [`${folder}/${'*/'.repeat(k)}*.ts`],
      ignores,
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...climbing] }] },
    };
  });
}

const rendererImportPatterns = CORE_FOLDERS.map((folder) => ({
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
    // electron/bootstrap.ts, electron/cli, electron/rpc and anything new: no electron.
    files: ['electron/**/*.ts'],
    ignores: [
      'electron/main/**',
      'electron/preload/**',
      'electron/services/**',
      'electron/server/**',
      'electron/shell-common/**',
      'electron/shared/**',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron] }] },
  },
  ...boundary('electron/services', {
    ignores: ['electron/services/testing/**'],
    patterns: [noElectron],
    forbid: [
      { folders: ['server', 'main', 'preload', 'cli', 'shell-common'], message: SERVICES_STAY_PLAIN },
      {
        folders: ['rpc', 'bootstrap'],
        message: 'Services know neither the transport nor the composition root: the core calls them.',
      },
    ],
  }),
  // Test scaffolding composes the real core (bootstrap, the in-process transport), and still no face.
  ...boundary('electron/services/testing', {
    patterns: [noElectron],
    forbid: [{ folders: ['server', 'main', 'preload', 'cli', 'shell-common'], message: SERVICES_STAY_PLAIN }],
  }),
  ...boundary('electron/server', {
    patterns: [noElectron],
    forbid: [{ folders: ['main', 'preload', 'cli'], message: FACES_APART }],
  }),
  ...boundary('electron/main', { forbid: [{ folders: ['server', 'cli'], message: FACES_APART }] }),
  ...boundary('electron/preload', { forbid: [{ folders: ['server', 'cli'], message: FACES_APART }] }),
  ...boundary('electron/shell-common', {
    patterns: [noElectron],
    forbid: [
      {
        folders: ['main', 'preload', 'server', 'cli', 'rpc', 'bootstrap'],
        message: 'electron/shell-common is what both faces share: it depends on neither, nor on the core.',
      },
    ],
  }),
  ...boundary('electron/shared', {
    patterns: [noElectron, noNodeBuiltins],
    forbid: [{ folders: CORE_FOLDERS, message: 'electron/shared must not depend on the core.' }],
  }),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [noElectron, noNodeBuiltins, ...rendererImportPatterns] },
      ],
      // Every schema of the contract is built when its module is evaluated: a value import of the index
      // builds all of them during the renderer's first task (it was most of a 100 ms startup task).
      // Types come from the index; values from the capability's own file, built when that code loads.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'electron/shared/contract$',
              allowTypeImports: true,
              message:
                'Import values from the capability file (electron/shared/contract/terminal, …); only types from the contract index.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/test/**'],
    languageOptions: { globals: { ...globals.node } },
    // Tests load the whole contract anyway (the fake core answers every method).
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
