import { describe, expect, it } from 'vitest'
import { helpText } from '../../../electron/cli/help-text'
import { commandNames, usageLine, type RunCommandName } from '../../../electron/cli/parse-command-line'

const runnable = commandNames.filter((name): name is RunCommandName => name !== 'help')

describe('helpText', () => {
  it('given no topic, when shown, then the overview names every command and the exit codes', () => {
    const text = helpText(null)
    for (const name of commandNames) expect(text).toContain(`eventscope ${name === 'open' ? '[open]' : name}`)
    expect(text).toContain('--json')
    expect(text).toMatch(/Exit codes: 0 success; 1 failure .*;\s+2 usage error/s)
  })

  it.each(runnable)(
    'given %s, when its help is shown, then it starts with the usage line the parser reports',
    (name) => {
      expect(helpText(name).startsWith(`Usage: ${usageLine(name)}\n`)).toBe(true)
    },
  )

  it('given any help, when shown, then no line is wider than 110 characters', () => {
    for (const topic of [null, ...runnable]) {
      for (const line of helpText(topic).split('\n')) expect(line.length).toBeLessThanOrEqual(110)
    }
  })
})
