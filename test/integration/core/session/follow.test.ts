import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PushEvent } from '../../../../shared/channels'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'

let dir: string
let session: ExplorerSession
let pushes: { event: PushEvent; payload: { aggregateIds?: string[] } }[]

/** Wait until a change push names the aggregate (the watcher settles within ~60 ms, the poll within 1 s). */
async function changeOf(aggregateId: string, timeoutMs = 3000): Promise<void> {
  const start = Date.now()
  while (Date.now() - start < timeoutMs) {
    if (
      pushes.some(
        (push) => push.event === 'onStoreChanged' && push.payload.aggregateIds?.includes(aggregateId),
      )
    )
      return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`no onStoreChanged for ${aggregateId} within ${timeoutMs} ms`)
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventscope-follow-'))
  await writeFile(join(dir, 'a.events.jsonl'), '{"event_type": "Opened", "n": 1}\n')
  pushes = []
  session = new ExplorerSession({
    watch: true,
    onEvent: (event, payload) => pushes.push({ event, payload: payload as { aggregateIds?: string[] } }),
  })
  await session.open(dir)
  await session.whenReconciled()
})
afterEach(async () => {
  session.close()
  await rm(dir, { recursive: true, force: true })
})

describe('following a store another program writes', () => {
  it('given an opened stream, when a line is appended, then the stream and its row grow and the state follows', async () => {
    expect((await session.streamOpen('a')).eventCount).toBe(1)
    await appendFile(join(dir, 'a.events.jsonl'), '{"event_type": "Changed", "n": 2}\n')
    await changeOf('a')
    expect((await session.streamOpen('a')).eventCount).toBe(2)
    expect((await session.stateAt({ aggregateId: 'a', version: 2 })).state).toEqual({ n: 2 })
    expect(session.aggregates().find((row) => row.id === 'a')?.eventCount).toBe(2)
  })

  it('given a line written in two parts, when the first part lands, then it is a pending tail, and once complete an event', async () => {
    await session.streamOpen('a')
    await appendFile(join(dir, 'a.events.jsonl'), '{"event_type": "Changed", "n"')
    await changeOf('a')
    const pending = await session.streamOpen('a')
    expect(pending.eventCount).toBe(1)
    expect(pending.problems.map((row) => row.problem.kind)).toEqual(['torn_tail'])
    pushes = []
    await appendFile(join(dir, 'a.events.jsonl'), ': 3}\n')
    await changeOf('a')
    const complete = await session.streamOpen('a')
    expect(complete.eventCount).toBe(2)
    expect(complete.problems).toEqual([])
    expect((await session.stateAt({ aggregateId: 'a', version: 2 })).state).toEqual({ n: 3 })
  })

  it('given a new stream file, when it appears, then it becomes a new row', async () => {
    await writeFile(join(dir, 'b.events.jsonl'), '{"event_type": "Opened"}\n')
    await changeOf('b')
    expect(session.aggregates().map((row) => [row.id, row.eventCount])).toEqual([
      ['a', 1],
      ['b', 1],
    ])
  })

  it('given an opened stream, when the file is replaced by a shorter one, then it is read again, not served stale', async () => {
    await session.streamOpen('a')
    await writeFile(join(dir, 'a.events.jsonl.tmp'), '{"event_type": "X", "n": 9}\n')
    const { rename } = await import('node:fs/promises')
    await rename(join(dir, 'a.events.jsonl.tmp'), join(dir, 'a.events.jsonl'))
    await changeOf('a')
    expect((await session.stateAt({ aggregateId: 'a', version: 1 })).state).toEqual({ n: 9 })
  })
})
