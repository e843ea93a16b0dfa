// Appends reuse index.json and stream state cached in memory; these tests change the files behind the
// cache's back between two appends, as another program would, and check nothing of theirs is lost.

import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pythonJsonDumps } from '../../../../electron/core/gen/python-json'
import { appendEvent } from '../../../../electron/core/write/append'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-append-cache-')
const hasPython = spawnSync('python3', ['--version']).status === 0

const indexText = (dir: string): string => readFileSync(join(dir, 'index.json'), 'utf8')
const index = (dir: string) => JSON.parse(indexText(dir))
const append = (dir: string, aggregateId: string, n = 0, nowMicros?: number) =>
  appendEvent({
    dir,
    aggregateId,
    eventType: 'Noted',
    payload: { n },
    ...(nowMicros === undefined ? {} : { nowMicros }),
  })

/** A store with a few aggregates, written through appendEvent so the cache is warm. */
async function warmStore(): Promise<string> {
  const dir = await tempDir()
  writeFileSync(join(dir, 'index.json'), '{"aggregates": {}, "total_events": 0}')
  for (const id of ['a', 'b', 'c']) await append(dir, id)
  await append(dir, 'a', 1)
  return dir
}

describe('given appends with a warm cache', () => {
  it('when another writer rewrites index.json in place between two appends, with the same size and mtime, then its change is kept and counted', async () => {
    const dir = await warmStore()
    const file = join(dir, 'index.json')
    // A whole-second mtime survives utimes exactly; a retry (which writes nothing) caches the index with it.
    utimesSync(file, 1_700_000_000, 1_700_000_000)
    const last = readFileSync(join(dir, 'a.events.jsonl'), 'utf8').trimEnd().split('\n').at(-1) as string
    const eventId = JSON.parse(last).event_id as string
    await expect(
      appendEvent({ dir, aggregateId: 'a', eventType: 'Noted', payload: {}, eventId }),
    ).resolves.toMatchObject({ duplicate: true })
    const before = statSync(file)
    // The seed's writer: same inode, and here the same size and mtime, as within one tick of the file clock.
    const foreign = index(dir)
    foreign.aggregates.b.event_count = 7
    foreign.total_events = 9
    const text = pythonJsonDumps(foreign, { indent: 2 })
    expect(text.length).toBe(before.size)
    writeFileSync(file, text)
    utimesSync(file, 1_700_000_000, 1_700_000_000)
    expect(statSync(file)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs, ino: before.ino })

    await append(dir, 'c', 2)
    expect(index(dir)).toMatchObject({
      aggregates: { a: { event_count: 2 }, b: { event_count: 7 }, c: { event_count: 2 } },
      total_events: 10,
    })
  })

  it('when another writer adds an entry and a key to index.json between two appends, then both stay and the total moves from theirs', async () => {
    const dir = await warmStore()
    const foreign = index(dir)
    foreign.aggregates.zed = { event_count: 5, last_event_at: 'then', note: 'theirs' }
    foreign.total_events += 5
    foreign.owner = 'ops'
    const theirs = JSON.stringify(foreign)
    writeFileSync(join(dir, 'index.json'), theirs)
    await append(dir, 'a', 2)
    const after = index(dir)
    expect(after.aggregates.zed).toEqual({ event_count: 5, last_event_at: 'then', note: 'theirs' })
    expect(after).toMatchObject({ owner: 'ops', total_events: 10, aggregates: { a: { event_count: 3 } } })
    // Edited in place: their compact text stays theirs, but for our entry's values and the total.
    const a = foreign.aggregates.a as { event_count: number; last_event_at: string }
    expect(indexText(dir)).toBe(
      theirs
        .replace(`"event_count":${a.event_count},`, '"event_count":3,')
        .replace(
          `"last_event_at":${JSON.stringify(a.last_event_at)}`,
          `"last_event_at":${JSON.stringify(after.aggregates.a.last_event_at)}`,
        )
        .replace(`"total_events":${foreign.total_events}`, '"total_events":10'),
    )
  })

  it('when another writer appends to a stream between two appends, then the next version counts its event', async () => {
    const dir = await warmStore()
    appendFileSync(
      join(dir, 'a.events.jsonl'),
      '{"event_id": "x1", "event_type": "Theirs", "aggregate_id": "a"}\n',
    )
    const result = await append(dir, 'a', 2)
    expect(result.version).toBe(4)
    expect(index(dir).aggregates.a.event_count).toBe(4)
    // And a retry of their event id is recognized as the last event, then ours is.
    await expect(
      appendEvent({
        dir,
        aggregateId: 'a',
        eventType: 'T',
        payload: {},
        eventId: result.event.event_id as string,
      }),
    ).resolves.toMatchObject({ duplicate: true, version: 4 })
  })

  it('when another writer grows a big stream (extended, not rescanned) and leaves a torn line, then versions and line ends stay right', async () => {
    const dir = await tempDir()
    writeFileSync(join(dir, 'index.json'), '{"aggregates": {}, "total_events": 0}')
    const line = (i: number): string =>
      `{"event_id": "e${i}", "event_type": "Old", "aggregate_id": "big", "pad": "${'x'.repeat(200)}"}\n`
    writeFileSync(join(dir, 'big.events.jsonl'), Array.from({ length: 2000 }, (_, i) => line(i)).join(''))
    expect((await append(dir, 'big')).version).toBe(2001)
    appendFileSync(join(dir, 'big.events.jsonl'), line(9000) + line(9001))
    expect((await append(dir, 'big')).version).toBe(2004)
    appendFileSync(join(dir, 'big.events.jsonl'), '{"event_id": "torn", "event_ty')
    const last = await append(dir, 'big', 5)
    expect(last.version).toBe(2005)
    const lines = readFileSync(join(dir, 'big.events.jsonl'), 'utf8').split('\n')
    expect(lines.at(-2)).toBe(last.line)
    expect(lines.at(-3)).toBe('{"event_id": "torn", "event_ty')
    expect(index(dir)).toMatchObject({ aggregates: { big: { event_count: 2005 } }, total_events: 2005 })
  })

  it('when a stream is replaced by a shorter one, then it is read again from the start', async () => {
    const dir = await warmStore()
    writeFileSync(join(dir, 'a.events.jsonl'), '{"event_type": "Only"}\n')
    expect((await append(dir, 'a', 9)).version).toBe(2)
  })

  it('when index.json is removed between two appends, then it is rebuilt from every stream', async () => {
    const dir = await warmStore()
    writeFileSync(join(dir, 'index.json'), '')
    await expect(append(dir, 'a')).rejects.toThrow(/unreadable/)
    execFileSync('rm', [join(dir, 'index.json')])
    await append(dir, 'b', 1)
    expect(index(dir)).toMatchObject({
      aggregates: { a: { event_count: 2 }, b: { event_count: 2 }, c: { event_count: 1 } },
      total_events: 5,
    })
  })
})

describe.skipIf(!hasPython)('given the seed’s Python writer', () => {
  it('when it and eventscope append the same events to copies of a store, then index.json is the same bytes', async () => {
    const ours = await warmStore()
    const theirs = join(await tempDir(), 'copy')
    cpSync(ours, theirs, { recursive: true })
    const times = [1_767_225_600_000_000, 1_767_225_601_500_000, 1_767_225_602_000_001]
    const ids = ['b', 'new', '42']
    for (let i = 0; i < ids.length; i++) await append(ours, ids[i] as string, i, times[i])
    const occurred = ids.map((_, i) => new Date((times[i] as number) / 1000).toISOString())
    const script = `
import json, sys
from datetime import datetime, timezone
d = sys.argv[1]
for agg_id, micros in zip(${JSON.stringify(ids)}, ${JSON.stringify(times)}):
    at = datetime.fromtimestamp(micros // 1000000, timezone.utc).replace(microsecond=micros % 1000000)
    with open(d + "/index.json") as f:
        index = json.load(f)
    if agg_id not in index["aggregates"]:
        index["aggregates"][agg_id] = {"event_count": 0, "last_event_at": None}
    index["aggregates"][agg_id]["event_count"] += 1
    index["aggregates"][agg_id]["last_event_at"] = at.isoformat()
    index["total_events"] += 1
    with open(d + "/index.json", "w") as f:
        json.dump(index, f, indent=2)
`
    execFileSync('python3', ['-c', script, theirs])
    expect(occurred).toHaveLength(3)
    expect(indexText(ours)).toBe(readFileSync(join(theirs, 'index.json'), 'utf8'))
  })
})
