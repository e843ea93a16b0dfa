import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runExport } from '../../../../electron/core/export/run-export'
import { TaskCancelled } from '../../../../electron/core/tasks/task-registry'
import { OpenStore } from '../../../../electron/core/store/open-store'

let dir: string
let out: string
const lineA1 =
  '{"event_id": "1", "event_type": "Opened", "occurred_at": "2026-01-01T00:00:00+00:00", "owner": "Zoë, \\"Z\\"", "address": {"city": "Oslo"}}'
const lineA2 =
  '{"event_id": "2", "event_type": "Renamed", "occurred_at": "2026-01-03T00:00:00+00:00", "owner": "line\\nbreak", "tags": ["x", "y"]}'
const lineB1 =
  '{"event_id": "3", "event_type": "Opened", "occurred_at": "2026-01-02T00:00:00+00:00", "owner": "B"}'

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventscope-export-'))
  out = await mkdtemp(join(tmpdir(), 'eventscope-export-out-'))
  await writeFile(join(dir, 'a.events.jsonl'), `${lineA1}\r\nnot json\n${lineA2}\n`)
  await writeFile(join(dir, 'b.events.jsonl'), `${lineB1}\n{"torn`)
  await writeFile(join(dir, 'index.json'), '{"aggregates": {}, "total_events": 0}')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(out, { recursive: true, force: true })
})

describe('runExport', () => {
  it('given a damaged store, when exported as JSONL, then valid lines come out byte for byte and bad lines are counted', async () => {
    const result = await runExport({ dir, format: 'jsonl', out: join(out, 'all.jsonl') })
    expect(await readFile(join(out, 'all.jsonl'), 'utf8')).toBe(`${lineA1}\n${lineA2}\n${lineB1}\n`)
    expect(result).toMatchObject({ events: 3, streams: 2, skippedLines: 2 })
  })

  it('given a stream with more bad lines than a problem list keeps, when exported, then every one is counted', async () => {
    const bad = Array.from({ length: 1_500 }, (_, n) => `not json ${n}`).join('\n')
    await writeFile(join(dir, 'a.events.jsonl'), `${lineA1}\n\n${bad}\n   \n${lineA2}\n`)
    const result = await runExport({ dir, format: 'jsonl', out: join(out, 'all.jsonl'), aggregateIds: ['a'] })
    // Blank lines are findings too (the seed's load_events fails on them): 1,500 bad + 2 blank. The
    // torn tail of b is not selected.
    expect(result).toMatchObject({ events: 2, skippedLines: 1_502 })
  })

  it('given a type and time filter, when exported as JSON, then only matching normalized events come out', async () => {
    await runExport({
      dir,
      format: 'json',
      out: join(out, 'f.json'),
      types: ['Opened'],
      since: '2026-01-01T12:00:00Z',
    })
    expect(JSON.parse(await readFile(join(out, 'f.json'), 'utf8'))).toEqual([
      {
        version: 1,
        aggregate_id: 'b',
        event_id: '3',
        event_type: 'Opened',
        occurred_at: '2026-01-02T00:00:00+00:00',
        payload: { owner: 'B' },
        metadata: null,
      },
    ])
  })

  it.each([
    [
      'flat',
      '{"event_id": "9", "event_type": "Typed", "b": 1, "2": "two", "1": "one", "x": 1.0, "big": 18446744073709551616}',
    ],
    [
      'nested',
      '{"id": "9", "type": "Typed", "data": {"b": 1, "2": "two", "1": "one", "x": 1.0, "big": 18446744073709551616}}',
    ],
  ])(
    'given a %s line with integer-like keys and literals, when exported as JSON, then its payload keeps their order and literals',
    async (_style, line) => {
      await writeFile(join(dir, 'c.events.jsonl'), `${line}\n`)
      await runExport({ dir, format: 'json', out: join(out, 'c.json'), aggregateIds: ['c'] })
      const text = await readFile(join(out, 'c.json'), 'utf8')
      // JSON.parse would hoist "1" and "2" and round the rest: the file's text is what is checked.
      expect(text).toContain('"payload":{"b":1,"2":"two","1":"one","x":1.0,"big":18446744073709551616}')
      expect(JSON.parse(text)).toMatchObject([{ aggregate_id: 'c', event_id: '9', event_type: 'Typed' }])
    },
  )

  it('given payloads with commas, quotes, newlines and nesting, when exported as CSV, then RFC 4180 quoting and dotted columns hold', async () => {
    await runExport({ dir, format: 'csv', out: join(out, 'a.csv'), aggregateIds: ['a'] })
    const text = await readFile(join(out, 'a.csv'), 'utf8')
    expect(text).toBe(
      'version,aggregate_id,event_id,event_type,occurred_at,owner,address.city,tags\r\n' +
        '1,a,1,Opened,2026-01-01T00:00:00+00:00,"Zoë, ""Z""",Oslo,\r\n' +
        '2,a,2,Renamed,2026-01-03T00:00:00+00:00,"line\nbreak",,"[""x"",""y""]"\r\n',
    )
  })

  it('given the store format, when exported, then the new directory opens with a consistent index', async () => {
    const target = join(out, 'copy')
    await runExport({ dir, format: 'store', out: target })
    expect((await readdir(target)).sort()).toEqual(['a.events.jsonl', 'b.events.jsonl', 'index.json'])
    const store = await OpenStore.open(target)
    await store.reconciled
    expect(store.summary()).toMatchObject({ events: 3, indexedEvents: 3, problems: [] })
    expect(store.catalog.all().map((row) => [row.id, row.status, row.eventCount])).toEqual([
      ['a', 'ok', 2],
      ['b', 'ok', 1],
    ])
  })

  it('given a cancelled signal, when exporting, then it stops and no file exists under any name', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      runExport({ dir, format: 'jsonl', out: join(out, 'x.jsonl'), signal: controller.signal }),
    ).rejects.toBeInstanceOf(TaskCancelled)
    expect(await readdir(out)).toEqual([])
  })

  it('given an existing target file, when exporting, then it refuses and leaves the file alone', async () => {
    await writeFile(join(out, 'keep.csv'), 'precious')
    await expect(runExport({ dir, format: 'csv', out: join(out, 'keep.csv') })).rejects.toThrow(
      /already exists/,
    )
    expect(await readFile(join(out, 'keep.csv'), 'utf8')).toBe('precious')
  })

  it('given an unknown aggregate, when exporting, then it is refused by name', async () => {
    await expect(
      runExport({ dir, format: 'jsonl', out: join(out, 'x.jsonl'), aggregateIds: ['nope'] }),
    ).rejects.toThrow('No aggregate nope')
  })
})
