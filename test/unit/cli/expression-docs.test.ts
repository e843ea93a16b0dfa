// The expression language is documented in one place (format/expression-language.ts) and shown three
// ways: `help where`, the end of `help check`, and the README's "Expressions" block, word for word.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { expressionLanguage } from '../../../electron/cli/format/expression-language'
import { helpText } from '../../../electron/cli/help-text'
import { functionArity, pathRoots } from '../../../electron/core/search/expression'

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8')

function readmeExpressions(): string {
  const section = readme.slice(readme.indexOf('\n### Expressions'))
  const match = /```text\n([\s\S]*?)\n```/.exec(section)
  if (!match?.[1]) throw new Error('README.md has no ```text block under "### Expressions"')
  return match[1]
}

describe('the expression language reference', () => {
  it('given the README, when its Expressions block is read, then it is the reference word for word', () => {
    // On failure, paste expressionLanguage into the README.
    expect(readmeExpressions()).toBe(expressionLanguage)
  })

  it('given help where and help check, when printed, then both carry the reference', () => {
    expect(helpText('where')).toContain(expressionLanguage)
    expect(helpText('check')).toContain(expressionLanguage)
  })

  it.each([...pathRoots, ...Object.keys(functionArity)])(
    'given the parser knows %s, when the reference is read, then it names it',
    (name) => {
      expect(expressionLanguage).toMatch(new RegExp(`\\b${name}\\b`))
    },
  )
})
