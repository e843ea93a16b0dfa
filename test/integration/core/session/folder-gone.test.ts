// A followed store folder that goes away (moved, removed, its drive unplugged) is said at once, in the
// one line under the header a database's outage uses, and the line is cleared when the folder is back;
// before, nothing was said until the next question failed.

import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PushEvent } from '../../../../shared/channels'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { goneNotice } from '../../../../electron/core/session/directory-store'
import { until } from '../../../support/until'

let parent: string
let dir: string
let session: ExplorerSession
let notices: (string | null)[]

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'eventscope-gone-'))
  dir = join(parent, 'events')
  await mkdir(dir)
  await writeFile(join(dir, 'a.events.jsonl'), '{"event_type": "Opened", "n": 1}\n')
  notices = []
  session = new ExplorerSession({
    watch: true,
    onEvent: (event: PushEvent, payload) => {
      if (event === 'onStoreNotice') notices.push((payload as { message: string | null }).message)
    },
  })
  await session.open(dir)
  await session.whenReconciled()
})
afterEach(async () => {
  session.close()
  await rm(parent, { recursive: true, force: true })
})

describe('a followed folder that goes away', () => {
  it('given an open store, when its folder is moved away and back, then one notice says so and is cleared', async () => {
    await rename(dir, join(parent, 'moved'))
    await until(() => notices.length === 1, 'the notice that the folder is gone')
    expect(notices).toEqual([goneNotice(dir)])
    expect(goneNotice(dir)).toMatch(
      /^Following paused: .+ is gone \(moved or removed\); watching for it to come back\.$/,
    )

    await rename(join(parent, 'moved'), dir)
    await until(() => notices.length === 2, 'the notice cleared')
    expect(notices).toEqual([goneNotice(dir), null])
  })

  it('given an open store, when nothing happens to its folder, then no notice is sent', async () => {
    await writeFile(join(dir, 'b.events.jsonl'), '{"event_type": "Opened"}\n')
    await until(() => session.aggregates().length === 2, 'the new stream taken in')
    expect(notices).toEqual([])
  })
})
