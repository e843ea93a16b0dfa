// The spot check of a cache's spared streams: a sample of at most spotCheckSize distinct streams is
// hashed, whatever their number, and one stream that does not hash as stamped fails the check.

import { open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StampedReading } from '../../../../electron/core/scan-cache/readings-codec'
import { earlySpotCheck, spotCheck, spotCheckSize } from '../../../../electron/core/scan-cache/spot-check'
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

describe('earlySpotCheck', () => {
  it('given every sampled stream spared and holding, when asked after judging, then it holds without hashing any file again', async () => {
    const dir = await tempDir()
    const file = join(dir, 'one')
    await writeFile(file, 'line\n')
    const entry = await stamped(file)
    const ids = Array.from({ length: 1000 }, (_, i) => `s${i}`)
    const files: string[] = []
    const check = earlySpotCheck(
      ids,
      () => entry,
      (id) => {
        files.push(id)
        return file
      },
    )
    expect(
      await check.holdsFor(
        ids,
        () => true,
        () => entry,
      ),
    ).toBe(true)
    expect(files.length).toBe(spotCheckSize)
  })

  it('given a sampled stream rewritten behind an unchanged stat (spared), when asked, then it does not hold', async () => {
    const dir = await tempDir()
    const file = join(dir, 'one')
    await writeFile(file, 'line\n')
    const entry = await stamped(file)
    await writeFile(file, 'lime\n')
    const check = earlySpotCheck(
      ['a', 'b'],
      () => entry,
      () => file,
    )
    expect(
      await check.holdsFor(
        ['a', 'b'],
        () => true,
        () => entry,
      ),
    ).toBe(false)
  })

  it('given a sampled stream that changed and was read afresh (not spared), when asked, then it is not held against the cache', async () => {
    const dir = await tempDir()
    const good = join(dir, 'good')
    const changed = join(dir, 'changed')
    await writeFile(good, 'line\n')
    await writeFile(changed, 'line\n')
    const entries = { good: await stamped(good), changed: await stamped(changed) }
    await writeFile(changed, 'line\nline\n')
    const fileOf = (id: string): string => (id === 'good' ? good : changed)
    const known = (id: string) => entries[id as keyof typeof entries]
    const check = earlySpotCheck(['changed', 'good'], known, fileOf)
    expect(await check.holdsFor(['good'], (id) => id === 'good', known)).toBe(true)
  })

  it('given fewer sampled streams spared than a sample holds, when asked, then spared streams outside the first sample are hashed until it is full', async () => {
    const dir = await tempDir()
    const file = join(dir, 'one')
    await writeFile(file, 'line\n')
    const entry = await stamped(file)
    // Half the streams changed: of the first sample, about half were spared.
    const ids = Array.from({ length: 2000 }, (_, i) => `s${i}`)
    const spared = ids.filter((_, i) => i % 2 === 0)
    const isSpared = (id: string): boolean => Number(id.slice(1)) % 2 === 0
    const early = new Set<string>()
    const late = new Set<string>()
    let judged = false
    const check = earlySpotCheck(
      ids,
      () => entry,
      (id) => {
        ;(judged ? late : early).add(id)
        return file
      },
    )
    judged = true
    expect(await check.holdsFor(spared, isSpared, () => entry)).toBe(true)
    const earlySpared = [...early].filter(isSpared)
    expect(earlySpared.length).toBeLessThan(spotCheckSize)
    expect(late.size).toBe(spotCheckSize - earlySpared.length)
    expect([...late].every((id) => isSpared(id) && !early.has(id))).toBe(true)
  })

  it('given a spared stream whose taken entry is not the one hashed early, when asked, then its taken entry is checked against the file', async () => {
    const dir = await tempDir()
    const file = join(dir, 'one')
    await writeFile(file, 'line\n')
    const known = await stamped(file)
    await writeFile(file, 'lime\n')
    const taken = await stamped(file)
    // The early hash (against `known`) fails; the stream's entry as taken holds, and it is the one asked.
    const check = earlySpotCheck(
      ['a'],
      () => known,
      () => file,
    )
    expect(
      await check.holdsFor(
        ['a'],
        () => true,
        () => taken,
      ),
    ).toBe(true)
  })
})
