// copyStore over two in-memory sources: what a run copies, what a second run skips, where a stopped
// run goes on, what it refuses per stream, and the progress it reports.

import { describe, expect, it } from 'vitest'
import { copyStore, type CopyProgress } from '../../../../electron/core/source/copy-store'
import type {
  ImportRequest,
  Source,
  SourceEvent,
  StreamSummary,
} from '../../../../electron/core/source/source'
import { StoreError } from '../../../../electron/core/errors'

function event(streamId: string, version: number, id: string | null = `${streamId}-${version}`): SourceEvent {
  const payloadText = `{"n": ${version}}`
  return {
    streamId,
    version,
    globalPosition: null,
    type: 'Counted',
    id,
    occurredAt: '2026-01-01T00:00:00Z',
    payload: { n: version },
    metadata: null,
    raw: payloadText,
  }
}

/** A store in memory; `importEvents` checks the expected version as a real store does. */
function memorySource(streams: Record<string, SourceEvent[]>, writable = true): Source & { imports: number } {
  const summary = (id: string): StreamSummary | null => {
    const events = streams[id]
    return events === undefined ? null : { id, type: null, eventCount: events.length, lastEventAt: null }
  }
  const source = {
    kind: 'jsonl' as const,
    displayName: 'memory',
    capabilities: { append: false, watch: false, note: writable ? null : 'read-only here' },
    imports: 0,
    listStreams: async ({ limit, after }: { limit: number; after?: string }) => {
      const ids = Object.keys(streams)
        .sort()
        .filter((id) => after === undefined || id > after)
      const page = ids.slice(0, limit)
      return {
        streams: page.map((id) => summary(id) as StreamSummary),
        next: ids.length > limit ? (page.at(-1) ?? null) : null,
      }
    },
    stream: async (id: string) => summary(id),
    readEvents: async (id: string, from: number, limit: number) =>
      (streams[id] ?? []).slice(from, from + limit),
    async *streamEvents(id: string, from: number) {
      const events = (streams[id] ?? []).slice(from)
      for (let at = 0; at < events.length; at += 700) yield events.slice(at, at + 700)
    },
    stateAt: async () => {
      throw new Error('not used')
    },
    async *scan() {
      yield []
    },
    close: async () => undefined,
    ...(writable
      ? {
          importEvents: async (request: ImportRequest) => {
            source.imports++
            const held = (streams[request.streamId] ??= [])
            if (held.length !== request.expectedVersion) throw new StoreError('version_conflict', 'moved')
            if (request.streamId.includes('"'))
              throw new StoreError('invalid_input', 'Aggregate id not allowed')
            request.events.forEach((e) =>
              held.push({
                ...event(request.streamId, held.length + 1, e.id),
                type: e.type,
                raw: e.payloadText,
              }),
            )
            return { nextVersion: held.length }
          },
        }
      : {}),
  }
  return source
}

const range = (stream: string, n: number): SourceEvent[] =>
  Array.from({ length: n }, (_, i) => event(stream, i + 1))

describe('copyStore', () => {
  it('given a source that skips versions, when copied, then every row arrives in order, numbered from 1, and the stream is named as renumbered', async () => {
    // Versions 1-3 and 6 have no row (truncated, then one deleted); 4, 5, 7 and 8 do.
    const rows = [4, 5, 7, 8].map((version) => event('t-1', version))
    const from = memorySource({ 't-1': rows, 'u-1': range('u-1', 2) })
    const to = memorySource({})
    const result = await copyStore(from, to)
    expect(result).toMatchObject({ streams: 2, copied: 6, conflicts: [] })
    expect(result.renumbered).toEqual([
      {
        streamId: 't-1',
        note: '4 versions have no row in the source (the first: version 1); the copy numbers its 4 rows 1-4',
      },
    ])
    const copied = await to.readEvents('t-1', 0, 10)
    expect(copied.map((e) => [e.version, e.id])).toEqual(rows.map((row, i) => [i + 1, row.id]))
    // Run again, nothing is written, and it is said again.
    const again = await copyStore(from, to)
    expect(again).toMatchObject({ copied: 0, already: 6, renumbered: result.renumbered })
  })

  it('given an empty destination, when copied, then every event arrives in batches of 1,000 and progress grows to the total', async () => {
    const from = memorySource({ 'a-1': range('a-1', 2_500), 'b-1': range('b-1', 3) })
    const to = memorySource({})
    const seen: CopyProgress[] = []
    const result = await copyStore(from, to, { onProgress: (p) => seen.push(p) })
    expect(result).toEqual({ streams: 2, copied: 2_503, already: 0, conflicts: [], renumbered: [] })
    expect(to.imports).toBe(4)
    expect(seen.map((p) => p.copied)).toEqual([1_000, 2_000, 2_500, 2_500, 2_503, 2_503])
    expect(seen.at(-1)).toEqual({ streams: 2, copied: 2_503, already: 0 })
    const copied = await to.readEvents('a-1', 0, 3_000)
    expect(copied.map((e) => e.id)).toEqual(range('a-1', 2_500).map((e) => e.id))
  })

  it('given a copy that ran, when it runs again, then nothing is written and every event counts as already there', async () => {
    const from = memorySource({ 'a-1': range('a-1', 1_200) })
    const to = memorySource({})
    await copyStore(from, to)
    const imports = to.imports
    expect(await copyStore(from, to)).toEqual({
      streams: 1,
      copied: 0,
      already: 1_200,
      conflicts: [],
      renumbered: [],
    })
    expect(to.imports).toBe(imports)
  })

  it('given a destination holding the first part of a stream, when copied, then only the rest is written after it', async () => {
    const from = memorySource({ 'a-1': range('a-1', 10) })
    const to = memorySource({ 'a-1': range('a-1', 4) })
    expect(await copyStore(from, to)).toEqual({
      streams: 1,
      copied: 6,
      already: 4,
      conflicts: [],
      renumbered: [],
    })
    expect((await to.readEvents('a-1', 0, 20)).map((e) => e.version)).toEqual(
      range('a-1', 10).map((e) => e.version),
    )
  })

  it('given destinations that differ (another id, more events, an id it refuses), when copied, then those streams are named and the others copied', async () => {
    const from = memorySource({
      'a-1': range('a-1', 3),
      'b-1': range('b-1', 2),
      'c-1': range('c-1', 2),
      'q-"x"': range('q-"x"', 1),
    })
    const to = memorySource({ 'a-1': [event('a-1', 1, 'other')], 'b-1': range('b-1', 3) })
    const result = await copyStore(from, to)
    expect(result.conflicts).toEqual([
      {
        streamId: 'a-1',
        reason: `the destination's event at version 1 has id "other", the source's "a-1-1"`,
      },
      { streamId: 'b-1', reason: 'the destination holds 3 events, the source only 2' },
      { streamId: 'q-"x"', reason: 'Aggregate id not allowed' },
    ])
    expect(result.copied).toBe(2)
    expect(await to.stream('c-1')).toMatchObject({ eventCount: 2 })
  })

  it('given an event without a type, when copied, then its stream is named and left at the events before it', async () => {
    const events = range('a-1', 3)
    events[1] = { ...(events[1] as SourceEvent), type: null }
    const to = memorySource({})
    const result = await copyStore(memorySource({ 'a-1': events }), to)
    expect(result.conflicts).toEqual([
      { streamId: 'a-1', reason: 'its event 2 has no type, which a copy cannot make up' },
    ])
    expect(await to.stream('a-1')).toBeNull()
  })

  it('given a destination that cannot be written, when copied, then it refuses in one line before reading', async () => {
    await expect(
      copyStore(memorySource({ 'a-1': range('a-1', 1) }), memorySource({}, false)),
    ).rejects.toThrow(/^memory cannot be written by a copy \(read-only here\)$/)
  })

  it('given a signal aborted, when copied, then it stops before the next stream', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      copyStore(memorySource({ 'a-1': range('a-1', 1) }), memorySource({}), { signal: controller.signal }),
    ).rejects.toThrow()
  })
})
