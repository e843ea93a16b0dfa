import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pythonJsonDumps } from '../../../../electron/core/gen/python-json'
import { appendEvent, appendEvents, type BatchRequest } from '../../../../electron/core/write/append'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-append-batch-')

const events = (dir: string, id: string) =>
  readFileSync(join(dir, `${id}.events.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
const indexText = (dir: string) => readFileSync(join(dir, 'index.json'), 'utf8')
const ev = (aggregateId: string, n: number, extra: Partial<BatchRequest> = {}): BatchRequest => ({
  aggregateId,
  eventType: 'Noted',
  payload: { n },
  ...extra,
})

async function store(): Promise<string> {
  const dir = await tempDir()
  writeFileSync(join(dir, 'index.json'), '{"aggregates": {}, "total_events": 0}')
  await appendEvent({ dir, ...ev('a', 0) })
  return dir
}

describe('appendEvents', () => {
  it('given expected versions within a batch, when appended, then each sees the events before it in the batch', async () => {
    const dir = await store()
    const { results, refused } = await appendEvents(dir, [
      ev('a', 1, { expectedVersion: 1 }),
      ev('b', 1, { expectedVersion: 0 }),
      ev('a', 2, { expectedVersion: 2 }),
      ev('b', 2, { expectedVersion: 1 }),
      ev('a', 3),
    ])
    expect(refused).toBeNull()
    expect(results.map((r) => `${r.aggregateId}@${r.version}`)).toEqual(['a@2', 'b@1', 'a@3', 'b@2', 'a@4'])
    expect(events(dir, 'a').map((e) => e.n)).toEqual([0, 1, 2, 3])
    expect(events(dir, 'b').map((e) => e.n)).toEqual([1, 2])
    const index = JSON.parse(indexText(dir))
    expect(index).toMatchObject({
      aggregates: { a: { event_count: 4 }, b: { event_count: 2 } },
      total_events: 6,
    })
    expect(index.aggregates.a.last_event_at).toBe(events(dir, 'a')[3].occurred_at)
    expect(indexText(dir)).toBe(pythonJsonDumps(index, { indent: 2 }))
  })

  it('given the same event id twice in a row, when appended, then the second is a duplicate and written once', async () => {
    const dir = await store()
    const { results } = await appendEvents(dir, [
      ev('a', 1, { eventId: 'e1', expectedVersion: 1 }),
      ev('a', 1, { eventId: 'e1', expectedVersion: 1 }),
      ev('a', 2, { eventId: 'e2' }),
    ])
    expect(results.map((r) => [r.version, r.duplicate])).toEqual([
      [2, false],
      [2, true],
      [3, false],
    ])
    expect(
      events(dir, 'a')
        .map((e) => e.event_id)
        .slice(1),
    ).toEqual(['e1', 'e2'])
    expect(JSON.parse(indexText(dir)).total_events).toBe(3)
  })

  it.each([
    [
      'a version conflict',
      ev('a', 9, { expectedVersion: 0 }),
      'version_conflict',
      /expected version 0, stream is at 2/,
    ],
    ['an unsafe aggregate id', ev('../x', 9), 'invalid_input', /path separator/],
    ['a payload that is not an object', { ...ev('a', 9), payload: [1] }, 'invalid_input', /JSON object/],
    [
      'a payload field named like the envelope',
      { ...ev('a', 9), payload: { event_id: 1 } },
      'invalid_input',
      /collides/,
    ],
  ])(
    'given %s in the middle, when appended, then the events before it are written and indexed, and none after',
    async (_, bad, code, message) => {
      const dir = await store()
      const { results, refused } = await appendEvents(dir, [
        ev('a', 1),
        ev('new', 1),
        bad as BatchRequest,
        ev('a', 3),
        ev('later', 1),
      ])
      expect(results).toHaveLength(2)
      expect(refused?.at).toBe(2)
      expect(refused?.error).toMatchObject({ code })
      expect(refused?.error.message).toMatch(message)
      expect(events(dir, 'a').map((e) => e.n)).toEqual([0, 1])
      expect(events(dir, 'new')).toHaveLength(1)
      expect(() => readFileSync(join(dir, 'later.events.jsonl'))).toThrow()
      expect(JSON.parse(indexText(dir))).toEqual({
        aggregates: {
          a: { event_count: 2, last_event_at: expect.any(String) },
          new: { event_count: 1, last_event_at: expect.any(String) },
        },
        total_events: 3,
      })
    },
  )

  it('given a refusal as the first event, when appended, then nothing at all is written', async () => {
    const dir = await store()
    const before = indexText(dir)
    const { results, refused } = await appendEvents(dir, [ev('a', 1, { expectedVersion: 5 }), ev('a', 2)])
    expect(results).toEqual([])
    expect(refused?.at).toBe(0)
    expect(events(dir, 'a')).toHaveLength(1)
    expect(indexText(dir)).toBe(before)
  })

  it('given many new aggregates in one batch, when appended, then their entries follow in the order of their first events', async () => {
    const dir = await store()
    const ids = Array.from({ length: 50 }, (_, i) => `agg-${(i * 37) % 50}`)
    await appendEvents(dir, [...ids.map((id, i) => ev(id, i)), ...ids.map((id, i) => ev(id, 100 + i))])
    const index = JSON.parse(indexText(dir))
    expect(Object.keys(index.aggregates)).toEqual(['a', ...ids])
    expect(index.total_events).toBe(101)
    expect(
      Object.values(index.aggregates).map((entry) => (entry as { event_count: number }).event_count),
    ).toEqual([1, ...ids.map(() => 2)])
  })
})
