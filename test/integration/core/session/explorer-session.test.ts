import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PushEvent } from '../../../../shared/channels'
import { events as eventSchemas, type StoreSummary } from '../../../../shared/contract'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { checkpointEvents } from '../../../../electron/core/replay/checkpoints'
import { naiveStates } from '../../../support/naive-replay'
import { fingerprintDir, jsonLines, writeIndex, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

const ev = (n: number, payload: Record<string, unknown>) => ({
  event_type: 'CartChanged',
  event_id: `e${n}`,
  aggregate_id: 'c1',
  occurred_at: `2026-03-01T09:00:00.${String(n).padStart(6, '0')}`,
  ...payload,
})

async function storeWithCart(lines: string): Promise<string> {
  const dir = await tempDir()
  await writeStream(dir, 'c1', lines)
  await writeStream(dir, 'u1', jsonLines([{ event_type: 'UserRegistered', aggregate_id: 'u1', name: 'ada' }]))
  return dir
}

function recordingSession(): { session: ExplorerSession; pushed: { event: PushEvent; payload: unknown }[] } {
  const pushed: { event: PushEvent; payload: unknown }[] = []
  return {
    session: new ExplorerSession({ onEvent: (event, payload) => pushed.push({ event, payload }) }),
    pushed,
  }
}

describe('ExplorerSession', () => {
  it('given no store, when anything but open is asked, then a no_store error says to open one', async () => {
    const session = new ExplorerSession()

    expect(() => session.summary()).toThrow(expect.objectContaining({ code: 'no_store' }))
    await expect(session.streamOpen('c1')).rejects.toMatchObject({ code: 'no_store' })
  })

  it('given a path that does not exist or is a file, when opened, then not_found or invalid_input is raised', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'plain.txt'), 'x')
    const session = new ExplorerSession()

    await expect(session.open(join(dir, 'nope'))).rejects.toMatchObject({ code: 'not_found' })
    await expect(session.open(join(dir, 'plain.txt'))).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('given a store, when opened, then onStoreChanged is pushed once reconciliation is done, with a summary the contract accepts', async () => {
    const dir = await storeWithCart(jsonLines([ev(1, { a: 1 })]))
    const { session, pushed } = recordingSession()

    const opened = await session.open(dir)
    const reconciled = await session.whenReconciled()
    await new Promise((resolve) => setImmediate(resolve))

    expect(opened.dir).toBe(dir)
    const changed = pushed.filter((push) => push.event === 'onStoreChanged')
    expect(changed).toHaveLength(1)
    expect(eventSchemas.onStoreChanged.parse(changed[0]?.payload).summary).toEqual(reconciled)
    expect(reconciled).toMatchObject({ reconciled: true, aggregates: 2, events: 2 })
    expect(pushed.filter((push) => push.event === 'onProgress').map((push) => push.payload)).toEqual([
      { taskId: 'store.open', task: 'Reading streams', done: 2, total: 2 },
    ])
  })

  it('given an open stream with bad lines, when the timeline is read in windows at every offset, then each window is a slice of the whole', async () => {
    const lines = [
      JSON.stringify(ev(1, { a: 1 })),
      'bad',
      JSON.stringify(ev(2, { b: 2 })),
      '[]',
      '',
      JSON.stringify(ev(3, { a: null })),
      '{"tor',
    ].join('\n')
    const session = new ExplorerSession()
    await session.open(await storeWithCart(lines))

    const info = await session.streamOpen('c1')
    const whole = await session.streamWindow({ aggregateId: 'c1', offset: 0, limit: 1000 })

    expect(info).toMatchObject({
      aggregateId: 'c1',
      eventCount: 3,
      rowCount: 7,
      problemCount: 4,
      type: 'Cart',
    })
    expect(whole.rows.map((row) => (row.kind === 'problem' ? row.problem.kind : `v${row.version}`))).toEqual([
      'v1',
      'bad_line',
      'v2',
      'not_object',
      'blank_line',
      'v3',
      'torn_tail',
    ])
    for (let offset = 0; offset <= info.rowCount; offset++) {
      for (let limit = 1; limit <= info.rowCount; limit++) {
        const window = await session.streamWindow({ aggregateId: 'c1', offset, limit })
        expect(window.rows).toEqual(whole.rows.slice(offset, offset + limit))
        expect(window.rowCount).toBe(info.rowCount)
      }
    }
  })

  it('given an open stream, when events are fetched, then versions skip bad lines and missing versions are not_found', async () => {
    const session = new ExplorerSession()
    await session.open(
      await storeWithCart(
        [JSON.stringify(ev(1, { a: 1 })), 'bad', JSON.stringify(ev(2, { b: 2 }))].join('\n'),
      ),
    )

    const second = await session.eventGet({ aggregateId: 'c1', version: 2 })

    expect(second).toMatchObject({ version: 2, line: 3, id: 'e2', payload: { b: 2 } })
    await expect(session.eventGet({ aggregateId: 'c1', version: 3 })).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(session.eventGet({ aggregateId: 'c1', version: 0 })).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(session.streamOpen('nobody')).rejects.toMatchObject({ code: 'not_found' })
    expect((await session.eventsRange('c1', 1, 10)).map((event) => event.version)).toEqual([2])
  })

  it('given a long stream, when states are asked in a random order (reusing the last state), then each equals a naive replay', async () => {
    const payloads = Array.from({ length: 2 * checkpointEvents + 77 }, (_, i) => ({
      [`k${i % 13}`]: i % 5 === 0 ? null : { n: i, list: [i] },
      last: i,
    }))
    const session = new ExplorerSession()
    await session.open(await storeWithCart(jsonLines(payloads.map((payload, i) => ev(i + 1, payload)))))
    const states = naiveStates(payloads)
    let seed = 12345
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % (payloads.length + 1)

    for (let i = 0; i < 300; i++) {
      const version = i % 3 === 0 ? next() : Math.min(payloads.length, (i * 37) % (payloads.length + 1))
      const result = await session.stateAt({ aggregateId: 'c1', version })
      expect(result.state, `version ${version}`).toEqual(states[version])
      expect(result).toMatchObject({ aggregateId: 'c1', version, eventCount: payloads.length })
    }
    for (let version = payloads.length; version >= payloads.length - 40; version--) {
      expect((await session.stateAt({ aggregateId: 'c1', version })).state).toEqual(states[version])
    }
  })

  it('given an opened stream that grows, when read again, then the new events are seen and the row is updated', async () => {
    const dir = await storeWithCart(jsonLines([ev(1, { a: 1 })]))
    const session = new ExplorerSession()
    await session.open(dir)
    await session.whenReconciled()
    await session.streamOpen('c1')
    const before = await session.stateAt({ aggregateId: 'c1', version: 1 })

    await appendFile(join(dir, 'c1.events.jsonl'), jsonLines([ev(2, { b: 2 }), ev(3, { a: null })]))
    const info = await session.streamOpen('c1')
    const state = await session.stateAt({ aggregateId: 'c1', version: 3 })

    expect(before.state).toEqual({ a: 1 })
    expect(info.eventCount).toBe(3)
    expect(state).toMatchObject({
      version: 3,
      eventCount: 3,
      state: { b: 2 },
      changes: [{ path: ['a'], kind: 'removed', before: 1 }],
    })
    expect(session.aggregates().find((row) => row.id === 'c1')?.eventCount).toBe(3)
    expect(session.summary().events).toBe(4)
  })

  it('given an opened stream whose file is rewritten shorter, when read again, then it is scanned afresh', async () => {
    const dir = await storeWithCart(jsonLines([ev(1, { a: 1 }), ev(2, { b: 2 })]))
    const session = new ExplorerSession()
    await session.open(dir)
    await session.streamOpen('c1')

    await writeFile(join(dir, 'c1.events.jsonl'), jsonLines([ev(1, { z: 1 })]))

    expect((await session.streamOpen('c1')).eventCount).toBe(1)
    expect((await session.stateAt({ aggregateId: 'c1', version: 5 })).state).toEqual({ z: 1 })
  })

  it('given aggregates, when windowed by the session, then sorting and filtering are applied', async () => {
    const session = new ExplorerSession()
    await session.open(await storeWithCart(jsonLines([ev(1, { a: 1 }), ev(2, { a: 2 })])))
    await session.whenReconciled()

    const window = session.aggregatesWindow({
      offset: 0,
      limit: 10,
      sort: { column: 'eventCount', direction: 'desc' },
      filter: '',
    })
    const filtered = session.aggregatesWindow({
      offset: 0,
      limit: 10,
      sort: { column: 'id', direction: 'asc' },
      filter: 'user',
    })

    expect(window.rows.map((row) => [row.id, row.eventCount])).toEqual([
      ['c1', 2],
      ['u1', 1],
    ])
    expect(filtered.rows.map((row) => row.id)).toEqual(['u1'])
  })

  it('given a store, when opened, reconciled, and every stream read, state and event fetched, then no file changes', async () => {
    const dir = await storeWithCart(
      [JSON.stringify(ev(1, { a: 1 })), 'bad', JSON.stringify(ev(2, { b: 2 })), '{"torn'].join('\r\n'),
    )
    await writeIndex(dir, { c1: { event_count: 9, last_event_at: null } })
    const before = await fingerprintDir(dir)
    const session = new ExplorerSession()

    await session.open(dir)
    await session.whenReconciled()
    for (const id of ['c1', 'u1']) {
      await session.streamOpen(id)
      await session.streamWindow({ aggregateId: id, offset: 0, limit: 100 })
      await session.stateAt({ aggregateId: id, version: 1 })
      await session.eventGet({ aggregateId: id, version: 1 })
    }
    session.close()

    expect(await fingerprintDir(dir)).toEqual(before)
  })

  it('given a store is open, when another is opened, then the first is closed and late pushes from it are not sent', async () => {
    const first = await storeWithCart(jsonLines([ev(1, { a: 1 })]))
    const second = await storeWithCart(jsonLines([ev(1, { b: 1 })]))
    const { session, pushed } = recordingSession()

    await session.open(first)
    await session.open(second)
    // The first store was open until now: a push of its own before this (its reading may end first
    // on a busy machine) was not late.
    const replacedAt = pushed.length
    await session.whenReconciled()
    await new Promise((resolve) => setTimeout(resolve, 20))

    const dirs = pushed
      .slice(replacedAt)
      .filter((push) => push.event === 'onStoreChanged')
      .map((push) => (push.payload as { summary: StoreSummary }).summary.dir)
    expect(dirs).toEqual([second])
    expect(session.summary().dir).toBe(second)
  })
})
