// The cache body of a store's readings: every field survives the round trip, and a body out of shape
// decodes to nothing rather than to wrong readings.

import { describe, expect, it } from 'vitest'
import {
  decodeReadings,
  encodeReadings,
  judgeEntry,
  type KnownReadings,
  type StampedReading,
} from '../../../../electron/core/scan-cache/readings-codec'

const style = {
  payload: 'flat',
  typeField: 'event_type',
  idField: 'event_id',
  timeField: 'occurred_at',
  aggregateIdField: 'aggregate_id',
} as const

function entry(
  i: number,
  overrides: Partial<StampedReading['reading']> = {},
  resume: StampedReading['resume'] = null,
): StampedReading {
  return {
    reading: {
      eventCount: i * 3,
      lastEventAt: `2026-01-0${(i % 9) + 1}T00:00:00`,
      lastEventAtMs: Date.parse(`2026-01-0${(i % 9) + 1}T00:00:00Z`),
      type: i % 2 === 0 ? 'Order' : 'User',
      style,
      typeCounts: new Map([
        [`Created${i % 2}`, 1],
        ['Changed', i * 3 - 1],
      ]),
      latestOfType: new Map([
        [`Created${i % 2}`, 1],
        ['Changed', i * 3],
      ]),
      problems: [],
      problemCount: 0,
      errorCount: 0,
      file: { size: 100 + i, mtimeMs: 1_765_000_000_000.123 + i, ino: 7000 + i },
      ...overrides,
    },
    stamp: {
      dev: 2049,
      ino: 7000 + i,
      size: 100 + i,
      mtimeMs: 1_765_000_000_000.123 + i,
      ctimeMs: 1_765_000_000_001.5 + i,
      head: 'ab'.repeat(16),
      tail: 'cd'.repeat(16),
    },
    readAtMs: 1_765_000_009_000 + i,
    resume,
  }
}

// Every field a reading has, read through its getters (a decoded reading builds its Maps lazily), by id
// (a body keeps its streams in id order, whatever order they were taken in).
const plain = (known: KnownReadings) =>
  [...known.keys()].sort().map((id) => {
    const { reading: r, stamp, readAtMs, resume } = known.get(id) as StampedReading
    const reading = {
      eventCount: r.eventCount,
      lastEventAt: r.lastEventAt,
      lastEventAtMs: r.lastEventAtMs,
      type: r.type,
      style: r.style,
      typeCounts: new Map(r.typeCounts),
      latestOfType: new Map(r.latestOfType),
      problems: r.problems,
      problemCount: r.problemCount,
      errorCount: r.errorCount,
      file: r.file,
    }
    const { dev, ino, size, mtimeMs, ctimeMs, head, tail } = stamp
    return [id, { reading, stamp: { dev, ino, size, mtimeMs, ctimeMs, head, tail }, readAtMs, resume }]
  })

describe('the readings codec', () => {
  it('given readings with nulls, findings, unicode ids and a resume point, when encoded and decoded, then every field comes back', () => {
    const problem = {
      kind: 'bad_line',
      severity: 'error',
      line: 2,
      offset: 40,
      message: 'Not valid JSON',
      snippet: '{',
    } as const
    const entries = new Map<string, StampedReading>([
      ['a', entry(1)],
      ['ünï-☃', entry(2, { problems: [problem], problemCount: 3, errorCount: 2, type: null, style: null })],
      [
        'empty',
        entry(0, {
          eventCount: 0,
          lastEventAt: null,
          lastEventAtMs: Number.NaN,
          typeCounts: new Map(),
          latestOfType: new Map(),
        }),
      ],
      [
        'resumable',
        entry(
          4,
          {},
          {
            committedLines: 12,
            lastTimeValue: 1765000000,
            firstEventAt: '2026-01-01',
            mismatches: 2,
            mismatchAt: 0,
          },
        ),
      ],
      [
        'resumable-iso',
        entry(
          4,
          {},
          {
            committedLines: 12,
            lastTimeValue: '2026-01-05T00:00:00',
            firstEventAt: '2026-01-01',
            mismatches: 2,
            mismatchAt: 0,
          },
        ),
      ],
    ])
    const decoded = decodeReadings(encodeReadings(entries)) as KnownReadings
    expect(decoded.size).toBe(5)
    expect(plain(decoded)).toEqual(plain(entries))
  })

  it('given no readings, when encoded and decoded, then the table is empty', () => {
    expect(decodeReadings(encodeReadings(new Map()))?.size).toBe(0)
  })

  it('given a body cut short, grown, or with a header out of range, when decoded, then nothing is trusted', () => {
    const body = encodeReadings(
      new Map([
        ['a', entry(1)],
        ['b', entry(2)],
      ]),
    )
    expect(decodeReadings(body.subarray(0, body.length - 4))).toBeNull()
    expect(decodeReadings(Buffer.concat([body, Buffer.alloc(4)]))).toBeNull()
    expect(decodeReadings(Buffer.from('garbage'))).toBeNull()
    const length = body.readUInt32LE(0)
    const header = JSON.parse(body.toString('utf8', 4, 4 + length)) as { types: string[] }
    const fewerTypes = Buffer.from(JSON.stringify({ ...header, types: [] }).padEnd(length, ' '))
    expect(
      decodeReadings(Buffer.concat([body.subarray(0, 4), fewerTypes, body.subarray(4 + length)])),
    ).toBeNull()
  })

  it('given a header whose text lengths do not match the texts (one shifted, one missing), when decoded, then nothing is trusted', () => {
    const body = encodeReadings(
      new Map([
        ['a', entry(1)],
        ['b', entry(2)],
      ]),
    )
    const length = body.readUInt32LE(0)
    const header = JSON.parse(body.toString('utf8', 4, 4 + length)) as { texts: number[] }
    const withTexts = (texts: number[]) => {
      const json = Buffer.from(JSON.stringify({ ...header, texts }).padEnd(length, ' '))
      return Buffer.concat([body.subarray(0, 4), json, body.subarray(4 + length)])
    }
    const [ids, lastAt, ...rest] = header.texts as [number, number, number, number]
    expect(decodeReadings(withTexts(header.texts))).not.toBeNull()
    // The ids one byte shorter: the times start inside them, the counts no longer agree.
    expect(decodeReadings(withTexts([ids - 1, lastAt + 1, ...rest]))).toBeNull()
    expect(decodeReadings(withTexts([ids, lastAt, ...rest].slice(0, 3)))).toBeNull()
    expect(decodeReadings(withTexts([ids, lastAt, rest[0], -1]))).toBeNull()
  })

  it('given texts another cache file held, when a body holds the same bytes, then it takes their strings, and decodes its own otherwise', () => {
    const ids = ['a', 'b', 'é']
    const body = encodeReadings(new Map(ids.map((id, i) => [id, entry(i)])))
    const times = ids.map((_, i) => entry(i).reading.lastEventAt)
    const text = (strings: readonly (string | null)[]) =>
      Buffer.from(strings.map((at) => at ?? '\u0001').join('\u0000'))
    // Strings that are not what the bytes say: seen in the entries only if taken without decoding.
    const told = { bytes: text(ids), strings: ['A', 'B', 'É'] }
    const taken = decodeReadings(body, { ids: told, lastAt: { bytes: text(times), strings: times } })
    expect([...(taken as KnownReadings).keys()]).toEqual(['A', 'B', 'É'])
    expect(taken?.get('B')?.reading.lastEventAt).toBe(times[1])
    const other = { bytes: text(['a', 'b', 'x']), strings: ['A', 'B', 'X'] }
    const decoded = decodeReadings(body, { ids: other })
    expect([...(decoded as KnownReadings).keys()]).toEqual(ids)
    expect(plain(decoded as KnownReadings)).toEqual(plain(decodeReadings(body) as KnownReadings))
  })

  it('given readings taken in no order, when encoded and decoded, then the ids come in code-unit order and each is found, in order or not', () => {
    const ids = ['m', 'b', 'z', 'a', 'B', 'é', 'a1']
    const decoded = decodeReadings(encodeReadings(new Map(ids.map((id, i) => [id, entry(i)]))))
    expect(decoded).not.toBeNull()
    expect([...(decoded as KnownReadings).keys()]).toEqual([...ids].sort())
    for (const id of [...ids].reverse())
      expect(decoded?.get(id)?.reading.eventCount).toBe(ids.indexOf(id) * 3)
    for (const id of [...ids].sort()) expect(decoded?.get(id)).toBeDefined()
    expect(decoded?.get('nope')).toBeUndefined()
  })
})

describe('judging a stat against a cached entry', () => {
  // size, mtimeMs, ctimeMs, ino, dev, kind: the stat-streams task's columns (stat-task.ts).
  const statOf = (
    stamp: StampedReading['stamp'],
    change: Partial<Record<'size' | 'mtimeMs' | 'ctimeMs' | 'ino' | 'dev', number>> = {},
  ) => {
    const s = { ...stamp, ...change }
    return Float64Array.of(s.size, s.mtimeMs, s.ctimeMs, s.ino, s.dev, 0)
  }
  const settled = (i: number): StampedReading => ({ ...entry(i), readAtMs: entry(i).stamp.mtimeMs + 10_000 })

  it('given a decoded body and the same entries as a Map, when every kind of change is judged, then both say the same, and as stream-stamp says', () => {
    const entries = new Map<string, StampedReading>([1, 2, 3].map((i) => [`s${i}`, settled(i)]))
    const table = decodeReadings(encodeReadings(entries)) as KnownReadings
    expect(table.judge).toBeTypeOf('function')
    const cases: [string, Partial<Record<'size' | 'mtimeMs' | 'ctimeMs' | 'ino' | 'dev', number>>, string][] =
      [
        ['unchanged', {}, 'same'],
        ['grown', { size: 10_000, mtimeMs: 1, ctimeMs: 1 }, 'grown'],
        ['truncated', { size: 1, mtimeMs: 1, ctimeMs: 1 }, 'changed'],
        ['replaced (another inode)', { ino: 999 }, 'changed'],
        ['another device', { dev: 999 }, 'changed'],
        ['touched (mtime moved)', { mtimeMs: 1 }, 'changed'],
        ['mtime set back, ctime moved', { ctimeMs: 1 }, 'changed'],
      ]
    for (const [, change, expected] of cases) {
      for (const id of ['s1', 's2', 's3']) {
        const known = entries.get(id) as StampedReading
        const stats = statOf(known.stamp, change)
        expect(table.judge?.(id, stats, 0, 2000)).toBe(expected)
        expect(judgeEntry(known, stats, 0, 2000)).toBe(expected)
      }
    }
    expect(table.judge?.('s4', statOf(settled(1).stamp), 0, 2000)).toBe('changed')
  })

  it('given an entry read right after its file changed, when judged unchanged by stat, then it is not trusted (changed)', () => {
    const racy: StampedReading = { ...entry(1), readAtMs: entry(1).stamp.mtimeMs + 100 }
    const table = decodeReadings(encodeReadings(new Map([['s1', racy]]))) as KnownReadings
    expect(table.judge?.('s1', statOf(racy.stamp), 0, 2000)).toBe('changed')
    expect(judgeEntry(racy, statOf(racy.stamp), 0, 2000)).toBe('changed')
  })
})
