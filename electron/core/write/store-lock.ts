// The cross-process lock that serializes eventscope's writes to one store, so two appends never
// interleave a line or lose an index increment. A lock directory inside the store (ignored by readers).

import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { IpcError } from '../../../shared/errors'

export const lockName = '.eventscope.lock'

/** How long a lock may go without its holder refreshing it before another process takes it over. */
const staleMs = 10_000
/** About 10 s of retries before giving up: long enough for a big batch, short enough to tell the user. */
const retries = { retries: 40, minTimeout: 25, maxTimeout: 400, factor: 1.3 }

// Writers in this process queue here first: the cross-process lock is polled with back-off, which would
// make concurrent appends from one process wait for each other's retry timers.
const queues = new Map<string, Promise<unknown>>()

/** Run `work` holding the store's lock; refuses after a bounded wait. */
export async function withStoreLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(dir) ?? Promise.resolve()
  const next = previous.catch(() => {}).then(() => withProcessLock(dir, work))
  queues.set(dir, next)
  try {
    return await next
  } finally {
    if (queues.get(dir) === next) queues.delete(dir)
  }
}

async function withProcessLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  let compromised: Error | null = null
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: join(dir, lockName),
      stale: staleMs,
      retries,
      realpath: false,
      // The default handler throws from a timer and kills the process; a lost lock (for example after
      // system sleep) is reported on this operation instead.
      onCompromised: (error) => {
        compromised = error
      },
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new IpcError('io_error', 'The store is locked by another process; try again in a moment.')
    }
    throw error
  }
  try {
    const result = await work()
    if (compromised) throw new IpcError('io_error', `The store lock was lost while writing (${(compromised as Error).message}); run \`eventscope verify\`.`)
    return result
  } finally {
    await release().catch(() => {})
  }
}
