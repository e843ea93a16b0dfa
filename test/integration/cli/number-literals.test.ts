// `eventscope state`, `events`, `search`, `export` and `append` show and write every number as the store
// (or the user) wrote it: -0.0, 1.0, 1E5, 1e-400, 1e400, 0.10, integers beyond 2^53.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { runCli } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-literals-')
const payload =
  '"neg": -0.0, "one": 1.0, "big": 1E5, "tiny": 1e-400, "huge": 1e400, "dec": 0.10, "amount": 9007199254740993'
let dir = ''

// A store per test: temporary directories are removed after each test.
beforeEach(async () => {
  dir = join(await tempDir(), 'store')
  await mkdir(dir)
  await writeFile(
    join(dir, 'a.events.jsonl'),
    `{"event_id": "e1", "event_type": "Set", "aggregate_id": "a", "occurred_at": "2026-01-01T00:00:00+00:00", ${payload}}\n`,
  )
  await writeFile(
    join(dir, 'index.json'),
    '{"aggregates": {"a": {"event_count": 1, "last_event_at": "2026-01-01T00:00:00+00:00"}}, "total_events": 1}',
  )
})

const written =
  '"neg":-0.0,"one":1.0,"big":1E5,"tiny":1e-400,"huge":1e400,"dec":0.10,"amount":9007199254740993'

describe('number literals on the command line', () => {
  it('given literals a double changes, when state and events print them as JSON, then each is as written', async () => {
    const state = await runCli(['state', dir, 'a', '--json'])
    expect(state.stdout.replace(/\s/g, '')).toContain(written)
    const events = await runCli(['events', dir, 'a', '--json'])
    expect(events.stdout).toContain(written)
  })

  it('given them, when exported as JSON and CSV, then each is as written', async () => {
    const out = await tempDir()
    await runCli(['export', dir, '--format', 'json', '--out', join(out, 'a.json')])
    expect(await readFile(join(out, 'a.json'), 'utf8')).toContain(written)
    await runCli(['export', dir, '--format', 'csv', '--out', join(out, 'a.csv')])
    expect(await readFile(join(out, 'a.csv'), 'utf8')).toContain(
      '-0.0,1.0,1E5,1e-400,1e400,0.10,9007199254740993',
    )
  })

  it('given --where over them, when searched, then numbers compare exactly: digits beyond 2^53, decimals by value', async () => {
    const where = async (expression: string): Promise<number> => {
      const run = await runCli(['search', dir, '--where', expression, '--json'])
      return (JSON.parse(run.stdout) as { matches: unknown[] }).matches.length
    }
    expect(await where('payload.amount > 9007199254740992')).toBe(1)
    expect(await where('payload.amount == 9007199254740993')).toBe(1)
    expect(await where('payload.amount == 9007199254740992')).toBe(0)
    expect(await where('payload.one == 1 and payload.dec == 0.1 and payload.neg == 0')).toBe(1)
    expect(await where('payload.big == 100000 and payload.huge > 1e308 and payload.tiny > 0')).toBe(1)
    // Five processes on a loaded machine: a bound far from what it takes, not a time limit on it.
  }, 60_000)

  it('given a 1e400 in the store, when verified, then it is a number_out_of_range warning, not an error', async () => {
    const run = await runCli(['verify', dir, '--json'])
    const report = JSON.parse(run.stdout) as { ok: boolean; problems: { kind: string; line: number }[] }
    expect(report.ok).toBe(true)
    expect(report.problems.filter((p) => p.kind === 'number_out_of_range').map((p) => p.line)).toEqual([1])
  })

  it('given literals typed in --data, when appended, then the line has them as typed', async () => {
    const run = await runCli([
      'append',
      dir,
      'a',
      'Set',
      '--data',
      '{"x": 1.0, "y": -0.0, "z": 1E5, "w": 0.10}',
    ])
    expect(run.code).toBe(0)
    const lines = (await readFile(join(dir, 'a.events.jsonl'), 'utf8')).trimEnd().split('\n')
    expect(lines.at(-1)).toMatch(/"x": 1\.0, "y": -0\.0, "z": 1E5, "w": 0\.10\}$/)
  })

  it('given an index.json with unknown keys holding 1.0 and 2^64, when an event is appended, then only the count, the time and the total change', async () => {
    const before =
      '{\n  "aggregates": {\n    "a": {\n      "event_count": 1,\n      "last_event_at": "2026-01-01T00:00:00+00:00",\n      "weight": 1.0\n    }\n  },\n  "total_events": 1,\n  "ratio": 1.0,\n  "big": 18446744073709551616,\n  "order": {"b": 1, "2": 2, "1": 1}\n}'
    await writeFile(join(dir, 'index.json'), before)
    const run = await runCli(['append', dir, 'a', 'Set', '--data', '{"x": 1}', '--json'])
    expect(run.code).toBe(0)
    const after = await readFile(join(dir, 'index.json'), 'utf8')
    const time = (JSON.parse(run.stdout) as { event: { occurred_at: string } }).event.occurred_at
    expect(after).toBe(
      before
        .replace('"event_count": 1', '"event_count": 2')
        .replace('"last_event_at": "2026-01-01T00:00:00+00:00"', `"last_event_at": "${time}"`)
        .replace('"total_events": 1', '"total_events": 2'),
    )
  })
})
