import { describe, expect, it } from 'vitest'
import { commands } from '../../../electron/cli/command-registry'
import { helpText } from '../../../electron/cli/help-text'

const names = commands.map((command) => command.name)

describe('helpText', () => {
  it('given no topic, when shown, then the overview names every command and the exit codes', () => {
    const text = helpText(null)
    for (const name of [...names, 'help'])
      expect(text).toContain(`eventscope ${name === 'open' ? '[open]' : name}`)
    expect(text).toContain('--json')
    expect(text).toMatch(/Exit codes: 0 success; 1 failure .*;\s+2 usage error/s)
  })

  it.each(commands)(
    'given $name, when its help is shown, then it starts with the usage line the parser reports',
    (command) => {
      expect(helpText(command.name).startsWith(`Usage: eventscope ${command.usage}\n`)).toBe(true)
    },
  )

  it.each(commands)(
    'given $name, when its help is shown, then it lists every option the parser takes',
    (command) => {
      const text = helpText(command.name)
      for (const [name, spec] of Object.entries(command.options)) {
        const head = spec.kind === 'flag' ? `--${name}` : `--${name} ${spec.value}`
        expect(text).toMatch(new RegExp(`^  ${head.replace(/[|[\]()]/g, '\\$&')} +\\S`, 'm'))
      }
      expect(text).toMatch(/^ {2}--json +\S/m)
      expect(text).toMatch(/^ {2}-h, --help +\S/m)
    },
  )

  it('given any help, when shown, then no line is wider than 110 characters', () => {
    for (const topic of [null, 'help', ...names]) {
      for (const line of helpText(topic).split('\n')) expect(line.length).toBeLessThanOrEqual(110)
    }
  })
})
