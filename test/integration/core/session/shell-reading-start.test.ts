// An app's session (a shell: it watches) opens a big store page first: what is read behind the first
// rows (index.json when it is big, then every stream) waits for the page's next window or the
// reconciler's delay of a second, so the page draws its rows with the cores to itself. Nothing the
// session does when it opens (keeping its stream threads warm for later) may start it sooner.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { indexBehindBytes } from '../../../../electron/core/store/store-opening'
import { configureWorkers } from '../../../../electron/core/worker/worker-settings'
import { coolWorkers } from '../../../../electron/core/worker/warm-workers'
import { dailyEvents, writeStream } from '../../../support/store-files'
import { useFreshScanCache } from '../../../support/fresh-scan-cache'
import { useTempDirs } from '../../../support/temp-dir'
import { until } from '../../../support/until'

const tempDir = useTempDirs()
useFreshScanCache(tempDir)

let session: ExplorerSession | null = null
afterEach(async () => {
  session?.close()
  session = null
  configureWorkers({})
  await coolWorkers()
})

describe("a shell's big store, read behind its first rows", () => {
  it('given a shell session, when it opens a big store, then its index is still unread a moment later, and read once the page asks a window', async () => {
    // Three streams count as big here; read in-process.
    configureWorkers({ file: null, minStreams: 3 })
    const dir = await tempDir()
    for (const id of ['a', 'b', 'c']) await writeStream(dir, id, dailyEvents(id, 2))
    const index = JSON.stringify({ aggregates: {}, total_events: 6 })
    await writeFile(join(dir, 'index.json'), index + ' '.repeat(indexBehindBytes))
    session = new ExplorerSession({ watch: true })

    await session.open(dir)
    // The opening's own first rows, as store.open serves them with its answer.
    session
      .opened()
      .aggregatesWindow({ offset: 0, limit: 50, sort: { column: 'id', direction: 'asc' }, filter: '' })
    // Well under the reconciler's delay of a second; long enough to read a 1 MiB index had it started.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(session.summary().index).toBe('reading')

    session
      .opened()
      .aggregatesWindow({ offset: 0, limit: 50, sort: { column: 'status', direction: 'asc' }, filter: '' })
    await until(() => session?.summary().index === 'ok', 'the index read once the page asked again')
  })
})
