// The spot check of a cache's spared streams: a sample of at most spotCheckSize distinct streams is
// hashed, whatever their number, and one stream that does not hash as stamped fails the check.

import { open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StampedReading } from '../../../../electron/core/scan-cache/readings-codec'
import { spotCheck, spotCheckSize } from '../../../../electron/core/scan-cache/spot-check'
import { stampOf } from '../../../../electron/core/scan-cache/stream-stamp'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

async function stamped(file: string): Promise<StampedReading> {
  const handle = await open(file, 'r')
  try {
    const stamp = await stampOf(handle, await handle.stat())
    return { stamp, readAtMs: Date.now(), resume: null } as unknown as StampedReading
  } finally {
    await handle.close()
  }
}

describe('spotCheck', () => {
  it('given 100,000 spared streams, when checked, then only a sample of distinct ones is looked up', async () => {
    const dir = await tempDir()
    const file = join(dir, 'one')
    await writeFile(file, 'line\n')
    const entry = await stamped(file)
    const ids = Array.from({ length: 100_000 }, (_, i) => `s${i}`)
    const asked: string[] = []
    const ok = await spotCheck(
      ids,
      (id) => {
        asked.push(id)
        return entry
      },
      () => file,
    )
    expect(ok).toBe(true)
    expect(asked.length).toBe(spotCheckSize)
    expect(new Set(asked).size).toBe(spotCheckSize)
  })

  it('given a random source that repeats itself, when checked, then it ends', async () => {
    const dir = await tempDir()
    const file = join(dir, 'one')
    await writeFile(file, 'line\n')
    const entry = await stamped(file)
    const ids = Array.from({ length: 1000 }, (_, i) => `s${i}`)
    expect(
      await spotCheck(
        ids,
        () => entry,
        () => file,
        () => 0.5,
      ),
    ).toBe(true)
  })

  it('given a stream rewritten since it was stamped, when it is in the sample, then the check fails', async () => {
    const dir = await tempDir()
    const file = join(dir, 'one')
    await writeFile(file, 'line\n')
    const entry = await stamped(file)
    await writeFile(file, 'lime\n')
    expect(
      await spotCheck(
        ['a', 'b'],
        () => entry,
        () => file,
      ),
    ).toBe(false)
  })
})
