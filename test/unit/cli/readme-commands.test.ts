// The README's command block and `eventscope help` say the same thing: the block is the overview's
// usage section, generated from the command descriptors, word for word.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliErrorCodes } from '../../../electron/cli/cli-error'
import { commands } from '../../../electron/cli/command-registry'
import { commandBlock, helpText } from '../../../electron/cli/help-text'

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8')

/** The first ```text block of the README's "Command line" section. */
function readmeCommandBlock(): string {
  const section = readme.slice(readme.indexOf('\n## Command line'))
  const match = /```text\n([\s\S]*?)\n```/.exec(section)
  if (!match?.[1]) throw new Error('README.md has no ```text block under "## Command line"')
  return match[1]
}

describe('the README command block', () => {
  it('given the registered commands, when the README is read, then its block is exactly the help overview', () => {
    // On failure, paste the expected text (commandBlock()) into the README.
    expect(readmeCommandBlock()).toBe(commandBlock())
  })

  it.each(commands)(
    'given $name, when README and help are read, then both show each of its forms',
    (command) => {
      for (const { usage } of command.synopsis) {
        expect(readmeCommandBlock()).toContain(`eventscope ${usage}`)
        expect(helpText(null)).toContain(`eventscope ${usage}`)
      }
    },
  )
})

describe('the README and help on errors', () => {
  it.each(Object.keys(cliErrorCodes))(
    'given the error code %s, when README and help are read, then both name it',
    (code) => {
      expect(readme).toContain(`\`${code}\``)
      expect(helpText(null)).toMatch(new RegExp(`^ {2}${code} +\\S`, 'm'))
    },
  )
})
