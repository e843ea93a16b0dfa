import { describe, expect, it } from 'vitest'
import { EventPositions } from '../../../../electron/core/stream/event-positions'

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
