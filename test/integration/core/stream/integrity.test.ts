import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultMaxLineBytes } from '../../../../electron/core/stream/line-splitter'
import { scanStream } from '../../../../electron/core/stream/stream-index'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventscope-integrity-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function scan(bytes: Buffer) {
  const file = join(dir, 'a.events.jsonl')
  await writeFile(file, bytes)
  return scanStream(file, 'a', { replay: true })
}

describe('lines that are not what they claim to be', () => {
  it('given a line with bytes that are not UTF-8, when scanned, then it is reported as invalid_utf8 and not counted', async () => {
    const index = await scan(
      Buffer.concat([
        Buffer.from('{"event_type": "T", "n": 1}\n{"event_type": "T", "name": "'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}\n{"event_type": "T", "n": 2}\n'),
      ]),
    )
    expect(index.eventCount).toBe(2)
    expect(index.problems.map((problem) => [problem.kind, problem.line])).toEqual([['invalid_utf8', 2]])
    expect(index.latestState).toEqual({ n: 2 })
  })

  it('given a real U+FFFD character written as UTF-8, when scanned, then it is an ordinary event', async () => {
    const index = await scan(Buffer.from('{"event_type": "T", "name": "\uFFFD"}\n', 'utf8'))
    expect(index.problems).toEqual([])
    expect(index.latestState).toEqual({ name: '\uFFFD' })
  })

  it('given a line over the length limit, when scanned, then it is reported with its size and the next event still counts', async () => {
    const huge = `{"event_type": "T", "blob": "${'x'.repeat(defaultMaxLineBytes)}"}`
    const index = await scan(
      Buffer.from(`{"event_type": "T", "n": 1}\n${huge}\n{"event_type": "T", "n": 2}\n`),
    )
    expect(index.eventCount).toBe(2)
    expect(index.problems.map((problem) => [problem.kind, problem.line])).toEqual([['line_too_long', 2]])
    expect(index.problems[0]?.message).toMatch(/over the 32 MiB limit/)
  })

  it('given a byte order mark in the middle of a file, when scanned, then the event counts and a warning says where', async () => {
    const index = await scan(
      Buffer.from('{"event_type": "T", "n": 1}\n\uFEFF{"event_type": "T", "n": 2}\n', 'utf8'),
    )
    expect(index.eventCount).toBe(2)
    expect(index.problems.map((problem) => [problem.kind, problem.severity, problem.line])).toEqual([
      ['stray_bom', 'warning', 2],
    ])
  })
})
