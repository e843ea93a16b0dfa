import { describe, expect, it } from 'vitest'
import { cacheWritesSettled, trackCacheWrite } from '../../../../electron/core/scan-cache/cache-writes'
import { deferred } from '../../../support/deferred'

describe('the scan cache writes under way', () => {
  it('given two writes under way, when waited for, then it settles only after both, a failed one included', async () => {
    const first = deferred<boolean>()
    const second = deferred<boolean>()
    expect(trackCacheWrite(first.promise)).toBe(first.promise)
    trackCacheWrite(second.promise).catch(() => {})
    let settled = false
    const waiting = cacheWritesSettled().then(() => (settled = true))

    first.resolve(true)
    await first.promise
    await Promise.resolve()
    expect(settled).toBe(false)

    second.reject(new Error('disk full'))
    await waiting
    expect(settled).toBe(true)
  })

  it('given no write under way, when waited for, then it settles at once', async () => {
    await expect(cacheWritesSettled()).resolves.toBeUndefined()
  })
})
