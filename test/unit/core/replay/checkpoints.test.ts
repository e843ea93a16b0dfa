import { describe, expect, it } from 'vitest'
import { Checkpoints, checkpointBytes, checkpointEvents } from '../../../../electron/core/replay/checkpoints'

describe('Checkpoints', () => {
  it('given nothing offered, when asked for any version, then the empty state at version 0 is the start', () => {
    const checkpoints = new Checkpoints()

    expect(checkpoints.atOrBefore(0)).toEqual({ version: 0, state: {} })
    expect(checkpoints.atOrBefore(1_000)).toEqual({ version: 0, state: {} })
    expect(checkpoints.size).toBe(1)
  })

  it('given tiny events, when offered one by one, then a checkpoint is kept every 512 events', () => {
    const checkpoints = new Checkpoints()

    for (let version = 1; version <= 3 * checkpointEvents + 10; version++)
      checkpoints.offer(version, 10, { version })

    expect(checkpoints.size).toBe(4)
    expect(checkpoints.atOrBefore(checkpointEvents - 1).version).toBe(0)
    expect(checkpoints.atOrBefore(checkpointEvents)).toEqual({
      version: checkpointEvents,
      state: { version: checkpointEvents },
    })
    expect(checkpoints.atOrBefore(2 * checkpointEvents + 1).version).toBe(2 * checkpointEvents)
    expect(checkpoints.atOrBefore(10_000).version).toBe(3 * checkpointEvents)
  })

  it('given large events, when offered, then a checkpoint is kept as soon as 64 KiB of event text has passed', () => {
    const checkpoints = new Checkpoints()
    const eventBytes = 20 * 1024

    for (let version = 1; version <= 12; version++) checkpoints.offer(version, eventBytes, { version })

    // 4 events of 20 KiB cross 64 KiB: checkpoints after versions 4, 8 and 12.
    expect(checkpointBytes).toBe(64 * 1024)
    expect([4, 5, 8, 11, 12].map((version) => checkpoints.atOrBefore(version).version)).toEqual([
      4, 4, 8, 8, 12,
    ])
  })

  it('given checkpoints, when asked for each version, then the answer is the latest one at or before it', () => {
    const checkpoints = new Checkpoints()
    const kept = [0]
    for (let version = 1; version <= 5_000; version++) {
      const bytes = (version * 7919) % 30_000
      const before = checkpoints.size
      checkpoints.offer(version, bytes, { version })
      if (checkpoints.size > before) kept.push(version)
    }

    for (let version = 0; version <= 5_000; version++) {
      const expected = kept.filter((at) => at <= version).at(-1)
      expect(checkpoints.atOrBefore(version).version).toBe(expected)
    }
  })

  it('given checkpoints, when truncated to a version, then later checkpoints are dropped and the first is kept', () => {
    const checkpoints = new Checkpoints()
    for (let version = 1; version <= 3 * checkpointEvents; version++)
      checkpoints.offer(version, 1, { version })

    checkpoints.truncate(checkpointEvents + 1)
    const afterFirst = checkpoints.size
    checkpoints.truncate(0)

    expect(afterFirst).toBe(2)
    expect(checkpoints.atOrBefore(10_000).version).toBe(0)
    expect(checkpoints.size).toBe(1)
  })
})
