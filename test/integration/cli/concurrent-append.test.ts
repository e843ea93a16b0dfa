// Two eventscope processes appending to one aggregate at the same time: the store lock must serialize
// them so no line is torn or lost and the index counts every event.

import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { builtCli, repoRoot, requireBuiltCli, runCli, type CliRun } from './run-built-cli'

const tempDir = useTempDirs('eventscope-concurrent-')
beforeAll(() => requireBuiltCli())

/** Start `eventscope append DIR --batch` now, feeding it `input`; resolves when it exits. */
function startBatch(dir: string, input: string): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [builtCli, 'append', dir, '--batch', '--json'], { cwd: repoRoot })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
    child.stdin.end(input)
  })
}

const batch = (writer: string, count: number): string =>
  Array.from(
    { length: count },
    (_, i) => `${JSON.stringify({ aggregateId: 'agg', type: 'Counted', data: { writer, i } })}\n`,
  ).join('')

describe('given two processes appending 500 events each to one aggregate at once', () => {
  it('when both finish, then the stream holds 1000 whole events, each writer’s in order, and the index counts 1000', async () => {
    const dir = join(await tempDir(), 'store')
    expect((await runCli(['init', dir])).code).toBe(0)

    const [a, b] = await Promise.all([startBatch(dir, batch('a', 500)), startBatch(dir, batch('b', 500))])

    expect(a.stderr).toBe('')
    expect(b.stderr).toBe('')
    expect([a.code, b.code]).toEqual([0, 0])
    expect(JSON.parse(a.stdout)).toMatchObject({ appended: 500, duplicates: 0 })
    expect(JSON.parse(b.stdout)).toMatchObject({ appended: 500, duplicates: 0 })
    const text = readFileSync(join(dir, 'agg.events.jsonl'), 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    const events = text
      .slice(0, -1)
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { aggregate_id: string; writer: string; i: number; event_id: string },
      )
    expect(events).toHaveLength(1000)
    expect(events.every((event) => event.aggregate_id === 'agg')).toBe(true)
    expect(new Set(events.map((event) => event.event_id)).size).toBe(1000)
    // Versions 1..1000 are the line positions; each writer's events keep their input order among them.
    for (const writer of ['a', 'b']) {
      expect(events.filter((event) => event.writer === writer).map((event) => event.i)).toEqual(
        Array.from({ length: 500 }, (_, i) => i),
      )
    }
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      aggregates: Record<string, { event_count: number }>
      total_events: number
    }
    expect(index.aggregates.agg?.event_count).toBe(1000)
    expect(index.total_events).toBe(1000)
    const last = await runCli(['events', dir, 'agg', '--from', '999', '--json'])
    expect(JSON.parse(last.stdout)).toMatchObject({
      eventCount: 1000,
      problemCount: 0,
      events: [{ version: 1000 }],
    })
  }, 60_000)
})
