// The cross-process lock that serializes eventscope's writes to one store, so two appends never
// interleave a line or lose an index increment. A lock directory inside the store (ignored by readers).
//
// Fairness: a holder that appends in a loop releases and re-locks within microseconds, so a waiter that
// polls now and then would almost never find the lock free. A waiter therefore polls often and leaves
// a "wanted" note (its pid and since when it waits); a process about to lock again steps aside for a
// moment when someone else has been waiting longer than a turn.

import { constants } from 'node:fs'
import { open, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { StoreError } from '../errors'
import { readRegularFile } from '../store/regular-file'

export const lockName = '.eventscope.lock'
/** The waiter's note beside the lock: "<pid> <epoch ms it began waiting>". */
export const wantedName = '.eventscope.lock.wanted'

/** How long a lock may go without its holder refreshing it before another process takes it over. */
const staleMs = 10_000
/** How often the holder refreshes the lock's mtime, and so how soon it notices the lock was taken. */
const updateMs = 1_000
/** How long an operation waits for the lock before giving up: long enough for a big batch. */
const defaultWaitMs = 15_000
/** A waiter tries again every 5-20 ms: a lock attempt is one mkdir. */
const pollMs = { min: 2, max: 10 }
/** A waiter that has waited this long gets a turn: the next process to re-lock steps aside. */
const turnMs = 200
/** Long enough for a polling waiter to find the lock free. */
const stepAsideMs = 2 * pollMs.max + 10

export interface LockOptions {
  /** Give up after this long; defaults to 15 s. */
  readonly waitMs?: number
}

// Writers in this process queue here first, so only one of them at a time polls the cross-process lock.
const queues = new Map<string, Promise<unknown>>()

/** Run `work` holding the store's lock; refuses after a bounded wait. */
export async function withStoreLock<T>(
  dir: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const previous = queues.get(dir) ?? Promise.resolve()
  const next = previous
    .catch(() => {})
    .then(() => withProcessLock(dir, work, options.waitMs ?? defaultWaitMs))
  queues.set(dir, next)
  try {
    return await next
  } finally {
    if (queues.get(dir) === next) queues.delete(dir)
  }
}

async function withProcessLock<T>(dir: string, work: () => Promise<T>, waitMs: number): Promise<T> {
  let compromised: Error | null = null
  const release = await acquire(dir, waitMs, (error) => {
    compromised = error
  })
  try {
    const result = await work()
    if (compromised)
      throw new StoreError(
        'io_error',
        `The store lock was lost while writing (${(compromised as Error).message}); check the store with \`eventscope verify\`.`,
      )
    return result
  } finally {
    await release().catch(() => {})
  }
}

async function acquire(
  dir: string,
  waitMs: number,
  onCompromised: (error: Error) => void,
): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs
  const wanted = join(dir, wantedName)
  let waitingSince: number | null = null
  if (await someoneElseWaited(wanted)) await sleep(stepAsideMs)
  for (;;) {
    try {
      const release = await lockfile.lock(dir, {
        lockfilePath: join(dir, lockName),
        stale: staleMs,
        update: updateMs,
        retries: 0,
        realpath: false,
        // The default handler throws from a timer and kills the process; a lost lock (the folder removed
        // or taken over, or system sleep) is reported on this operation instead.
        onCompromised,
      })
      if (waitingSince !== null) await dropOwnNote(wanted)
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    }
    if (Date.now() >= deadline) {
      if (waitingSince !== null) await dropOwnNote(wanted)
      throw new StoreError('io_error', 'The store is locked by another process; try again in a moment.')
    }
    waitingSince ??= Date.now()
    await writeNote(wanted, `${process.pid} ${waitingSince}`).catch(() => {})
    await sleep(pollMs.min + Math.random() * (pollMs.max - pollMs.min))
  }
}

// Another process left its note during the last few polls and has been waiting for more than a turn.
async function someoneElseWaited(wanted: string): Promise<boolean> {
  const [text, info] = await Promise.all([readNote(wanted), stat(wanted).catch(() => null)])
  if (text === null || info === null) return false
  const [pid, since] = text.split(' ').map(Number)
  const now = Date.now()
  return pid !== process.pid && now - info.mtimeMs < 4 * pollMs.max && now - (since ?? now) > turnMs
}

async function dropOwnNote(wanted: string): Promise<void> {
  const text = await readNote(wanted)
  if (text?.startsWith(`${process.pid} `)) await unlink(wanted).catch(() => {})
}

// The note is a few bytes in a regular file: a FIFO or a link put in its place is neither waited on,
// read, nor written through (O_NOFOLLOW; O_NONBLOCK makes opening a FIFO fail instead of block).
async function readNote(wanted: string): Promise<string | null> {
  const read = await readRegularFile(wanted, 4096).catch(() => null)
  return read === null ? null : read.bytes.toString('utf8')
}

async function writeNote(wanted: string, text: string): Promise<void> {
  const flags =
    constants.O_WRONLY | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
  const handle = await open(wanted, flags, 0o644)
  try {
    if (!(await handle.stat()).isFile()) return
    await handle.truncate(0)
    await handle.write(text, 0, 'utf8')
  } finally {
    await handle.close()
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
