// `eventscope import DIR FILE` through the built CLI: store-format and --batch-format lines, ids and
// times kept, --aggregate, and a bad line stopping the import with its line number.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonJsonDumps } from '../../../electron/core/gen/python-json'
import { useTempDirs } from '../../support/temp-dir'
import { oneLineError, requireBuiltCli, runCli } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-import-')
beforeAll(() => requireBuiltCli())

const events = (dir: string, id: string) =>
  readFileSync(join(dir, `${id}.events.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)

async function store(): Promise<{ dir: string; file: string }> {
  const root = await tempDir()
  const dir = join(root, 'store')
  expect((await runCli(['init', dir])).code).toBe(0)
  return { dir, file: join(root, 'events.jsonl') }
}

const seedLine = (id: string, aggregateId: string, n: number): string =>
  pythonJsonDumps({
    event_id: id,
    event_type: 'Counted',
    aggregate_id: aggregateId,
    occurred_at: `2026-01-0${n}T00:00:00+00:00`,
    n,
  })

describe('given a JSONL file of events', () => {
  it('when imported, then each event goes to its aggregate with its id and time, whatever the line format', async () => {
    const { dir, file } = await store()
    writeFileSync(
      file,
      '\uFEFF' +
        [
          seedLine('e1', 'u1', 1),
          '',
          JSON.stringify({
            id: 'e2',
            type: 'Renamed',
            aggregateId: 'u2',
            timestamp: '2026-01-02T00:00:00+00:00',
            data: { name: 'Ada' },
          }),
          JSON.stringify({ aggregateId: 'u1', type: 'Counted', data: { n: 3 } }),
          seedLine('e1', 'u1', 1).replace('"e1"', '"e4"'),
        ].join('\r\n') +
        '\n',
    )
    const run = await runCli(['import', dir, file])
    expect(run).toMatchObject({ code: 0, stderr: '', stdout: 'imported 4 events to 2 aggregates\n' })
    const u1 = events(dir, 'u1')
    expect(u1.map((e) => [e.event_id, e.n])).toEqual([
      ['e1', 1],
      [expect.any(String), 3],
      ['e4', 1],
    ])
    expect(u1[0]).toEqual({
      event_id: 'e1',
      event_type: 'Counted',
      aggregate_id: 'u1',
      occurred_at: '2026-01-01T00:00:00+00:00',
      n: 1,
    })
    // The store is new, so it gets the seed's flat style, whatever the imported line's style was.
    expect(events(dir, 'u2')).toEqual([
      {
        event_id: 'e2',
        event_type: 'Renamed',
        aggregate_id: 'u2',
        occurred_at: '2026-01-02T00:00:00+00:00',
        name: 'Ada',
      },
    ])
    const index = readFileSync(join(dir, 'index.json'), 'utf8')
    expect(JSON.parse(index)).toMatchObject({
      aggregates: { u1: { event_count: 3 }, u2: { event_count: 1 } },
      total_events: 4,
    })
    expect(index).toBe(pythonJsonDumps(JSON.parse(index), { indent: 2 }))
  })

  it('when imported with --aggregate and --json, then every event goes to that aggregate and the summary says so', async () => {
    const { dir, file } = await store()
    writeFileSync(
      file,
      [seedLine('e1', 'old', 1), seedLine('e2', 'old', 2), JSON.stringify({ type: 'T', data: {} })].join(
        '\n',
      ),
    )
    const run = await runCli(['import', dir, file, '--aggregate', 'new', '--json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      appended: 3,
      duplicates: 0,
      aggregates: [{ aggregateId: 'new', version: 3 }],
    })
    expect(events(dir, 'new').map((e) => e.aggregate_id)).toEqual(['new', 'new', 'new'])
  })

  it.each([
    [
      'a line that is not JSON',
      '{"event_type": ',
      2,
      /^eventscope: events\.jsonl line 3: not valid JSON: .*; 2 events appended before it$/,
    ],
    [
      'an event without a type',
      '{"aggregate_id": "u1", "n": 1}',
      2,
      'eventscope: events.jsonl line 3: the event has no type (event_type, type or eventType); 2 events appended before it',
    ],
    [
      'an event without an aggregate',
      '{"event_type": "T", "n": 1}',
      2,
      /^eventscope: events\.jsonl line 3: the event names no aggregate .*--aggregate ID; 2 events appended before it$/,
    ],
    [
      'an unsafe aggregate id',
      seedLine('x', '../u1', 3),
      1,
      /^eventscope: events\.jsonl line 3: aggregate id "\.\.\/u1" is not allowed/,
    ],
  ])(
    'when line 3 holds %s, then the two before it stay appended and nothing after is',
    async (_, bad, code, message) => {
      const { dir, file } = await store()
      writeFileSync(
        file,
        [seedLine('e1', 'u1', 1), seedLine('e2', 'u1', 2), bad, seedLine('e4', 'u1', 4)].join('\n') + '\n',
      )
      const run = await runCli(['import', dir, file])
      expect(run.code).toBe(code)
      const error = oneLineError(run)
      if (typeof message === 'string') expect(error).toBe(message)
      else expect(error).toMatch(message)
      expect(events(dir, 'u1').map((e) => e.event_id)).toEqual(['e1', 'e2'])
      expect(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))).toMatchObject({ total_events: 2 })
    },
  )

  it('when the file is missing, or --aggregate is empty, then it refuses in one line', async () => {
    const { dir, file } = await store()
    expect(oneLineError(await runCli(['import', dir, file]))).toBe(
      `eventscope: no such file to import: ${file}`,
    )
    writeFileSync(file, '')
    const empty = await runCli(['import', dir, file, '--aggregate', ''])
    expect(empty.code).toBe(2)
    expect(oneLineError(empty)).toBe('eventscope: --aggregate needs an aggregate id, got an empty one')
  })
})

describe('given append --batch with more events than one chunk', () => {
  it('when a refusal comes in the second chunk, then the whole first chunk and the events before it stay appended', async () => {
    const { dir } = await store()
    const lines = Array.from({ length: 10_005 }, (_, i) =>
      JSON.stringify({ aggregateId: `a${i % 7}`, type: 'T', data: { i } }),
    )
    lines.push(JSON.stringify({ aggregateId: 'a0', type: 'T', data: {}, expectedVersion: 0 }))
    const run = await runCli(['append', dir, '--batch'], { input: `${lines.join('\n')}\n` })
    expect(run.code).toBe(3)
    expect(oneLineError(run)).toBe(
      'eventscope: batch line 10006: expected version 0, stream is at 1430; 10,005 events appended before it',
    )
    const counted = Array.from({ length: 7 }, (_, i) => events(dir, `a${i}`).length)
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(10_005)
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))
    expect(index.total_events).toBe(10_005)
    expect(counted).toEqual(Array.from({ length: 7 }, (_, i) => index.aggregates[`a${i}`].event_count))
  }, 60_000)
})
