import { describe, expect, it } from 'vitest'
import { EventPositions, type CompactPositions } from '../../../../electron/core/stream/event-positions'

describe('EventPositions', () => {
  it('given more events than the initial capacity, when pushed, then every position survives growing', () => {
    const positions = new EventPositions()

    for (let i = 0; i < 3_000; i++) positions.push(i * 100 + 2 ** 33, i % 97, 2 * i + 1)

    expect(positions.count).toBe(3_000)
    for (const version of [1, 256, 257, 512, 513, 3_000]) {
      const i = version - 1
      expect([positions.offsetOf(version), positions.lengthOf(version), positions.lineOf(version)]).toEqual([
        i * 100 + 2 ** 33,
        i % 97,
        2 * i + 1,
      ])
    }
  })

  it('given events on odd lines, when counting events before a line, then the binary search matches a linear count', () => {
    const positions = new EventPositions()
    const lines = [1, 2, 5, 6, 7, 10, 30, 31]
    for (const line of lines) positions.push(0, 1, line)

    for (let line = 0; line <= 35; line++) {
      expect(positions.countBeforeLine(line), `line ${line}`).toBe(lines.filter((at) => at < line).length)
    }
  })

  it('given positions, when truncated, then later versions are forgotten and truncating beyond the count changes nothing', () => {
    const positions = new EventPositions()
    for (let line = 1; line <= 5; line++) positions.push(line, 1, line)

    positions.truncate(10)
    const unchanged = positions.count
    positions.truncate(3)

    expect([unchanged, positions.count, positions.countBeforeLine(100)]).toEqual([5, 3, 3])
  })
})

// Compact positions of `count` events (random lengths, line feeds or CRLFs, a damaged line now and then)
// and the columns they stand for, worked out one event after another.
function compactAndExpected(count: number, seed: number, wide = false) {
  let random = seed
  const next = (n: number) => {
    random = (random * 1103515245 + 12345) % 2 ** 31
    return random % n
  }
  const lengths = new Uint32Array(count)
  const offsetGaps = wide ? new Float64Array(count) : new Uint8Array(count)
  const lineGaps = wide ? new Uint32Array(count) : new Uint8Array(count)
  const expected: [number, number, number][] = []
  let end = 0
  let line = 0
  for (let i = 0; i < count; i++) {
    lengths[i] = 20 + next(300)
    offsetGaps[i] = (i === 0 ? 0 : 1 + next(2)) + (wide && next(50) === 0 ? 2 ** 32 : 0)
    lineGaps[i] = 1 + (next(20) === 0 ? 1 + next(3) : 0) + (wide && next(50) === 0 ? 70_000 : 0)
    const offset = end + (offsetGaps[i] as number)
    line += lineGaps[i] as number
    expected.push([offset, lengths[i] as number, line])
    end = offset + (lengths[i] as number)
  }
  const compact: CompactPositions = { count, lengths, offsetGaps, lineGaps }
  return { compact, expected }
}

const at = (positions: EventPositions, version: number) => [
  positions.offsetOf(version),
  positions.lengthOf(version),
  positions.lineOf(version),
]

describe('EventPositions over compact positions (as the scan cache keeps them)', () => {
  it.each([
    ['bytes of gaps', 10_000, false],
    ['wide gaps (offsets past 4 GiB, long runs of damaged lines)', 9_000, true],
    ['one event', 1, false],
    ['exactly one block', 4096, false],
  ])(
    'given %s, when versions are asked in any order, then each is what unpacking them in order gives',
    (_, count, wide) => {
      const { compact, expected } = compactAndExpected(count, 7, wide)
      const positions = EventPositions.fromCompact(compact)
      const order = Array.from({ length: count }, (_, i) => i + 1).sort(
        (a, b) => ((a * 7919) % 10_007) - ((b * 7919) % 10_007),
      )

      expect(positions.count).toBe(count)
      for (const version of [count, 1, ...order])
        expect(at(positions, version), `version ${version}`).toEqual(expected[version - 1])
    },
  )

  it('given compact positions, when their columns, a line count, a push or a truncation are asked first, then every position is unpacked for them', () => {
    const { compact, expected } = compactAndExpected(9_000, 3)
    const lineOf = (version: number) => (expected[version - 1] as number[])[2] as number

    const columns = EventPositions.fromCompact(compact).columns()
    expect(Array.from(columns.offsets.subarray(0, 9_000))).toEqual(expected.map(([offset]) => offset))
    expect(Array.from(columns.lineNumbers.subarray(0, 9_000))).toEqual(expected.map(([, , line]) => line))

    expect(EventPositions.fromCompact(compact).countBeforeLine(lineOf(8_500))).toBe(8_499)

    const grown = EventPositions.fromCompact(compact)
    grown.push(1e9, 5, 1e6)
    expect([at(grown, 9_001), at(grown, 5_000), at(grown, 1)]).toEqual([
      [1e9, 5, 1e6],
      expected[4_999],
      expected[0],
    ])

    const cut = EventPositions.fromCompact(compact)
    cut.truncate(4_100)
    cut.push(7, 8, lineOf(4_100) + 5)
    expect([cut.count, at(cut, 4_100), at(cut, 4_101), cut.countBeforeLine(lineOf(4_100) + 1)]).toEqual([
      4_101,
      expected[4_099],
      [7, 8, lineOf(4_100) + 5],
      4_100,
    ])
  })

  it('given no events, when asked, then nothing is there and a push still grows', () => {
    const positions = EventPositions.fromCompact({
      count: 0,
      lengths: new Uint32Array(0),
      offsetGaps: new Uint8Array(0),
      lineGaps: new Uint8Array(0),
    })

    expect([positions.count, positions.countBeforeLine(10), positions.lengthOf(1)]).toEqual([0, 0, 0])
    positions.push(3, 4, 5)
    expect(at(positions, 1)).toEqual([3, 4, 5])
  })
})
