// Rebuilding index.json from the streams, the truth it caches: after a writer died between its stream
// write and its index write, or after someone edited a stream by hand.

import { constants } from 'node:fs'
import { copyFile, lstat } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreError } from '../errors'
import { isJsonObject, type JsonObject } from '../json/json-value'
import { maxIndexBytes } from '../store/index-file'
import { readRegularFile, refusedForWriting } from '../store/regular-file'
import { indexFileName } from '../store/store-files'
import { replaceDurably } from './durable-file'
import { newIndexText, parseIndexDocument, type IndexChange } from './index-update'
import { findLeftoverTemps, removeLeftoverTemps } from './leftover-temps'
import { countStreams } from './store-scan'
import { withStoreLock } from './store-lock'
import { statIfPresent } from '../store/stat-if-present'

export interface ReindexResult {
  readonly dir: string
  /** What index.json was before: absent, an index, or text that is not one (copied aside first). */
  readonly before: 'missing' | 'ok' | 'corrupt'
  /** Where the unreadable index was copied, when it was. */
  readonly corruptCopy: string | null
  readonly added: string[]
  readonly removed: string[]
  /** Entries whose count or last event time changed. */
  readonly updated: string[]
  readonly totalBefore: number | null
  readonly totalAfter: number
  /** False when index.json already said exactly this: nothing was written. */
  readonly written: boolean
  /** Leftover `.index.json.*.tmp` files removed (by a preview: that would be). */
  readonly removedTemps: string[]
}

/**
 * Rebuild index.json from every stream, under the store lock, replacing it atomically. O(store bytes).
 * Aborting `signal` while the streams are counted (all but the last moment) writes nothing.
 */
export async function reindexStore(
  dir: string,
  now: () => Date = () => new Date(),
  signal?: AbortSignal,
): Promise<ReindexResult> {
  await requireDirectory(dir)
  return withStoreLock(dir, async () => {
    const file = join(dir, indexFileName)
    const plan = await planReindex(dir, signal)
    signal?.throwIfAborted()
    let corruptCopy: string | null = null
    if (plan.before === 'corrupt') {
      // Whatever it holds may matter to someone: keep it before it is replaced.
      corruptCopy = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`
      await copyFile(file, corruptCopy, constants.COPYFILE_EXCL)
    }
    if (plan.result.written) await replaceDurably(file, plan.text)
    // Under the lock: no live eventscope writer is between creating and renaming a temp file.
    const removedTemps = await removeLeftoverTemps(dir)
    return { ...plan.result, corruptCopy, removedTemps }
  })
}

/**
 * What reindexStore would change, writing nothing and taking no lock: `written` says whether it would
 * write, and `corruptCopy` stays null (the copy's name depends on when it is made). O(store bytes).
 */
export async function previewReindex(dir: string, signal?: AbortSignal): Promise<ReindexResult> {
  await requireDirectory(dir)
  return (await planReindex(dir, signal)).result
}

async function requireDirectory(dir: string): Promise<void> {
  const info = await statIfPresent(dir)
  if (!info?.isDirectory()) throw new StoreError('not_found', `No such store directory: ${dir}`)
}

async function planReindex(
  dir: string,
  signal?: AbortSignal,
): Promise<{ before: ReindexResult['before']; text: string; result: ReindexResult }> {
  const current = await readIndexText(join(dir, indexFileName))
  const previous = current === null ? null : parseIndexDocument(current)
  const entries = await countStreams(dir, signal)
  const text = newIndexText(entries, previous)
  const before = current === null ? 'missing' : previous === null ? 'corrupt' : 'ok'
  return {
    before,
    text,
    result: {
      dir,
      before,
      corruptCopy: null,
      ...entryChanges(previous, entries),
      totalBefore: typeof previous?.total_events === 'number' ? previous.total_events : null,
      totalAfter: entries.reduce((sum, entry) => sum + entry.eventCount, 0),
      written: text !== current,
      removedTemps: await findLeftoverTemps(dir),
    },
  }
}

async function readIndexText(file: string): Promise<string | null> {
  const info = await lstat(file).catch(() => null)
  if (info === null) return null
  if (!info.isFile()) throw new StoreError('invalid_input', refusedForWriting(indexFileName, info))
  return (await readRegularFile(file, maxIndexBytes)).bytes.toString('utf8')
}

/** Which entries the rebuilt index adds, drops or changes compared with the previous one. */
export function entryChanges(
  previous: JsonObject | null,
  entries: readonly IndexChange[],
): Pick<ReindexResult, 'added' | 'removed' | 'updated'> {
  const old = previous && isJsonObject(previous.aggregates) ? previous.aggregates : {}
  const ids = new Set(entries.map((entry) => entry.aggregateId))
  const added: string[] = []
  const updated: string[] = []
  for (const entry of entries) {
    const was = Object.hasOwn(old, entry.aggregateId) ? old[entry.aggregateId] : undefined
    if (!isJsonObject(was)) {
      if (was === undefined) added.push(entry.aggregateId)
      else updated.push(entry.aggregateId)
    } else if (was.event_count !== entry.eventCount || (was.last_event_at ?? null) !== entry.lastEventAt) {
      updated.push(entry.aggregateId)
    }
  }
  const removed = Object.keys(old).filter((id) => !ids.has(id))
  return { added, removed, updated }
}
