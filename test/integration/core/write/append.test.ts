import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendEvent } from '../../../../electron/core/write/append'
import { initStore } from '../../../../electron/core/write/init-store'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventscope-append-'))
  // An empty store as `eventscope init` makes it: appending never creates one.
  await initStore(dir)
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const lines = async (id: string) =>
  (await readFile(join(dir, `${id}.events.jsonl`), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
const index = async () => JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))

describe('appendEvent', () => {
  it("given a stream whose last event is ahead of this process's clock by less than a second (another writer's clock), when an event is appended, then its time is not before it; a last event years ahead is a wrong clock and is not followed", async () => {
    const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '000+00:00')
    const ahead = iso(Date.now() + 800)
    await writeFile(
      join(dir, 'a1.events.jsonl'),
      `${JSON.stringify({ event_type: 'Ticked', occurred_at: ahead })}\n`,
    )
    await appendEvent({ dir, aggregateId: 'a1', eventType: 'Ticked', payload: {} })
    const [, next] = await lines('a1')
    expect(Date.parse(next.occurred_at)).toBeGreaterThanOrEqual(Date.parse(ahead))

    await writeFile(
      join(dir, 'a2.events.jsonl'),
      `${JSON.stringify({ event_type: 'Ticked', occurred_at: '2099-01-01T00:00:00.000000+00:00' })}\n`,
    )
    const before = Date.now()
    await appendEvent({ dir, aggregateId: 'a2', eventType: 'Ticked', payload: {} })
    const [, after] = await lines('a2')
    expect(Date.parse(after.occurred_at)).toBeGreaterThanOrEqual(before - 5)
    expect(Date.parse(after.occurred_at)).toBeLessThan(Date.parse('2099-01-01T00:00:00Z'))
  })

  it('given an empty store, when an event is appended, then it is written in the seed style and indexed', async () => {
    const result = await appendEvent({
      dir,
      aggregateId: 'a1',
      eventType: 'UserRegisteredEvent',
      payload: { username: 'zoë' },
      nowMicros: 1_767_225_600_123_456,
    })
    expect(result).toMatchObject({ aggregateId: 'a1', version: 1, duplicate: false })
    const [event] = await lines('a1')
    expect(Object.keys(event)).toEqual(['event_id', 'event_type', 'aggregate_id', 'occurred_at', 'username'])
    expect(event).toMatchObject({
      event_type: 'UserRegisteredEvent',
      aggregate_id: 'a1',
      occurred_at: '2026-01-01T00:00:00.123456+00:00',
      username: 'zoë',
    })
    expect(event.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(await index()).toEqual({
      aggregates: { a1: { event_count: 1, last_event_at: event.occurred_at } },
      total_events: 1,
    })
  })

  it('given a wrong expected version, when appended, then nothing is written and the message names both versions', async () => {
    await appendEvent({ dir, aggregateId: 'a1', eventType: 'T', payload: { n: 1 } })
    const before = await readFile(join(dir, 'a1.events.jsonl'))
    const indexBefore = await readFile(join(dir, 'index.json'))
    await expect(
      appendEvent({ dir, aggregateId: 'a1', eventType: 'T', payload: { n: 2 }, expectedVersion: 0 }),
    ).rejects.toMatchObject({
      code: 'version_conflict',
      message: 'expected version 0, stream is at 1',
    })
    expect(await readFile(join(dir, 'a1.events.jsonl'))).toEqual(before)
    expect(await readFile(join(dir, 'index.json'))).toEqual(indexBefore)
  })

  it('given the id of the last event, when sent again, then it is a no-op that says so', async () => {
    await appendEvent({ dir, aggregateId: 'a1', eventType: 'T', payload: { n: 1 }, eventId: 'same' })
    const again = await appendEvent({
      dir,
      aggregateId: 'a1',
      eventType: 'T',
      payload: { n: 1 },
      eventId: 'same',
    })
    expect(again).toMatchObject({ version: 1, duplicate: true })
    expect(await lines('a1')).toHaveLength(1)
    expect((await index()).total_events).toBe(1)
  })

  it('given a retry of a successful append with the same id and expected version, when sent again, then it is a duplicate, not a conflict', async () => {
    await appendEvent({
      dir,
      aggregateId: 'a1',
      eventType: 'T',
      payload: { n: 1 },
      expectedVersion: 0,
      eventId: 'e1',
    })
    const again = await appendEvent({
      dir,
      aggregateId: 'a1',
      eventType: 'T',
      payload: { n: 1 },
      expectedVersion: 0,
      eventId: 'e1',
    })
    expect(again).toMatchObject({ version: 1, duplicate: true })
    await expect(
      appendEvent({
        dir,
        aggregateId: 'a1',
        eventType: 'T',
        payload: { n: 2 },
        expectedVersion: 0,
        eventId: 'e2',
      }),
    ).rejects.toMatchObject({ code: 'version_conflict' })
    expect(await lines('a1')).toHaveLength(1)
  })

  it('given an unreadable index.json, when appended, then it is refused before the stream is touched', async () => {
    await appendEvent({ dir, aggregateId: 'a1', eventType: 'T', payload: { n: 1 } })
    await writeFile(join(dir, 'index.json'), '{"aggregates": ')
    const before = await readFile(join(dir, 'a1.events.jsonl'))
    await expect(appendEvent({ dir, aggregateId: 'a1', eventType: 'T', payload: { n: 2 } })).rejects.toThrow(
      /index.json is unreadable.*nothing was written/,
    )
    expect(await readFile(join(dir, 'a1.events.jsonl'))).toEqual(before)
    await expect(appendEvent({ dir, aggregateId: 'b1', eventType: 'T', payload: {} })).rejects.toThrow(
      /unreadable/,
    )
    await expect(stat(join(dir, 'b1.events.jsonl'))).rejects.toThrow()
  })

  it('given index.json caught half-rewritten by another writer, when appended, then it is read again and the append lands', async () => {
    await appendEvent({ dir, aggregateId: 'a1', eventType: 'T', payload: { n: 1 } })
    const whole = await readFile(join(dir, 'index.json'), 'utf8')
    // What a read sees between the seed writer's truncate and its last byte.
    await writeFile(join(dir, 'index.json'), whole.slice(0, 20))
    const finished = delay(30).then(() => writeFile(join(dir, 'index.json'), whole))
    const result = await appendEvent({ dir, aggregateId: 'a1', eventType: 'T', payload: { n: 2 } })
    await finished
    expect(result.version).toBe(2)
    expect((await index()).aggregates.a1.event_count).toBe(2)
    expect((await lines('a1')).map((event) => event.n)).toEqual([1, 2])
  })

  it('given a stream whose last line has no newline, when appended, then a newline comes first so lines never glue', async () => {
    await writeFile(join(dir, 'a1.events.jsonl'), '{"event_type": "T", "n": 1}')
    await appendEvent({ dir, aggregateId: 'a1', eventType: 'T', payload: { n: 2 } })
    const text = await readFile(join(dir, 'a1.events.jsonl'), 'utf8')
    expect(text.split('\n')).toHaveLength(3)
    expect((await lines('a1')).map((event) => event.n)).toEqual([1, 2])
    expect((await index()).aggregates.a1.event_count).toBe(2)
  })

  it('given a store with data-style streams, when a new aggregate is appended, then it uses that style', async () => {
    await writeFile(
      join(dir, 'x.events.jsonl'),
      '{"id": "1", "type": "Opened", "aggregateId": "x", "timestamp": 1700000000000, "data": {"a": 1}}\n',
    )
    await appendEvent({ dir, aggregateId: 'y', eventType: 'Opened', payload: { a: 2 } })
    const [event] = await lines('y')
    expect(event).toMatchObject({ type: 'Opened', aggregateId: 'y', data: { a: 2 } })
    expect(event.event_type).toBeUndefined()
  })

  it('given a store without index.json, when appended, then the index is built from every stream', async () => {
    await rm(join(dir, 'index.json'))
    await writeFile(
      join(dir, 'old.events.jsonl'),
      '{"event_type": "T", "occurred_at": "2026-01-01T00:00:00+00:00"}\n{"event_type": "T"}\n',
    )
    await appendEvent({ dir, aggregateId: 'new', eventType: 'T', payload: {} })
    const built = await index()
    expect(built.aggregates.old.event_count).toBe(2)
    expect(built.aggregates.new.event_count).toBe(1)
    expect(built.total_events).toBe(3)
  })

  it('given 40 appends at once from one process, when they finish, then versions are 1..40 and the index counts 40', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendEvent({ dir, aggregateId: 'hot', eventType: 'T', payload: { i } }),
      ),
    )
    expect(results.map((result) => result.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    )
    expect(await lines('hot')).toHaveLength(40)
    expect(await index()).toMatchObject({ aggregates: { hot: { event_count: 40 } }, total_events: 40 })
  })

  it.each([
    [{ aggregateId: '../escape', eventType: 'T', payload: {} }, /not allowed: it contains a path separator/],
    [{ aggregateId: 'CON', eventType: 'T', payload: {} }, /Windows reserves/],
    [{ aggregateId: 'a', eventType: ' ', payload: {} }, /event type is empty/],
    [{ aggregateId: 'a', eventType: 'T', payload: [1] }, /payload must be a JSON object/],
    [{ aggregateId: 'a', eventType: 'T', payload: { occurred_at: 'x' } }, /collides with an envelope field/],
  ])(
    'given the bad request %j, when appended, then it is refused and nothing is written',
    async (request, message) => {
      await expect(appendEvent({ dir, ...request })).rejects.toThrow(message)
      expect((await readdir(dir)).filter((name) => !name.startsWith('.'))).toEqual(['index.json'])
    },
  )

  it('given a directory that does not exist, when appended, then it is refused and not created', async () => {
    const missing = join(dir, 'typo')
    await expect(
      appendEvent({ dir: missing, aggregateId: 'a', eventType: 'T', payload: {} }),
    ).rejects.toThrow(/No such store directory/)
    await expect(stat(missing)).rejects.toThrow()
  })

  it.each([
    ['a folder holding only a readme', ['README.md']],
    ['a folder holding only a CSV file', ['data.csv']],
    ['an empty folder', []],
  ])(
    'given %s, when appended to, then it is refused as holding no store and nothing is written',
    async (_what, files) => {
      const folder = await mkdtemp(join(tmpdir(), 'eventscope-not-a-store-'))
      try {
        for (const name of files) await writeFile(join(folder, name), 'x')
        await expect(
          appendEvent({ dir: folder, aggregateId: 'a1', eventType: 'X', payload: {} }),
        ).rejects.toMatchObject({
          code: 'not_found',
          message: expect.stringMatching(/holds no event store.*eventscope init/),
        })
        expect((await readdir(folder)).sort()).toEqual([...files].sort())
      } finally {
        await rm(folder, { recursive: true, force: true })
      }
    },
  )
})
