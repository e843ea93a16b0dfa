import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TimelineRow } from '../../../../shared/contract'
import { readEvents, toNormalizedEvent } from '../../../../electron/core/stream/event-reader'
import { isStale, scanStream } from '../../../../electron/core/stream/stream-index'
import { problemRows, timelineWindow } from '../../../../electron/core/stream/timeline'
import { fingerprintDir, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

const ev = (n: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    event_id: `e${n}`,
    event_type: 'OrderNoted',
    aggregate_id: 'o1',
    occurred_at: `2026-03-01T09:00:${String(n).padStart(2, '0')}+00:00`,
    n,
    ...extra,
  })

// Every kind of damage the reader must survive, in one file: BOM, CRLF, blank lines, not JSON, JSON that is
// not an object, an event without a type, and a torn last line.
const damaged = [
  `\uFEFF${ev(1, { note: 'café' })}\r\n`,
  `${ev(2)}\r\n`,
  `\r\n`,
  `not json at all\n`,
  `${ev(3)}\n`,
  `[1, 2, 3]\n`,
  `   \n`,
  `{"aggregate_id": "o1", "n": 4}\n`,
  `${ev(5)}\n`,
  `{"event_id": "e6", "event_t`,
].join('')

describe('scanStream and readEvents on a damaged file', () => {
  it('given every kind of damage, when scanned, then valid events get consecutive versions and each bad line is reported with line and offset', async () => {
    const dir = await tempDir()
    const file = await writeStream(dir, 'o1', damaged)
    const bytes = Buffer.from(damaged)
    const lineStart = (line: number): number => {
      let offset = 0
      for (let i = 1; i < line; i++) offset = bytes.indexOf(0x0a, offset) + 1
      return offset
    }

    const index = await scanStream(file, 'o1', { replay: true })

    expect(index.eventCount).toBe(5)
    expect(index.problems.map((problem) => [problem.kind, problem.line, problem.offset])).toEqual([
      ['blank_line', 3, lineStart(3)],
      ['bad_line', 4, lineStart(4)],
      ['not_object', 6, lineStart(6)],
      ['blank_line', 7, lineStart(7)],
      ['missing_type', 8, lineStart(8)],
      ['torn_tail', 10, lineStart(10)],
    ])
    const events = await readEvents(index, 1, 5)
    expect(events.map((event) => [event.version, event.line, event.envelope.payload.n])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, 5, 3],
      [4, 8, 4],
      [5, 9, 5],
    ])
    expect(events[0]?.raw).toBe(ev(1, { note: 'café' }))
    expect(events[0]?.envelope.payload.note).toBe('café')
    expect(index.lastEventAt).toBe('2026-03-01T09:00:05+00:00')
  })

  it('given a damaged file, when scanned and read in every range, then the file bytes and mtime are unchanged', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'o1', damaged)
    await writeFile(join(dir, 'index.json'), '{"aggregates": {}}')
    const before = await fingerprintDir(dir)

    const index = await scanStream(join(dir, 'o1.events.jsonl'), 'o1', { replay: true })
    for (let from = 1; from <= index.eventCount; from++) await readEvents(index, from, index.eventCount)

    expect(await fingerprintDir(dir)).toEqual(before)
  })

  it('given an index, when asked for ranges outside the stream, then only existing versions come back', async () => {
    const dir = await tempDir()
    const index = await scanStream(await writeStream(dir, 'o1', `${ev(1)}\n${ev(2)}\n${ev(3)}\n`), 'o1', {
      replay: false,
    })

    expect((await readEvents(index, 2, 10)).map((event) => event.version)).toEqual([2, 3])
    expect(await readEvents(index, 0, 2)).toEqual([])
    expect(await readEvents(index, 4, 5)).toEqual([])
    expect(await readEvents(index, 3, 2)).toEqual([])
  })

  it('given an empty file, when scanned, then it has no events and no problems', async () => {
    const dir = await tempDir()
    const index = await scanStream(await writeStream(dir, 'o1', ''), 'o1', { replay: true })

    expect([index.eventCount, index.problems, index.lastEventAt, index.style]).toEqual([0, [], null, null])
  })

  it('given a file rewritten after it was scanned, when read, then an io_error says it changed instead of returning wrong events', async () => {
    const dir = await tempDir()
    const file = await writeStream(dir, 'o1', `${ev(1)}\n${ev(2)}\n`)
    const index = await scanStream(file, 'o1', { replay: false })
    await writeFile(file, 'x'.repeat(10) + '\n' + ev(2) + '\n')

    await expect(readEvents(index, 1, 1)).rejects.toMatchObject({ code: 'io_error' })
    await expect(isStale(index)).resolves.toBe(true)
  })

  it('given a file appended to after the scan, when checked, then it is stale; an untouched one is not', async () => {
    const dir = await tempDir()
    const file = await writeStream(dir, 'o1', `${ev(1)}\n`)
    const index = await scanStream(file, 'o1', { replay: false })
    const freshBefore = await isStale(index)

    await appendFile(file, `${ev(2)}\n`)

    expect(freshBefore).toBe(false)
    expect(await isStale(index)).toBe(true)
  })

  it('given an event read back, when normalized, then it has the contract shape', async () => {
    const dir = await tempDir()
    const index = await scanStream(
      await writeStream(dir, 'o1', `${ev(1, { metadata: { by: 'x' } })}\n`),
      'o1',
      { replay: false },
    )

    const [event] = await readEvents(index, 1, 1)

    expect(event && toNormalizedEvent(event)).toEqual({
      version: 1,
      line: 1,
      type: 'OrderNoted',
      occurredAt: '2026-03-01T09:00:01+00:00',
      id: 'e1',
      aggregateId: 'o1',
      payload: { n: 1 },
      metadata: { by: 'x' },
      raw: ev(1, { metadata: { by: 'x' } }),
    })
  })
})

describe('timelineWindow', () => {
  /** The whole timeline read one row at a time from the file order: the model windows must agree with. */
  function expectedTimeline(lines: readonly string[]): { kind: 'event' | 'problem'; line: number }[] {
    const rows: { kind: 'event' | 'problem'; line: number }[] = []
    lines.forEach((text, i) => {
      const line = i + 1
      // A blank line is a finding of its own (blank_line), shown at its place like any other.
      if (text.trim() === '') return void rows.push({ kind: 'problem', line })
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        rows.push({ kind: 'problem', line })
        return
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        rows.push({ kind: 'problem', line })
        return
      }
      if (!('event_type' in value)) rows.push({ kind: 'problem', line })
      rows.push({ kind: 'event', line })
    })
    return rows
  }

  it('given a stream with problems before, between and after events, when read in windows at every offset and size, then each window is a slice of the whole', async () => {
    const lines = [
      'bad',
      ev(1),
      ev(2),
      '[]',
      'bad',
      ev(3),
      '',
      '{"aggregate_id":"o1","n":4}',
      ev(5),
      ev(6),
      '7',
      ev(8),
      '{"torn',
    ]
    const dir = await tempDir()
    const index = await scanStream(await writeStream(dir, 'o1', lines.join('\n')), 'o1', { replay: false })
    const problems = problemRows(index)
    const rowCount = index.eventCount + problems.length

    const whole = await timelineWindow(index, problems, 0, 1000)

    expect(whole.map((row) => ({ kind: row.kind, line: lineOf(row) }))).toEqual(expectedTimeline(lines))
    expect(whole.map((row) => row.row)).toEqual(Array.from({ length: rowCount }, (_, i) => i))
    expect(
      whole.filter((row) => row.kind === 'event').map((row) => row.kind === 'event' && row.version),
    ).toEqual([1, 2, 3, 4, 5, 6, 7])
    for (let offset = 0; offset <= rowCount + 1; offset++) {
      for (let limit = 1; limit <= rowCount + 1; limit++) {
        expect(
          await timelineWindow(index, problems, offset, limit),
          `offset ${offset}, limit ${limit}`,
        ).toEqual(whole.slice(offset, offset + limit))
      }
    }
  })

  it('given events only, when windowed, then rows are the versions in order with their summaries', async () => {
    const dir = await tempDir()
    const index = await scanStream(await writeStream(dir, 'o1', `${ev(1)}\n${ev(2)}\n`), 'o1', {
      replay: false,
    })

    const rows = await timelineWindow(index, problemRows(index), 1, 5)

    expect(rows).toEqual([
      {
        kind: 'event',
        row: 1,
        version: 2,
        line: 2,
        type: 'OrderNoted',
        occurredAt: '2026-03-01T09:00:02+00:00',
        id: 'e2',
        summary: 'n=2',
      },
    ])
  })
})

function lineOf(row: TimelineRow): number {
  if (row.kind === 'gap') throw new Error('a directory has no gaps')
  return row.kind === 'event' ? row.line : (row.problem.line ?? -1)
}
