// Round trip through the seed's own code: Python's EventStore writes a store, `eventscope append` adds
// an event with number literals a double would change and keys in a chosen order, and Python's
// load_events reads every value back as written, in the order given, and the events before it as they were.

import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { repoRoot, runCli } from './run-built-cli'

const python = spawnSync('python3', ['--version']).status === 0
if (!python) console.warn('skipping the Python round-trip test: python3 is not on PATH')

const script = join(repoRoot, 'test/fixtures/python/seed_store.py')
const tempDir = useTempDirs('eventscope-python-round-trip-')

/** Python's load_events(id) as the JSON text Python prints (json.dumps keeps its floats and key order). */
function pythonRead(dir: string, id: string): string {
  return execFileSync('python3', [script, dir, '--read', id], { encoding: 'utf8' })
}

describe.skipIf(!python)('Python writes, eventscope appends, Python reads', () => {
  it('given a seed store, when eventscope appends literals and integer-like keys in a chosen order, then load_events keeps every value and key order', async () => {
    const dir = join(await tempDir(), 'events')
    const written = JSON.parse(execFileSync('python3', [script, dir], { encoding: 'utf8' })) as {
      aggregates: string[]
    }
    const user = written.aggregates[0] as string
    const before = JSON.parse(pythonRead(dir, user)) as unknown[]

    const data =
      '{"zeta": 1.0, "alpha": 18446744073709551617, "mid": {"y": 0.5, "x": -0.0, "w": 2.50, "2": "two", "1": "one"}, "b": 1E5, "10": 1, "9": 2}'
    const run = await runCli(['append', dir, user, 'LiteralsSet', '--data', data])
    expect(run.code).toBe(0)

    const after = pythonRead(dir, user)
    const rows = JSON.parse(after) as Record<string, unknown>[]
    expect(rows.slice(0, before.length)).toEqual(before)
    expect(rows).toHaveLength(before.length + 1)
    // Python prints the floats as it read them: 1.0, -0.0 and 2.5 (its float repr), 1E5 as 100000.0.
    expect(after).toContain(
      '"zeta": 1.0, "alpha": 18446744073709551617, "mid": {"y": 0.5, "x": -0.0, "w": 2.5, "2": "two", "1": "one"}, "b": 100000.0, "10": 1, "9": 2',
    )
    // And the line itself holds what was typed, as the seed's json.dumps lays it out.
    const lines = readFileSync(join(dir, `${user}.events.jsonl`), 'utf8')
      .trimEnd()
      .split('\n')
    expect(lines.at(-1)).toMatch(
      /"occurred_at": "[^"]+", "zeta": 1\.0, "alpha": 18446744073709551617, "mid": \{"y": 0\.5, "x": -0\.0, "w": 2\.50, "2": "two", "1": "one"\}, "b": 1E5, "10": 1, "9": 2\}$/,
    )
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      aggregates: Record<string, { event_count: number }>
    }
    expect(index.aggregates[user]?.event_count).toBe(before.length + 1)
  }, 60_000)
})
