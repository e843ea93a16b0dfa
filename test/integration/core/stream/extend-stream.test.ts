import { appendFile, rename, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkpointEvents } from '../../../../electron/core/replay/checkpoints'
import { stateAt } from '../../../../electron/core/replay/replay'
import { extendStream, scanStream, type StreamIndex } from '../../../../electron/core/stream/stream-index'
import { problemRows } from '../../../../electron/core/stream/timeline'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

const ev = (n: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    event_type: n % 2 ? 'ItemAdded' : 'ItemRemoved',
    aggregate_id: 'c1',
    occurred_at: `2026-03-01T09:00:${String(n % 60).padStart(2, '0')}Z`,
    n,
    [`k${n % 3}`]: n,
    ...extra,
  })

// BOM, CRLF, a bad line, a non-object, a foreign aggregate, an untyped event, multi-byte text.
const text = Buffer.from(
  [
    `\uFEFF${ev(1, { city: 'Kraków' })}\r\n`,
    `${ev(2)}\n`,
    'oops\n',
    `${ev(3, { aggregate_id: 'zz' })}\n`,
    '[1]\r\n',
    '\n',
    '{"aggregate_id":"c1","n":4}\n',
    `${ev(5, { drop: null })}\n`,
    ev(6, { aggregate_id: 'zz', city: '東京' }),
  ].join(''),
)

/** Everything a reader sees through an index: the facts to compare between an extended and a fresh one. */
async function facts(index: StreamIndex) {
  const versions = Array.from({ length: index.eventCount + 1 }, (_, v) => v)
  return {
    eventCount: index.eventCount,
    positions: versions
      .slice(1)
      .map((v) => [index.positions.offsetOf(v), index.positions.lengthOf(v), index.positions.lineOf(v)]),
    problems: index.problems.map((problem) => ({ ...problem })),
    problemCount: index.problemCount,
    rows: problemRows(index).map((row) => row.row),
    style: index.style,
    type: index.type,
    firstEventAt: index.firstEventAt,
    lastEventAt: index.lastEventAt,
    latestState: JSON.stringify(index.latestState),
    states: await Promise.all(versions.map(async (v) => JSON.stringify(await stateAt(index, v)))),
  }
}

describe('extendStream', () => {
  it('given a file written in two parts cut at any byte (inside the BOM, CRLF or a character), when the index is extended, then it equals a fresh scan', async () => {
    const dir = await tempDir()
    const file = join(dir, 'c1.events.jsonl')
    const expected = await facts(
      await (async () => {
        await writeFile(file, text)
        return scanStream(file, 'c1', { replay: true })
      })(),
    )

    for (let cut = 0; cut <= text.length; cut++) {
      await writeFile(file, text.subarray(0, cut))
      const index = await scanStream(file, 'c1', { replay: true })
      await appendFile(file, text.subarray(cut))

      expect(await extendStream(index), `cut at ${cut}`).toBe(true)
      expect(await facts(index), `cut at ${cut}`).toEqual(expected)
    }
  }, 60_000)

  it('given a file that grows in three parts, when extended after each, then every intermediate index equals a fresh scan of the file so far', async () => {
    const dir = await tempDir()
    const file = join(dir, 'c1.events.jsonl')
    const fresh = join(dir, 'fresh.events.jsonl')
    const cuts = [0, 7, 40, 91, 92, 150, 200, text.length - 3, text.length]

    for (let i = 0; i < cuts.length; i++) {
      for (let j = i; j < cuts.length; j++) {
        const [a, b] = [cuts[i] ?? 0, cuts[j] ?? 0]
        await writeFile(file, text.subarray(0, a))
        const index = await scanStream(file, 'c1', { replay: true })
        for (const [from, to] of [
          [a, b],
          [b, text.length],
        ] as const) {
          await appendFile(file, text.subarray(from, to))
          await extendStream(index)
          await writeFile(fresh, text.subarray(0, to))
          expect(await facts(index), `${a} -> ${b} -> end, at ${to}`).toEqual(
            await facts(await scanStream(fresh, 'c1', { replay: true })),
          )
        }
      }
    }
  }, 60_000)

  it('given a long stream extended past several checkpoints, when every version is replayed, then it equals a fresh scan', async () => {
    const dir = await tempDir()
    const file = join(dir, 'c1.events.jsonl')
    const lines = Array.from({ length: 3 * checkpointEvents }, (_, i) => `${ev(i + 1)}\n`).join('')
    await writeFile(file, lines.slice(0, 1000) + '{"torn')
    const index = await scanStream(file, 'c1', { replay: true })
    await writeFile(file, lines.slice(0, 1000))
    await appendFile(file, lines.slice(1000))

    // The torn tail was replaced (same inode, larger size); only what follows the committed bytes is read.
    expect(await extendStream(index)).toBe(true)
    expect(await facts(index)).toEqual(await facts(await scanStream(file, 'c1', { replay: true })))
  }, 60_000)

  it('given a file that shrank or was replaced, when extended, then it refuses so the caller scans again', async () => {
    const dir = await tempDir()
    const file = join(dir, 'c1.events.jsonl')
    await writeFile(file, `${ev(1)}\n${ev(2)}\n`)
    const shrunk = await scanStream(file, 'c1', { replay: true })
    await truncate(file, 5)
    await writeFile(join(dir, 'new'), `${ev(1)}\n${ev(2)}\n${ev(3)}\n`)
    const replaced = await scanStream(join(dir, 'new'), 'c1', { replay: true })
    await writeFile(join(dir, 'newer'), `${ev(1)}\n${ev(2)}\n${ev(3)}\n${ev(4)}\n`)
    await rename(join(dir, 'newer'), join(dir, 'new'))

    expect(await extendStream(shrunk)).toBe(false)
    expect(await extendStream(replaced)).toBe(false)
  })

  it('given an unchanged file, when extended, then nothing changes', async () => {
    const dir = await tempDir()
    const file = join(dir, 'c1.events.jsonl')
    await writeFile(file, text)
    const index = await scanStream(file, 'c1', { replay: true })
    const before = await facts(index)

    expect(await extendStream(index)).toBe(true)
    expect(await facts(index)).toEqual(before)
  })
})
