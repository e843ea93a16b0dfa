// Lint rules, including the layering of STYLE.md: dependencies point one way
// (renderer -> shared; preload -> shared; main, web, cli -> core -> shared), so a wrong arrow fails here.

import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const shells = ['**/electron/main/**', '**/electron/web/**', '**/electron/cli/**', '**/electron/preload/**']

/** A no-restricted-imports rule that forbids the given module patterns with one message. */
function forbid(patterns, message, paths = []) {
  return ['error', { patterns: [{ group: patterns, message }], paths }]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.eventscope-sample/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': forbid(
        ['**/electron/**', 'node:*', 'zod'],
        'The renderer talks to main only through shared/ and renderer/src/ipc/client.ts.',
        [
          {
            name: 'electron',
            message: 'The renderer never imports electron; use renderer/src/ipc/client.ts.',
          },
        ],
      ),
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [...shells, '**/renderer/**'],
        'core is pure Node: shells depend on core, never the reverse.',
        [{ name: 'electron', message: 'core must run without Electron (CLI, browser shell, tests).' }],
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/electron/**', '**/renderer/**'],
        'shared/ is the contract; it depends on nothing of ours.',
      ),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/electron/core/**', '**/electron/main/**', '**/renderer/**', '**/shared/contract*', 'zod'],
        'The sandboxed preload bundles no npm code: use shared/channels.ts and shared/bridge.ts only.',
      ),
    },
  },
  {
    files: ['electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/electron/main/**', '**/electron/preload/**', '**/renderer/**'],
        'Shells depend on core, not on each other.',
        [{ name: 'electron', message: 'Only electron/main may import electron.' }],
      ),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/electron/web/**', '**/electron/cli/**', '**/renderer/**'],
        'Shells depend on core, not on each other.',
      ),
    },
  },
)
