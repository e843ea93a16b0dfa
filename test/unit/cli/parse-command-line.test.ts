import { describe, expect, it } from 'vitest'
import { CliError } from '../../../electron/cli/cli-error'
import { genDefaults } from '../../../electron/cli/descriptors/gen'
import { parseCommandLine } from '../../../electron/cli/parse-command-line'

const usage = (argv: string[]): CliError => {
  try {
    parseCommandLine(argv)
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`)
}

describe('parseCommandLine', () => {
  it('given no arguments, when parsed, then it opens the app with no directory', () => {
    expect(parseCommandLine([]).args).toEqual({ kind: 'open', dir: null, place: null, json: false })
  })

  it.each([[['--help']], [['-h']], [['help']]])(
    'given %j, when parsed, then it asks for the overview',
    (argv) => {
      expect(parseCommandLine(argv).args).toEqual({ kind: 'help', topic: null })
    },
  )

  it('given a command with --help, when parsed, then it asks for that command’s help even without its arguments', () => {
    expect(parseCommandLine(['events', '--help']).args).toEqual({ kind: 'help', topic: 'events' })
    expect(parseCommandLine(['help', 'state']).args).toEqual({ kind: 'help', topic: 'state' })
  })

  it('given list DIR --json, when parsed, then it lists as JSON', () => {
    expect(parseCommandLine(['list', 'store', '--json']).args).toEqual({
      kind: 'list',
      dir: 'store',
      fromIndex: false,
      noCache: false,
      database: null,
      json: true,
    })
    expect(parseCommandLine(['list', 'store', '--from-index', '--no-cache']).args).toMatchObject({
      fromIndex: true,
      noCache: true,
    })
  })

  it('given events with --from and --limit, when parsed, then both are numbers', () => {
    expect(parseCommandLine(['events', 'd', 'agg', '--from', '10', '--limit=5']).args).toEqual({
      kind: 'events',
      dir: 'd',
      aggregateId: 'agg',
      from: 10,
      limit: 5,
      database: null,
      json: false,
      follow: false,
    })
  })

  it('given events without --from or --limit, when parsed, then it starts at the beginning with no limit', () => {
    expect(parseCommandLine(['events', 'd', 'agg']).args).toMatchObject({ from: 0, limit: null })
  })

  it('given --at -1, when parsed, then it is a version counted back from the latest (it said "needs a value")', () => {
    expect(parseCommandLine(['state', 'd', 'agg', '--at', '-1']).args).toMatchObject({
      kind: 'state',
      at: -1,
    })
    expect(parseCommandLine(['state', 'd', 'agg', '--at=-3', '--json']).args).toMatchObject({
      at: -3,
      json: true,
    })
  })

  it('given a text option whose value starts with "-", when parsed, then it is the value', () => {
    expect(parseCommandLine(['search', 'd', '--text', '-x']).args).toMatchObject({ text: '-x' })
  })

  it('given state with and without --at, when parsed, then --at is a version or null for the latest', () => {
    expect(parseCommandLine(['state', 'd', 'agg', '--at', '0']).args).toMatchObject({ kind: 'state', at: 0 })
    expect(parseCommandLine(['state', 'd', 'agg']).args).toMatchObject({ kind: 'state', at: null })
  })

  it('given serve with no flags, when parsed, then it binds 127.0.0.1 on any free port', () => {
    expect(parseCommandLine(['serve']).args).toEqual({
      kind: 'serve',
      dir: null,
      roots: [],
      port: 0,
      host: '127.0.0.1',
      json: false,
    })
  })

  it('given serve with two --root flags, when parsed, then both roots are kept in order', () => {
    expect(parseCommandLine(['serve', 'd', '--root', '/a', '--root', '/b']).args).toMatchObject({
      kind: 'serve',
      dir: 'd',
      roots: ['/a', '/b'],
    })
  })

  it('given gen with only DIR, when parsed, then the documented defaults apply', () => {
    expect(parseCommandLine(['gen', 'out']).args).toEqual({
      kind: 'gen',
      dir: 'out',
      ...genDefaults,
      json: false,
    })
  })

  it('given open DIR, when parsed, then it opens that directory', () => {
    expect(parseCommandLine(['open', 'store']).args).toEqual({
      kind: 'open',
      dir: 'store',
      place: null,
      json: false,
    })
  })

  it('given open DIR --aggregate ID --at N, when parsed, then the place is link text, the id encoded whole', () => {
    expect(parseCommandLine(['open', 'store', '--aggregate', 'a/b c', '--at', '3']).args).toEqual({
      kind: 'open',
      dir: 'store',
      place: '/aggregate/a%2Fb%20c/at/3',
      json: false,
    })
    expect(parseCommandLine(['open', 'store', '--aggregate', 'o1']).args).toMatchObject({
      place: '/aggregate/o1',
    })
  })

  it.each([
    [['open', '--aggregate', 'o1'], '--aggregate needs the store'],
    [['open', 'store', '--at', '3'], '--at needs --aggregate'],
    [['open', 'store', '--aggregate', 'o1', '--at', '-1'], '--at'],
    [['open', 'store', '--aggregate', ''], '--aggregate needs an aggregate id'],
  ])('given open %j, when parsed, then it is a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(message)
  })

  it('given --version, when parsed, then it asks for the version', () => {
    expect(parseCommandLine(['--version']).args).toEqual({ kind: 'version' })
  })
})

describe('parseCommandLine refusals', () => {
  it.each([
    [['frob'], 'unknown command "frob" (see eventscope --help)'],
    [['./store'], 'unknown command "./store"; to open a directory: eventscope open ./store'],
    [['--frob'], 'unknown option --frob (see eventscope --help)'],
    [['list'], 'list needs DIR (usage: eventscope list DIR [--from-index] [--no-cache] [--json])'],
    [
      ['events', 'd'],
      'events needs DIR and AGGREGATE_ID (usage: eventscope events DIR AGGREGATE_ID [--from N] [--limit N | --follow] [--json])',
    ],
    [
      ['list', 'a', 'b'],
      'unexpected argument "b" for list (usage: eventscope list DIR [--from-index] [--no-cache] [--json])',
    ],
    [['list', 'd', '--from', '3'], 'unknown option --from for list (see eventscope list --help)'],
    [['events', 'd', 'a', '--limit'], 'option --limit needs a value (see eventscope events --help)'],
    [['list', 'd', '--json=yes'], 'option --json takes no value (see eventscope list --help)'],
    [['events', 'd', 'a', '--from', 'ten'], '--from needs a whole number, got "ten"'],
    [['events', 'd', 'a', '--limit', '0'], '--limit must be at least 1, got 0'],
    [
      ['state', 'd', 'a', '--at', '1.5'],
      '--at needs a version: a whole number, or a negative one counting back from the latest, got "1.5"',
    ],
    [
      ['state', 'd', 'a', '--at', 'last'],
      '--at needs a version: a whole number, or a negative one counting back from the latest, got "last"',
    ],
    [
      ['state', 'd', 'a', '--at', ''],
      '--at needs a version: a whole number, or a negative one counting back from the latest, got an empty value',
    ],
    [
      ['state', 'd', 'a', '--at', '99999999999999999999'],
      '--at is out of range: 99999999999999999999 is beyond what a whole number here can be',
    ],
    [['state', 'd', 'a', '--at'], 'option --at needs a value (see eventscope state --help)'],
    [['state', 'd', 'a', '--at', '--json'], 'option --at needs a value (see eventscope state --help)'],
    [['events', 'd', 'a', '--from', '-1'], '--from must be at least 0, got -1'],
    [['events', 'd', 'a', '--limit', '-5'], '--limit must be at least 1, got -5'],
    [['serve', '--port', '-1'], '--port must be between 0 and 65535, got -1'],
    [
      ['serve', '--host', '0.0.0.0'],
      '--host must be a loopback address (127.0.0.1, ::1, localhost); the browser shell is never exposed to the network',
    ],
    [['serve', '--port', '70000'], '--port must be between 0 and 65535, got 70000'],
    [['help', 'frob'], 'no help for "frob": unknown command (see eventscope --help)'],
  ])('given %j, when parsed, then it is a usage error: %s', (argv, message) => {
    const error = usage(argv)
    expect(error.message).toBe(message)
    expect(error.exitCode).toBe(2)
  })

  it('given a negative number, when parsed, then the message is one line', () => {
    const error = usage(['events', 'd', 'a', '--from', '-1'])
    expect(error.exitCode).toBe(2)
    expect(error.message).not.toContain('\n')
    expect(error.message).toContain('--from')
  })
})
