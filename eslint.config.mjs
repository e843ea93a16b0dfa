// Lint rules, including the layering of STYLE.md: dependencies point one way
// (renderer -> shared; preload -> shared; main, web, cli -> core -> shared), so a wrong arrow fails here.
// The layers and the packages each may import are one table in eslint-rules/layering.mjs.

import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { layeringPlugin } from './eslint-rules/layering.mjs'

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
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Spreading an array into call arguments throws a RangeError above ~125,000 items (it crashed
    // `eventscope list` on a big store); shared/array-ops.ts has loops that take any length.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'test/huge/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(push|unshift|splice|max|min|fromCharCode|fromCodePoint|apply|concat)$/] > SpreadElement',
          message:
            'A spread argument fails above ~125,000 items: use maxOf, minOf or appendAll from shared/array-ops.ts.',
        },
      ],
    },
  },
  {
    // One table of allowed layers, checked on resolved imports: eslint-rules/layering.mjs.
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { layering: layeringPlugin },
    rules: { 'layering/layers': ['error', { root: import.meta.dirname }] },
  },
)
