// A shell lists a chosen folder while the choice is still being checked (ExplorerSession.listAhead):
// the opening takes that listing only for the path it opens and the folder found there then, and what
// is written after the listing still shows.

import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PushEvent } from '../../../../shared/channels'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { listingAhead } from '../../../../electron/core/store/store-opening'
import { useFreshScanCache } from '../../../support/fresh-scan-cache'

let work: string
let session: ExplorerSession | null = null

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'eventscope-listed-ahead-'))
})
// Registered after the hook that makes `work`, which runs first: the scan cache goes inside it.
useFreshScanCache(async () => work)
afterEach(async () => {
  session?.close()
  session = null
  // Retried: the scan cache may still be writing what the last reading learnt.
  await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })
})

async function storeAt(dir: string, ids: readonly string[]): Promise<string> {
  await mkdir(dir, { recursive: true })
  for (const id of ids) await writeStream(dir, id)
  return dir
}

function writeStream(dir: string, id: string): Promise<void> {
  return writeFile(join(dir, `${id}.events.jsonl`), `${JSON.stringify({ event_type: 'Opened', id })}\n`)
}

async function rowIds(opened: ExplorerSession): Promise<string[]> {
  await opened.whenReconciled()
  return opened.aggregates().map((row) => row.id)
}

describe('a folder listed ahead of its opening', () => {
  it('given a listing ahead of one folder, when another is opened, then its rows are the other folder’s', async () => {
    const first = await storeAt(join(work, 'first'), ['a'])
    const second = await storeAt(join(work, 'second'), ['b', 'c'])
    session = new ExplorerSession({})

    await session.listAhead(first)
    await session.open(second)

    expect(await rowIds(session)).toEqual(['b', 'c'])
  })

  it('given a folder replaced at its path after the listing ahead, when the path is opened, then the rows are the new folder’s', async () => {
    const path = await storeAt(join(work, 'store'), ['old-1', 'old-2'])
    session = new ExplorerSession({})

    await session.listAhead(path)
    await rename(path, join(work, 'store-before'))
    await storeAt(path, ['new'])
    await session.open(path)

    expect(await rowIds(session)).toEqual(['new'])
  })

  it('given a listing ahead that failed (nothing there yet), when the folder exists at the opening, then it is listed then', async () => {
    const path = join(work, 'later')
    session = new ExplorerSession({})

    await session.listAhead(path)
    await storeAt(path, ['x'])
    await session.open(path)

    expect(await rowIds(session)).toEqual(['x'])
  })

  it('given a listing ahead, when the session closes before opening, then the next opening of that path lists it afresh', async () => {
    const path = await storeAt(join(work, 'store'), ['a'])
    session = new ExplorerSession({})

    await session.listAhead(path)
    session.close()
    await writeStream(path, 'b')
    await session.open(path)

    expect(await rowIds(session)).toEqual(['a', 'b'])
  })

  it('given a stream written after the listing ahead, when the store is opened and followed, then it becomes a row', async () => {
    const path = await storeAt(join(work, 'store'), ['a'])
    const pushes: { event: PushEvent; payload: unknown }[] = []
    session = new ExplorerSession({
      watch: true,
      onEvent: (event, payload) => pushes.push({ event, payload }),
    })

    await session.listAhead(path)
    await writeStream(path, 'b')
    await session.open(path)
    const opened = session
    await expect.poll(() => opened.aggregates().map((row) => row.id), { timeout: 10_000 }).toEqual(['a', 'b'])
  })

  it('given a stream written after the listing ahead and settled (over 2 s old) when the watch starts, when the store is opened and followed, then it still becomes a row', async () => {
    const path = await storeAt(join(work, 'store'), ['a'])
    session = new ExplorerSession({ watch: true })

    await session.listAhead(path)
    await writeStream(path, 'b')
    // Past the watcher's settle time: its first look sees the folder as settled, so only a comparison
    // with the folder as listed can tell that it moved.
    await new Promise((resolve) => setTimeout(resolve, 2_300))
    await session.open(path)
    const opened = session

    await expect.poll(() => opened.aggregates().map((row) => row.id), { timeout: 10_000 }).toEqual(['a', 'b'])
  })

  it('given a store the scan cache keeps a snapshot of, then nothing is listed ahead; a store never seen is', async () => {
    const seen = await storeAt(join(work, 'seen'), ['a', 'b'])
    const unseen = await storeAt(join(work, 'unseen'), ['c'])
    const store = await OpenStore.open(seen)
    await store.whenReconciled()
    expect(await store.snapshotWritten).toBe(true)
    store.close()

    expect(await listingAhead(seen)).toBeNull()
    expect((await listingAhead(unseen))?.names).toEqual(['c.events.jsonl'])
  })
})
