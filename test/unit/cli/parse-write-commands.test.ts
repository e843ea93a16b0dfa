import { describe, expect, it } from 'vitest'
import { CliError } from '../../../electron/cli/cli-error'
import { batchItem } from '../../../electron/cli/commands/append-batch-command'
import { parseCommandLine } from '../../../electron/cli/parse-command-line'

const parseArgsOf = (argv: string[]): unknown => parseCommandLine(argv).args

const usage = (argv: string[]): string => {
  try {
    parseCommandLine(argv)
  } catch (error) {
    if (error instanceof CliError && error.exitCode === 2) return error.message
    throw error
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`)
}

describe('parseCommandLine for the writing commands', () => {
  it('given append with every option, when parsed, then JSON stays text for the command to parse', () => {
    expect(
      parseArgsOf([
        'append',
        'd',
        'u1',
        'T',
        '--data',
        '-',
        '--metadata',
        '{}',
        '--expected-version',
        '3',
        '--event-id',
        'e',
        '--json',
      ]),
    ).toEqual({
      kind: 'append',
      dir: 'd',
      aggregateId: 'u1',
      eventType: 'T',
      data: '-',
      metadata: '{}',
      expectedVersion: 3,
      eventId: 'e',
      json: true,
    })
  })

  it('given append --batch, when parsed, then only DIR is taken', () => {
    expect(parseCommandLine(['append', 'd', '--batch']).args).toEqual({
      kind: 'appendBatch',
      dir: 'd',
      json: false,
    })
    expect(usage(['append', 'd', 'u1', '--batch'])).toMatch(/append --batch takes only DIR/)
    expect(usage(['append', 'd', '--batch', '--event-id', 'x'])).toMatch(
      /--event-id cannot be used with --batch/,
    )
    expect(usage(['append', 'd', 'u1', 'T', 'extra', '--data', '{}'])).toMatch(/unexpected argument "extra"/)
    expect(usage(['append', 'd', 'u1', 'T', '--data', '-', '--metadata', '-'])).toMatch(
      /only one of --data and --metadata/,
    )
  })

  it('given export with ids and repeated --type, when parsed, then all are kept in order', () => {
    expect(
      parseArgsOf([
        'export',
        'd',
        'a',
        'b',
        '--format',
        'csv',
        '--out',
        'o',
        '--type',
        'X',
        '--type',
        'Y',
        '--since',
        '2026-01-01',
      ]),
    ).toEqual({
      kind: 'export',
      dir: 'd',
      aggregateIds: ['a', 'b'],
      format: 'csv',
      out: 'o',
      types: ['X', 'Y'],
      since: '2026-01-01',
      keepFormulas: false,
      until: null,
      json: false,
    })
  })

  it('given init and reindex, when parsed, then they take DIR', () => {
    expect(parseCommandLine(['init', 'd']).args).toEqual({ kind: 'init', dir: 'd', json: false })
    expect(parseCommandLine(['reindex', 'd', '--json']).args).toEqual({
      kind: 'reindex',
      dir: 'd',
      json: true,
    })
    expect(usage(['reindex'])).toBe('reindex needs DIR (usage: eventscope reindex DIR [--json])')
  })
})

describe('batchItem', () => {
  it('given a full line, when read, then it becomes an append request', () => {
    expect(
      batchItem(
        '{"aggregateId": "a", "type": "T", "data": {"x": 1}, "metadata": {"m": 1}, "expectedVersion": 0, "eventId": "e"}',
      ),
    ).toEqual({
      aggregateId: 'a',
      eventType: 'T',
      payload: { x: 1 },
      metadata: { m: 1 },
      expectedVersion: 0,
      eventId: 'e',
    })
  })

  it.each([
    ['[1]', /must be a JSON object/],
    ['{"aggregateId": "a", "type": "T"}', /"data" is missing/],
    ['{"aggregateId": 1, "type": "T", "data": {}}', /"aggregateId" must be a string/],
    [
      '{"aggregateId": "a", "type": "T", "data": {}, "expectedVersion": -1}',
      /"expectedVersion" must be a whole number/,
    ],
    ['{"aggregateId": "a", "type": "T", "data": {}, "eventId": ""}', /"eventId" must be a non-empty string/],
    ['{"aggregateId": "a", "type": "T", "data": {}, "payload": {}}', /unknown field "payload"/],
  ])('given %s, when read, then it is refused: %s', (line, message) => {
    expect(() => batchItem(line)).toThrow(message)
  })
})
