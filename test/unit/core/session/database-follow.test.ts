// Following a database (database-follow.ts): the streams a watch names are taken in a burst at a
// time, and a burst whose reading fails (the database went away between the change and the read) is
// tried again until it is taken, never dropped: the watch does not report those changes twice.

import { describe, expect, it } from 'vitest'
import { followSource } from '../../../../electron/core/session/database-follow'
import type { Source, SourceChange, WatchOptions } from '../../../../electron/core/source/source'
import { until } from '../../../support/until'

type Watch = NonNullable<Source['watch']>

/** A watch the test drives: `change` reports an append; `options` are what followSource gave it. */
function fakeWatch(): { watch: Watch; change: (streamId: string) => void; stopped: () => boolean } {
  let report: ((change: SourceChange) => void) | null = null
  let stopped = false
  const watch: Watch = (onChange, options?: WatchOptions) => {
    report = onChange
    options?.onReady?.()
    return () => {
      stopped = true
    }
  }
  return {
    watch,
    change: (streamId) => report?.({ streamId, version: 1, globalPosition: '1' }),
    stopped: () => stopped,
  }
}

describe('followSource', () => {
  it('given a burst whose reading fails twice, when the database answers again, then its streams are taken, once', async () => {
    const fake = fakeWatch()
    const taken: string[][] = []
    let failures = 2
    let closed = false
    const following = followSource(fake.watch, {
      intervalMs: 5,
      listed: Promise.resolve(),
      stopped: () => closed,
      take: async (ids) => {
        if (failures-- > 0) throw new Error('Connection terminated unexpectedly')
        taken.push([...ids])
      },
      notice: () => {},
    })
    await following.ready
    fake.change('account-7')
    await until(() => taken.length > 0, 'the burst taken')
    expect(taken).toEqual([['account-7']])
    closed = true
    following.stop()
    expect(fake.stopped()).toBe(true)
  })

  it('given changes named while a failed burst waits, when it is taken, then they come with it', async () => {
    const fake = fakeWatch()
    const taken: string[][] = []
    let failures = 1
    const following = followSource(fake.watch, {
      intervalMs: 20,
      listed: Promise.resolve(),
      stopped: () => false,
      take: async (ids) => {
        if (failures-- > 0) {
          // While this burst fails, another stream is appended to.
          fake.change('account-8')
          throw new Error('the database is starting up')
        }
        taken.push([...ids].sort())
      },
      notice: () => {},
    })
    await following.ready
    fake.change('account-7')
    await until(() => taken.length > 0, 'the bursts taken')
    expect(taken).toEqual([['account-7', 'account-8']])
    following.stop()
  })

  it('given a store closed while a failed burst waits, when the wait ends, then nothing more is read', async () => {
    const fake = fakeWatch()
    let reads = 0
    let closed = false
    const following = followSource(fake.watch, {
      intervalMs: 5,
      listed: Promise.resolve(),
      stopped: () => closed,
      take: async () => {
        reads++
        closed = true
        throw new Error('Connection terminated unexpectedly')
      },
      notice: () => {},
    })
    await following.ready
    fake.change('account-7')
    await until(() => reads > 0, 'the first read')
    // Longer than the waits before a second read would be.
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(reads).toBe(1)
    following.stop()
  })
})
