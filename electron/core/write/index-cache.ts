// index.json for an append: parsed and laid out once, then reused while the file is as we left it.
//
// Valid when stat shows the same size, mtime and inode AND the file's last 64 KiB (all of a smaller
// file) are the bytes we know. The identity alone misses one case: the seed's writer rewrites the file
// in place (same inode), and a same-size rewrite within one tick of the coarse file clock keeps the
// mtime. Such a rewrite always changes `total_events`, which sits in the tail; a small index, where
// writers are fast enough for this to happen, is compared whole. Cost per append: one stat, one 64 KiB
// read. A miss costs what every append used to: read, JSON.parse, serialize (~0.1-0.3 s at 12.8 MB).

import { lstat, stat } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import { StoreError } from '../errors'
import type { JsonObject } from '../json/json-value'
import { maxIndexBytes } from '../store/index-file'
import { readRegularFile, openRegularFile, refusedForWriting } from '../store/regular-file'
import { indexFileName } from '../store/store-files'
import { IndexLayout } from './index-layout'
import { parseIndexDocument, unreadableIndex } from './index-update'
import { identityOf, sameIdentity } from '../stream-facts/file-identity'
import type { StoreFacts } from '../stream-facts/store-facts'

const tailBytes = 64 * 1024

/** The laid-out index.json of the store, or null when there is none. Throws when it does not parse. */
export async function loadIndex(store: StoreFacts, dir: string): Promise<IndexLayout | null> {
  const file = join(dir, indexFileName)
  // lstat: an index.json that links elsewhere is neither read nor replaced (the append is refused
  // before anything is written).
  const info = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (info === null) {
    store.index = null
    return null
  }
  if (!info.isFile()) throw new StoreError('invalid_input', refusedForWriting(indexFileName, info))
  const cached = store.index
  if (cached && sameIdentity(cached.identity, identityOf(info))) {
    const tail = await readTail(file, info.size)
    if (tail.equals(cached.tail)) return cached.layout
  }
  store.index = null
  // stat before read: if the file changes in between, the identity kept is older than the text and the
  // next append sees a mismatch and reads it again.
  const { bytes } = await readIndexDocument(file)
  // Laid out from its text, not from parsed values: an append changes only the bytes it must.
  const layout = IndexLayout.fromText(bytes.toString('utf8'))
  store.index = {
    layout,
    identity: identityOf(info),
    tail: bytes.subarray(Math.max(0, bytes.length - tailBytes)),
  }
  return layout
}

/**
 * Remember the index just written from `layout`: its identity as stat now sees it.
 *
 * When the size is not the text's, another program wrote in between: nothing is kept and the next
 * append reads the file again.
 */
export async function rememberIndex(store: StoreFacts, dir: string, layout: IndexLayout): Promise<void> {
  store.index = null
  const info = await stat(join(dir, indexFileName)).catch(() => null)
  // The text is kept as it was, so it may hold non-ASCII bytes another writer put there.
  const bytes = Buffer.from(layout.text, 'utf8')
  if (info === null || info.size !== bytes.length) return
  store.index = {
    layout,
    identity: identityOf(info),
    tail: bytes.subarray(Math.max(0, bytes.length - tailBytes)),
  }
}

/**
 * The seed's writer rewrites index.json in place (open with "w", then json.dump), so a read can land
 * between the truncate and the last byte. Beside a live writer that refused 2-27 of 200 appends in a
 * measurement, and a busy machine can stretch one rewrite to hundreds of milliseconds; a text that does
 * not parse is therefore read again, with growing pauses (4.8 s in all), before the index is called
 * unreadable. The store lock is held meanwhile, so other eventscope writers wait, boundedly. 1.6 s in
 * all was once not enough: a full test run starved the seed's process between its truncate and its
 * write for longer, and an append was refused (2026-12-07).
 */
const rereadDelaysMs = [5, 10, 25, 50, 100, 200, 400, 800, 1600, 1600]

async function readIndexDocument(file: string): Promise<{ bytes: Buffer; doc: JsonObject }> {
  for (let attempt = 0; ; attempt++) {
    const { bytes } = await readRegularFile(file, maxIndexBytes)
    const doc = parseIndexDocument(bytes.toString('utf8'))
    if (doc !== null) return { bytes, doc }
    const delay = rereadDelaysMs[attempt]
    if (delay === undefined) throw unreadableIndex()
    await sleep(delay)
  }
}

async function readTail(file: string, size: number): Promise<Buffer> {
  const length = Math.min(size, tailBytes)
  const buffer = Buffer.alloc(length)
  const { handle } = await openRegularFile(file)
  try {
    const { bytesRead } = await handle.read(buffer, 0, length, size - length)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
