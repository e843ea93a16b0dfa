// Progress and cancellation of an export that reads each stream once: the total is estimated from
// bytes, never below what is done, and exact at the end; a cancel in the middle leaves no file.

import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runExport } from '../../../../electron/core/export/run-export'
import { TaskCancelled } from '../../../../electron/core/tasks/task-registry'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-export-progress-')

/** A store of two streams over several 4 MiB chunks (about 13 MB, 100,000 events), one damaged line. */
async function bigStore(): Promise<{ dir: string; root: string }> {
  const root = await tempDir()
  const dir = join(root, 'store')
  await mkdir(dir)
  for (const [name, count] of [
    ['a', 70_000],
    ['b', 30_000],
  ] as const) {
    const lines: string[] = []
    for (let i = 1; i <= count; i++)
      lines.push(
        `{"event_type": "T${i % 4}", "occurred_at": "2026-01-01T00:00:00Z", "n": ${i}, "pad": "${'p'.repeat(i % 80)}"}`,
      )
    if (name === 'b') lines.splice(10, 0, 'not json')
    await writeFile(join(dir, `${name}.events.jsonl`), `${lines.join('\n')}\n`)
  }
  return { dir, root }
}

describe('export progress', () => {
  it('given a store over several chunks, when exported, then progress counts events, never passes its total, and ends exact', async () => {
    const { dir, root } = await bigStore()
    for (const format of ['jsonl', 'json'] as const) {
      const reports: [number, number][] = []
      const result = await runExport({
        dir,
        format,
        out: join(root, `all.${format}`),
        onProgress: (done, total) => reports.push([done, total]),
      })
      expect(result).toMatchObject({ events: 100_000, skippedLines: 1 })
      expect(reports.length).toBeGreaterThan(2)
      for (const [done, total] of reports) expect(done).toBeLessThanOrEqual(total)
      expect(reports.map(([done]) => done)).toEqual([...reports.map(([done]) => done)].sort((x, y) => x - y))
      expect(reports.at(-1)).toEqual([100_000, 100_000])
      // The estimate halfway is near the truth: the streams' lines are alike.
      const [, early] = reports[1] as [number, number]
      expect(Math.abs(early - 100_000)).toBeLessThan(20_000)
    }
  })

  it('given an export under way, when it is cancelled after its first progress report, then it ends cancelled and leaves no file', async () => {
    const { dir, root } = await bigStore()
    const out = join(root, 'out')
    await mkdir(out)
    for (const format of ['jsonl', 'csv', 'store'] as const) {
      const controller = new AbortController()
      await expect(
        runExport({
          dir,
          format,
          out: join(out, `x.${format}`),
          signal: controller.signal,
          onProgress: () => controller.abort(),
        }),
      ).rejects.toBeInstanceOf(TaskCancelled)
      expect(await readdir(out)).toEqual([])
    }
  })

  it('given integers beyond 2^53 in metadata, id and payload, when exported as JSON, then each keeps every digit', async () => {
    const root = await tempDir()
    const dir = join(root, 'store')
    await mkdir(dir)
    await writeFile(
      join(dir, 'b.events.jsonl'),
      '{"event_type": "Big", "event_id": 12345678901234567891, "metadata": {"trace": 98765432109876543210}, "n": 1e300}\n' +
        '{"event_type": "Small", "n": 1234567890123456}\n',
    )
    await runExport({ dir, format: 'json', out: join(root, 'b.json') })
    const text = await readFile(join(root, 'b.json'), 'utf8')
    expect(text).toContain('"event_id":"12345678901234567891"')
    expect(text).toContain('"metadata":{"trace":98765432109876543210}')
    // 1e300 as written, not as a double prints it (1e+300).
    expect(text).toContain('"payload":{"n":1e300}')
    expect(text).toContain('"payload":{"n":1234567890123456}')
  })
})
