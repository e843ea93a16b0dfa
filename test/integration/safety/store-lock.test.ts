// The store lock under contention, left behind by a dead process, and taken away from its holder.

import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appendEvent } from '../../../electron/core/write/append'
import { initStore } from '../../../electron/core/write/init-store'
import { lockName, withStoreLock } from '../../../electron/core/write/store-lock'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs('eventscope-lock-')
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function store(): Promise<string> {
  const dir = await tempDir()
  await initStore(dir)
  return dir
}

/** A lock folder kept fresh as a live holder in another process keeps it; stop() ends the refreshing. */
async function liveForeignLock(dir: string): Promise<{ stop: () => void }> {
  const lock = join(dir, lockName)
  await mkdir(lock)
  const timer = setInterval(() => {
    const now = new Date()
    void utimes(lock, now, now).catch(() => {})
  }, 300)
  return { stop: () => clearInterval(timer) }
}

describe('given another process holding the store lock', () => {
  it('when an operation waits for it, then it gives up after its bounded wait with "The store is locked by another process" and never runs', async () => {
    const dir = await store()
    const holder = await liveForeignLock(dir)
    try {
      let ran = false
      const started = performance.now()
      await expect(
        withStoreLock(
          dir,
          async () => {
            ran = true
          },
          { waitMs: 800 },
        ),
      ).rejects.toThrow('The store is locked by another process; try again in a moment.')
      const waited = performance.now() - started
      expect(ran).toBe(false)
      expect(waited).toBeGreaterThanOrEqual(800)
      // It gave up after its own 800 ms, not the default 15 s (loose, so a busy machine cannot fail it).
      expect(waited).toBeLessThan(10_000)
    } finally {
      holder.stop()
    }
  })

  it('when the holder lets go within the wait, then the operation runs', async () => {
    const dir = await store()
    const holder = await liveForeignLock(dir)
    setTimeout(() => {
      holder.stop()
      void rm(join(dir, lockName), { recursive: true })
    }, 300)
    expect(await withStoreLock(dir, async () => 'ran', { waitMs: 5000 })).toBe('ran')
  })
})

describe('given a lock folder left by a dead process', () => {
  it('when its mtime is older than the stale window, then an append takes it over at once', async () => {
    const dir = await store()
    await mkdir(join(dir, lockName))
    const past = new Date(Date.now() - 60_000)
    await utimes(join(dir, lockName), past, past)
    const started = performance.now()
    expect((await appendEvent({ dir, aggregateId: 'agg', eventType: 'T', payload: {} })).version).toBe(1)
    // At once: well before the 10 s a live holder's lock would have to go unrefreshed.
    expect(performance.now() - started).toBeLessThan(8000)
    expect((await readdir(dir)).filter((name) => name.startsWith('.eventscope.lock'))).toEqual([])
  })

  it('when its mtime is recent (the holder may be alive), then it is not taken over', async () => {
    const dir = await store()
    await mkdir(join(dir, lockName))
    await expect(withStoreLock(dir, async () => 'ran', { waitMs: 300 })).rejects.toThrow(
      'The store is locked by another process',
    )
    expect((await stat(join(dir, lockName))).isDirectory()).toBe(true)
  })
})

describe('given the lock taken away from its holder while it works', () => {
  it.each([
    ['the lock folder is removed', (lock: string) => rm(lock, { recursive: true })],
    ['the lock folder’s mtime is changed', (lock: string) => utimes(lock, new Date(0), new Date(0))],
  ])(
    'when %s, then the process does not crash and the operation reports the lost lock',
    async (_, takeAway) => {
      const dir = await store()
      const operation = withStoreLock(dir, async () => {
        await takeAway(join(dir, lockName))
        // Longer than the holder's refresh interval (1 s), when the loss is noticed.
        await sleep(1600)
        return 'done'
      })
      await expect(operation).rejects.toThrow(
        /^The store lock was lost while writing \(.+\); check the store/,
      )
      // The next operation locks normally.
      expect(await withStoreLock(dir, async () => 'next', { waitMs: 2000 })).toBe('next')
    },
    10_000,
  )
})
