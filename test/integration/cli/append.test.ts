// init, append and append --batch through the built CLI: what they write, what they print, and that
// every refusal is one line with the right exit code and leaves every file as it was.

import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { oneLineError, requireBuiltCli, runCli, runJson, type ListDoc } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-append-')
beforeAll(() => requireBuiltCli())

/** Every file under a directory (recursively) with its bytes: equal before and after means nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (at: string, prefix: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name)
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`)
      else files[`${prefix}${name}`] = readFileSync(path).toString('base64')
    }
  }
  walk(dir, '')
  return files
}

/** A store made by init, with one event in u1. */
async function store(): Promise<string> {
  const dir = join(await tempDir(), 'store')
  expect((await runCli(['init', dir])).code).toBe(0)
  expect((await runCli(['append', dir, 'u1', 'UserRegistered', '--data', '{"name": "Zoë"}'])).code).toBe(0)
  return dir
}

describe('given a fresh directory', () => {
  it('when init, append and list run, then the store is the seed’s and lists the event', async () => {
    const dir = join(await tempDir(), 'a', 'b', 'store')
    const init = await runCli(['init', dir])
    expect(init.code).toBe(0)
    expect(init.stdout).toContain(`initialized an empty event store in ${dir}`)
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe('{"aggregates": {}, "total_events": 0}')
    expect((await runJson<ListDoc>(['list', dir])).aggregates).toEqual([])

    const appended = await runCli(['append', dir, 'u1', 'UserRegistered', '--data', '{"name": "Zoë"}'])
    expect(appended).toMatchObject({
      code: 0,
      stderr: '',
      stdout: expect.stringMatching(
        /^appended UserRegistered to u1 as version 1 \(event id [0-9a-f-]{36}\)\n$/,
      ),
    })
    const [line] = readFileSync(join(dir, 'u1.events.jsonl'), 'utf8').split('\n')
    expect(line).toMatch(
      /^\{"event_id": "[0-9a-f-]{36}", "event_type": "UserRegistered", "aggregate_id": "u1", "occurred_at": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00", "name": "Zo\\u00eb"\}$/,
    )
    const list = await runJson<ListDoc>(['list', dir])
    expect(list).toMatchObject({ index: 'ok', total_events: 1, indexed_total_events: 1, problems: [] })
    expect(list.aggregates).toMatchObject([{ id: 'u1', event_count: 1, indexed_count: 1, status: 'ok' }])
  })

  it('when appending --json with stdin data, metadata and an event id, then it prints the event as written', async () => {
    const dir = await store()
    const run = await runCli(
      [
        'append',
        dir,
        'u1',
        'UserRenamed',
        '--data',
        '-',
        '--metadata',
        '{"by": "ops"}',
        '--event-id',
        'e-2',
        '--expected-version',
        '1',
        '--json',
      ],
      { input: '{"name": "Ada"}\n' },
    )
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { event: Record<string, unknown> }
    expect(doc).toMatchObject({ aggregateId: 'u1', version: 2, duplicate: false })
    const written = readFileSync(join(dir, 'u1.events.jsonl'), 'utf8').trimEnd().split('\n')[1] as string
    expect(JSON.parse(written)).toEqual(doc.event)
    expect(doc.event).toMatchObject({
      event_id: 'e-2',
      event_type: 'UserRenamed',
      name: 'Ada',
      metadata: { by: 'ops' },
    })

    const before = snapshot(dir)
    const again = await runCli([
      'append',
      dir,
      'u1',
      'UserRenamed',
      '--data',
      '{"name": "Ada"}',
      '--event-id',
      'e-2',
      '--expected-version',
      '1',
    ])
    expect(again).toMatchObject({
      code: 0,
      stdout: 'already appended: e-2 is the last event of u1 (version 2)\n',
    })
    expect(snapshot(dir)).toEqual(before)
  })
})

describe('given a refused append', () => {
  const data = ['--data', '{"name": "x"}']
  it.each([
    [
      'a wrong expected version',
      ['u1', 'T', ...data, '--expected-version', '0'],
      3,
      'eventscope: expected version 0, stream is at 1',
    ],
    [
      'bad JSON in --data',
      ['u1', 'T', '--data', '{"name": "x", oops}'],
      2,
      `eventscope: --data is not valid JSON: Expected double-quoted property name at position 14`,
    ],
    [
      'an unexpected token in --data',
      ['u1', 'T', '--data', '{"n": x}'],
      2,
      "eventscope: --data is not valid JSON: Unexpected token 'x' at position 6",
    ],
    [
      'bad JSON in --metadata',
      ['u1', 'T', ...data, '--metadata', '{'],
      2,
      /^eventscope: --metadata is not valid JSON: .* at position 1$/,
    ],
    [
      'no --data',
      ['u1', 'T'],
      2,
      'eventscope: append needs --data JSON (an object, or - to read it from stdin)',
    ],
    ['no event type', ['u1', ...data], 2, /^eventscope: append needs DIR, AGGREGATE_ID and EVENT_TYPE/],
    ['--batch with --data', ['--batch', ...data], 2, /^eventscope: --data cannot be used with --batch/],
    [
      'a negative expected version',
      ['u1', 'T', ...data, '--expected-version', '-1'],
      2,
      'eventscope: --expected-version must be at least 0, got -1',
    ],
    [
      'an unsafe aggregate id',
      ['../u1', 'T', ...data],
      1,
      'eventscope: aggregate id "../u1" is not allowed: it contains a path separator',
    ],
    [
      'a Windows device name',
      ['NUL', 'T', ...data],
      1,
      'eventscope: aggregate id "NUL" is not allowed: Windows reserves that name',
    ],
    ['an empty type', ['u1', ' ', ...data], 1, 'eventscope: the event type is empty'],
    [
      'a payload that is not an object',
      ['u1', 'T', '--data', '[1, 2]'],
      1,
      'eventscope: the payload must be a JSON object',
    ],
    [
      'metadata that is not an object',
      ['u1', 'T', ...data, '--metadata', '"x"'],
      1,
      'eventscope: the metadata must be a JSON object',
    ],
    [
      'a payload field named like an envelope field',
      ['u1', 'T', '--data', '{"occurred_at": "x"}'],
      1,
      `eventscope: payload field "occurred_at" collides with an envelope field of this store's flat style; rename it`,
    ],
  ])(
    'when it is %s, then it exits with its code, one line, and writes nothing',
    async (_, args, code, message) => {
      const dir = await store()
      const before = snapshot(dir)
      const run = await runCli(['append', dir, ...args])
      expect(run.code).toBe(code)
      const line = oneLineError(run)
      if (typeof message === 'string') expect(line).toBe(message)
      else expect(line).toMatch(message)
      expect(run.stdout).toBe('')
      expect(snapshot(dir)).toEqual(before)
    },
  )

  it('when the directory does not exist, then it exits 1, points to init and creates nothing', async () => {
    const parent = await tempDir()
    const dir = join(parent, 'typo')
    const run = await runCli(['append', dir, 'u1', 'T', '--data', '{}'])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe(
      `eventscope: no such store directory: ${dir} (create one with \`eventscope init\`)`,
    )
    expect(readdirSync(parent)).toEqual([])
  })

  it.each([
    ['append', ['u1', 'X', '--data', '{}']],
    ['append --batch', ['--batch']],
  ])(
    'when %s targets an existing folder that holds no store (a CSV file only), then it exits 1, points to init and writes nothing',
    async (_what, rest) => {
      const dir = join(await tempDir(), 'notes')
      mkdirSync(dir)
      writeFileSync(join(dir, 'data.csv'), '')
      const run = await runCli(['append', dir, ...rest], {
        input: JSON.stringify({ aggregateId: 'a1', type: 'X', data: {} }) + '\n',
      })
      expect(run.code).toBe(1)
      expect(oneLineError(run)).toMatch(/holds no event store.*eventscope init/)
      expect(readdirSync(dir)).toEqual(['data.csv'])
    },
  )

  it('when index.json does not parse, then it exits 1, points to reindex and writes nothing', async () => {
    const dir = await store()
    writeFileSync(join(dir, 'index.json'), '{"aggregates": {')
    const before = snapshot(dir)
    const run = await runCli(['append', dir, 'u1', 'T', '--data', '{}'])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toMatch(/index\.json is unreadable.*nothing was written.*eventscope reindex/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('when another process holds the store lock throughout, then it gives up with exit 1 and writes nothing', async () => {
    const dir = await store()
    const { default: lockfile } = await import('proper-lockfile')
    const release = await lockfile.lock(dir, {
      lockfilePath: join(dir, '.eventscope.lock'),
      realpath: false,
      update: 1000,
    })
    try {
      const before = snapshot(dir)
      const run = await runCli(['append', dir, 'u1', 'T', '--data', '{}'])
      expect(run.code).toBe(1)
      expect(oneLineError(run)).toBe(
        'eventscope: the store is locked by another process; try again in a moment',
      )
      expect(snapshot(dir)).toEqual(before)
    } finally {
      await release()
    }
  }, 40_000)
})

describe('given append --batch', () => {
  const line = (value: unknown): string => `${JSON.stringify(value)}\n`

  it('when every line is good, then all are appended in order and counted', async () => {
    const dir = await store()
    const input =
      line({ aggregateId: 'u1', type: 'UserRenamed', data: { name: 'Ada' }, expectedVersion: 1 }) +
      '\n' +
      line({
        aggregateId: 'o1',
        type: 'OrderPlaced',
        data: { total: 3 },
        metadata: { by: 'ops' },
        eventId: 'o-1',
      }) +
      line({ aggregateId: 'o1', type: 'OrderPlaced', data: { total: 3 }, eventId: 'o-1' })
    const run = await runCli(['append', dir, '--batch'], { input })
    expect(run).toMatchObject({
      code: 0,
      stderr: '',
      stdout: 'appended 2 events to 2 aggregates (1 event already there)\n',
    })
    const json = await runCli(['append', dir, '--batch', '--json'], {
      input: line({ aggregateId: 'u1', type: 'T', data: {} }),
    })
    expect(JSON.parse(json.stdout)).toEqual({
      appended: 1,
      duplicates: 0,
      aggregates: [{ aggregateId: 'u1', version: 3 }],
    })
  })

  it.each([
    [
      'a conflict',
      line({ aggregateId: 'u1', type: 'T', data: {}, expectedVersion: 5 }),
      3,
      'eventscope: batch line 3: expected version 5, stream is at 1; 2 events appended before it',
    ],
    [
      'a refusal',
      line({ aggregateId: 'u/1', type: 'T', data: {} }),
      1,
      'eventscope: batch line 3: aggregate id "u/1" is not allowed: it contains a path separator; 2 events appended before it',
    ],
    [
      'bad JSON',
      '{"aggregateId": "u1", type: 1}\n',
      2,
      'eventscope: batch line 3: not valid JSON: Expected double-quoted property name at position 22; 2 events appended before it',
    ],
    [
      'an unknown field',
      line({ aggregateId: 'u1', type: 'T', payload: {} }),
      2,
      /^eventscope: batch line 3: unknown field "payload"/,
    ],
    [
      'a missing type',
      line({ aggregateId: 'u1', data: {} }),
      2,
      /^eventscope: batch line 3: "type" must be a string/,
    ],
  ])(
    'when line 3 holds %s, then the two before it stay appended and nothing after is',
    async (_, bad, code, message) => {
      const dir = await store()
      const good = (n: number): string => line({ aggregateId: 'o1', type: 'T', data: { n } })
      const run = await runCli(['append', dir, '--batch'], { input: good(1) + good(2) + bad + good(4) })
      expect(run.code).toBe(code)
      const error = oneLineError(run)
      if (typeof message === 'string') expect(error).toBe(message)
      else expect(error).toMatch(message)
      const lines = readFileSync(join(dir, 'o1.events.jsonl'), 'utf8').trimEnd().split('\n')
      expect(lines.map((text) => (JSON.parse(text) as { n: number }).n)).toEqual([1, 2])
      expect(readFileSync(join(dir, 'u1.events.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(1)
    },
  )
})

describe('given init', () => {
  it.each([
    ['an index.json', (dir: string) => writeFileSync(join(dir, 'index.json'), '{}')],
    ['a stream', (dir: string) => writeFileSync(join(dir, 'x.events.jsonl'), '')],
  ])('when DIR holds %s, then it refuses with exit 1 and changes nothing', async (_, prepare) => {
    const dir = join(await tempDir(), 'store')
    mkdirSync(dir)
    prepare(dir)
    const before = snapshot(dir)
    const run = await runCli(['init', dir])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toMatch(
      /^eventscope: refusing to initialize .*: it already holds an event store/,
    )
    expect(snapshot(dir)).toEqual(before)
  })

  it('when DIR is a file, then it refuses', async () => {
    const file = join(await tempDir(), 'file')
    writeFileSync(file, 'x')
    const run = await runCli(['init', file])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe(`eventscope: not a directory: ${file}`)
  })
})

describe('given integers beyond 2^53 in what is appended', () => {
  const big = '12345678901234567890'
  const negative = '-98765432109876543210'
  const lastLine = (dir: string, id: string): string =>
    readFileSync(join(dir, `${id}.events.jsonl`), 'utf8')
      .trimEnd()
      .split('\n')
      .at(-1) as string

  it('when appended with --data, then the seed-style line and the --json echo keep every digit', async () => {
    const dir = await store()
    const run = await runCli([
      'append',
      dir,
      'u1',
      'Counted',
      '--json',
      '--data',
      `{"n": ${big}, "nested": {"list": [1, ${negative}]}, "small": 42, "float": 1e300}`,
    ])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toContain(`"n":${big}`)
    const line = lastLine(dir, 'u1')
    // Literals as typed: 1e300 stays 1e300 (Python would print the float as 1e+300).
    expect(line).toContain(`"n": ${big}, "nested": {"list": [1, ${negative}]}, "small": 42, "float": 1e300`)
    // What the seed's Python json.loads reads back is the same integer.
    expect(line).not.toMatch(/e\+19/)
  })

  it('when appended to a data-style store and by --batch, then those lines keep every digit too', async () => {
    const dir = join(await tempDir(), 'store')
    mkdirSync(dir)
    writeFileSync(
      join(dir, 'x.events.jsonl'),
      '{"id": "1", "type": "Opened", "aggregateId": "x", "timestamp": 1700000000000, "data": {"a": 1}}\n',
    )
    expect((await runCli(['append', dir, 'x', 'Counted', '--data', `{"n": ${big}}`])).code).toBe(0)
    expect(lastLine(dir, 'x')).toContain(`"data":{"n":${big}}`)
    const batch = await runCli(['append', dir, '--batch'], {
      input: `{"aggregateId": "x", "type": "Counted", "data": {"n": ${negative}}}\n`,
    })
    expect(batch).toMatchObject({ code: 0, stderr: '' })
    expect(lastLine(dir, 'x')).toContain(`"data":{"n":${negative}}`)
  })

  it('when a stream file is imported into a new store, then its integers arrive with every digit', async () => {
    const file = join(await tempDir(), 'u1.jsonl')
    const written = `{"event_id": "e-1", "event_type": "Counted", "aggregate_id": "u1", "occurred_at": "2026-01-01T00:00:00+00:00", "n": ${big}, "m": [${negative}]}`
    writeFileSync(file, `${written}\n`)
    const target = join(await tempDir(), 'target')
    expect((await runCli(['init', target])).code).toBe(0)
    expect((await runCli(['import', target, file])).code).toBe(0)
    expect(lastLine(target, 'u1')).toBe(written)
  })
})
