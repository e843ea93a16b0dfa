// `eventscope export` in each format through the built CLI, its refusals, and Ctrl-C leaving no file.

import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { builtCli, oneLineError, repoRoot, requireBuiltCli, runCli, runJson } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-export-')
beforeAll(() => requireBuiltCli())

const a1 =
  '{"event_id": "1", "event_type": "Opened", "aggregate_id": "a", "occurred_at": "2026-01-01T00:00:00+00:00", "owner": "Zoë, \\"Z\\"", "address": {"city": "Oslo"}}'
const a2 =
  '{"event_id": "2", "event_type": "Renamed", "aggregate_id": "a", "occurred_at": "2026-01-03T00:00:00+00:00", "owner": "Ann"}'
const b1 =
  '{"event_id": "3", "event_type": "Opened", "aggregate_id": "b", "occurred_at": "2026-01-02T00:00:00+00:00", "owner": "B"}'

async function store(): Promise<{ dir: string; out: string }> {
  const root = await tempDir()
  const dir = join(root, 'store')
  await runCli(['init', dir])
  writeFileSync(join(dir, 'a.events.jsonl'), `${a1}\nnot json\n${a2}\n`)
  writeFileSync(join(dir, 'b.events.jsonl'), `${b1}\n`)
  return { dir, out: join(root, 'out') }
}

describe('given a store with a damaged line', () => {
  it('when exported as jsonl, then the valid lines come out byte for byte and the result line counts them', async () => {
    const { dir, out } = await store()
    const run = await runCli(['export', dir, '--format', 'jsonl', '--out', join(out, 'all.jsonl')])
    expect(run).toMatchObject({
      code: 0,
      stderr: '',
      stdout: `exported 3 events from 2 streams to ${join(out, 'all.jsonl')} (1 damaged line left out)\n`,
    })
    expect(readFileSync(join(out, 'all.jsonl'), 'utf8')).toBe(`${a1}\n${a2}\n${b1}\n`)
  })

  it('when exported as json with --type twice and a time range, then only matching normalized events come out', async () => {
    const { dir, out } = await store()
    const file = join(out, 'f.json')
    const result = await runJson([
      'export',
      dir,
      '--format',
      'json',
      '--out',
      file,
      '--type',
      'Opened',
      '--type',
      'Closed',
      '--since',
      '2026-01-01T12:00:00Z',
      '--until',
      '2026-01-31',
    ])
    expect(result).toMatchObject({ out: file, format: 'json', streams: 2, events: 1, skippedLines: 1 })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
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

  it('when one aggregate is exported as csv, then envelope columns and dotted payload columns are quoted per RFC 4180', async () => {
    const { dir, out } = await store()
    const file = join(out, 'a.csv')
    expect((await runCli(['export', dir, 'a', '--format', 'csv', '--out', file])).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(
      'version,aggregate_id,event_id,event_type,occurred_at,owner,address.city\r\n' +
        '1,a,1,Opened,2026-01-01T00:00:00+00:00,"Zoë, ""Z""",Oslo\r\n' +
        '2,a,2,Renamed,2026-01-03T00:00:00+00:00,Ann,\r\n',
    )
  })

  it('when exported as a store, then it is a new store in the seed’s layout that lists clean', async () => {
    const { dir, out } = await store()
    const target = join(out, 'copy')
    expect(
      (await runCli(['export', dir, '--format', 'store', '--out', target, '--type', 'Opened'])).code,
    ).toBe(0)
    expect(readdirSync(target).sort()).toEqual(['a.events.jsonl', 'b.events.jsonl', 'index.json'])
    expect(readFileSync(join(target, 'a.events.jsonl'), 'utf8')).toBe(`${a1}\n`)
    expect(JSON.parse(readFileSync(join(target, 'index.json'), 'utf8'))).toEqual({
      aggregates: {
        a: { event_count: 1, last_event_at: '2026-01-01T00:00:00+00:00' },
        b: { event_count: 1, last_event_at: '2026-01-02T00:00:00+00:00' },
      },
      total_events: 2,
    })
    expect(await runJson(['list', target])).toMatchObject({
      total_events: 2,
      indexed_total_events: 2,
      problems: [],
    })
  })

  it.each([
    [
      ['--format', 'xml', '--out', 'x'],
      2,
      'eventscope: --format must be one of jsonl, json, csv, store, got "xml"',
    ],
    [['--out', 'x'], 2, 'eventscope: export needs --format (jsonl, json, csv, store)'],
    [
      ['--format', 'csv'],
      2,
      'eventscope: export needs --out PATH (a new file, or a new directory for --format store)',
    ],
    [
      ['--format', 'csv', '--out', 'x', '--since', 'yesterday'],
      2,
      /^eventscope: --since needs an ISO 8601 date/,
    ],
    [
      ['--format', 'csv', '--out', 'x', '--since', '2026-02-01', '--until', '2026-01-01'],
      2,
      /^eventscope: --since \(2026-02-01\) is after --until/,
    ],
    [['nobody', '--format', 'csv', '--out', 'x'], 1, 'eventscope: no aggregate nobody in this store'],
  ])('when run with %j, then it exits %i with one line and writes nothing', async (args, code, message) => {
    const { dir, out } = await store()
    const run = await runCli(['export', dir, ...args], { cwd: await tempDir() })
    expect(run.code).toBe(code)
    const line = oneLineError(run)
    if (typeof message === 'string') expect(line).toBe(message)
    else expect(line).toMatch(message)
    expect(existsSync(out)).toBe(false)
  })

  it('when the output exists or would land in the store as a stream, then it is refused and nothing changes', async () => {
    const { dir } = await store()
    const intoStore = await runCli([
      'export',
      dir,
      '--format',
      'jsonl',
      '--out',
      join(dir, 'all.events.jsonl'),
    ])
    expect(intoStore.code).toBe(2)
    expect(oneLineError(intoStore)).toMatch(/would write into the store itself; choose a name outside it$/)
    expect(existsSync(join(dir, 'all.events.jsonl'))).toBe(false)
    const taken = join(await tempDir(), 'taken.jsonl')
    writeFileSync(taken, 'mine')
    const exists = await runCli(['export', dir, '--format', 'jsonl', '--out', taken])
    expect(exists.code).toBe(1)
    expect(oneLineError(exists)).toBe(`eventscope: ${taken} already exists; choose a new name`)
    expect(readFileSync(taken, 'utf8')).toBe('mine')
  })
})

describe('given a store whose payload holds a spreadsheet formula', () => {
  it('when exported as csv, then the cell gets a leading quote; with --keep-formulas it is written as it is', async () => {
    const root = await tempDir()
    const dir = join(root, 'store')
    await runCli(['init', dir])
    writeFileSync(
      join(dir, 'f.events.jsonl'),
      `${JSON.stringify({ event_id: '1', event_type: '@Run', occurred_at: '2026-01-01T00:00:00+00:00', cmd: '=1+2', n: -5 })}\n`,
    )

    const safe = await runCli(['export', dir, '--format', 'csv', '--out', join(root, 'safe.csv')])
    const raw = await runCli([
      'export',
      dir,
      '--format',
      'csv',
      '--out',
      join(root, 'raw.csv'),
      '--keep-formulas',
    ])

    expect([safe.code, raw.code]).toEqual([0, 0])
    expect(readFileSync(join(root, 'safe.csv'), 'utf8').split('\r\n')[1]).toBe(
      "1,f,1,'@Run,2026-01-01T00:00:00+00:00,'=1+2,-5",
    )
    expect(readFileSync(join(root, 'raw.csv'), 'utf8').split('\r\n')[1]).toBe(
      '1,f,1,@Run,2026-01-01T00:00:00+00:00,=1+2,-5',
    )
  })
})

describe('given a large export', () => {
  it('when interrupted with SIGINT, then it exits 130 and leaves no file, partial or whole', async () => {
    const root = await tempDir()
    const dir = join(root, 'big')
    const gen = await runCli(['gen', dir, '--aggregates', '20', '--events', '200000'])
    expect(gen.code).toBe(0)
    const out = join(root, 'out')
    const child = spawn(
      process.execPath,
      [builtCli, 'export', dir, '--format', 'json', '--out', join(out, 'all.json')],
      { cwd: repoRoot },
    )
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolvePromise) => child.on('close', resolvePromise))
    // Interrupt once the export is under way: its temporary file exists.
    const started = Date.now()
    while (!(existsSync(out) && readdirSync(out).length > 0) && Date.now() - started < 20_000) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 5))
    }
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    expect(stderr).toBe('eventscope: export cancelled; nothing was written\n')
    expect(readdirSync(out)).toEqual([])
  }, 60_000)
})
