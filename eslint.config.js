// @ts-check
// Lint rules, including the folder layering of DESIGN.md §3: each folder is an environment and
// may import only what that environment allows. tests/lint-layering.test.ts proves the bans bite.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'stream/promises',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

const ban = (names, message) => names.map((name) => ({ name, message }));

const SQLITE = ban(['better-sqlite3'], 'Only main/core/db talks to SQLite.');
const ORT = ban(['onnxruntime-node'], 'Only the session pool imports onnxruntime-node.');
const ELECTRON = ban(['electron'], 'Only main/electron and preload import electron.');
const REACT = ban(['react', 'react-dom', 'react-dom/client'], 'React belongs to the renderer.');

const BROWSER = 'The renderer runs in a browser: no Node.';
const OUTSIDE_APP = ['**/main/**', '**/renderer/**', '**/preload/**', '**/tests/**'];
const NOT_UI = {
  group: ['**/renderer/**', '**/preload/**'],
  message: 'main/ never imports the renderer or preload.',
};
const CORE = [
  { group: ['**/electron/**', '**/server/**'], message: 'main/core never imports a host.' },
  NOT_UI,
];
const ELECTRON_HOST = [
  { group: ['**/server/**'], message: 'The Electron host never imports the server host.' },
  NOT_UI,
];

/** no-restricted-imports for the source files of one folder (later blocks override). */
const layer = (files, { paths = [], patterns = [] }) => ({
  files,
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'release/',
      '.tsbuild/',
      '.out/',
      'test-results/',
      'playwright-report/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './app/tsconfig.json',
          './main/tsconfig.json',
          './preload/tsconfig.json',
          './renderer/tsconfig.json',
          './tools/tsconfig.json',
          './tests/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      'no-throw-literal': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      'max-lines': ['error', { max: 600, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'max-lines-per-function': ['error', { max: 200, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'tests/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 800, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['main/electron/**', 'main/server/**', 'tools/**', 'tests/**', '*.config.ts'],
    rules: { 'no-console': 'off' },
  },

  // Layering (DESIGN.md §3, architecture-anchors §2.7). Tests beside the code are exempt.
  layer(['app/**'], {
    patterns: [
      {
        regex: '^(?!zod$|\\.\\.?/)',
        message: 'app/ is pure: it imports zod and app/ modules only.',
      },
      { group: OUTSIDE_APP, message: 'app/ imports nothing outside app/.' },
    ],
  }),
  layer(['main/core/**'], { paths: [...ELECTRON, ...REACT, ...ORT, ...SQLITE], patterns: CORE }),
  layer(['main/core/db/**'], { paths: [...ELECTRON, ...REACT, ...ORT], patterns: CORE }),
  layer(['main/core/inference/ort-session-pool.ts'], {
    paths: [...ELECTRON, ...REACT, ...SQLITE],
    patterns: CORE,
  }),
  layer(['main/server/**'], {
    paths: [...ELECTRON, ...REACT, ...ORT, ...SQLITE],
    patterns: [
      { group: ['**/electron/**'], message: 'The server host never imports the Electron host.' },
      NOT_UI,
    ],
  }),
  layer(['main/electron/**'], {
    paths: [
      ...REACT,
      ...ORT,
      ...SQLITE,
      { name: 'electron', importNames: ['ipcMain'], message: 'Only ipc-router.ts uses ipcMain.' },
    ],
    patterns: ELECTRON_HOST,
  }),
  layer(['main/electron/ipc-router.ts'], {
    paths: [...REACT, ...ORT, ...SQLITE],
    patterns: ELECTRON_HOST,
  }),
  layer(['preload/**'], {
    patterns: [
      {
        regex: '^(?!electron$|\\.\\.?/)',
        message: 'The preload imports electron and app/contract only.',
      },
      {
        regex: '^\\.\\./(?!app/contract/(bridge|names|version)\\.ts$)',
        message: 'The preload imports only app/contract.',
      },
    ],
  }),
  layer(['renderer/**'], {
    paths: [...ELECTRON, ...ORT, ...SQLITE, ...ban(NODE_BUILTINS, BROWSER)],
    patterns: [
      { group: ['node:*'], message: BROWSER },
      {
        group: ['**/main/**', '**/preload/**'],
        message: 'The renderer reaches main only through the contract.',
      },
    ],
  }),
  {
    files: ['**/*.d.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
