// Reading a stream in chunks the server packs (fold-chunks.ts), against a stand-in for the server that
// answers the chunk statement from a list of versions: every event once and in order, whatever gaps
// the versions have, a stream that ends on a chunk's edge, rows that come unordered, a reader that
// stops early (nothing asked ahead is left in flight).

import { describe, expect, it } from 'vitest'
import {
  foldChunks,
  foldChunkSize,
  type ChunkRow,
} from '../../../../electron/core/source/postgres/fold-chunks'
import type { FoldEvent } from '../../../../electron/core/source/source-states'

/** A server holding these versions, each with payload {"v": version}; counts the queries it answers. */
function server(versions: readonly number[], shuffle = false) {
  const state = { queries: 0, inFlight: 0, maxInFlight: 0 }
  const query = async (_sql: string, params: readonly unknown[]): Promise<ChunkRow[]> => {
    state.queries++
    state.inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
    await new Promise((resolve) => setTimeout(resolve, 1))
    state.inFlight--
    const [, after, limit] = params as [string, number, number]
    let rows = versions.filter((version) => version > after).slice(0, limit)
    if (rows.length === 0) return [{ versions: null, sizes: null, payloads: null }]
    if (shuffle) rows = [...rows].reverse()
    const texts = rows.map((version) => `{"v":${version}}`)
    return [
      {
        versions: rows.join(','),
        sizes: texts.map((text) => text.length).join(','),
        payloads: `[${texts.join(',')}]`,
      },
    ]
  }
  return { query, state }
}

async function all(batches: AsyncIterable<readonly FoldEvent[]>): Promise<number[]> {
  const seen: number[] = []
  for await (const batch of batches) for (const event of batch) seen.push(event.version)
  return seen
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('foldChunks', () => {
  it.each([
    ['no gaps', range(1, 3 * foldChunkSize + 17)],
    ['an end on a chunk edge', range(1, 2 * foldChunkSize)],
    [
      'gaps',
      [...range(1, foldChunkSize - 3), ...range(foldChunkSize + 10, 3 * foldChunkSize), 5 * foldChunkSize],
    ],
    ['one event', [1]],
    ['none', []],
  ])(
    'given versions with %s, when read whole, then every event comes once and in order',
    async (_name, versions) => {
      const { query } = server(versions)
      expect(await all(foldChunks(query, 'sql', 's', 0))).toEqual(versions)
    },
  )

  it('given rows that come unordered, when read, then the events are in version order', async () => {
    const versions = range(1, foldChunkSize + 5)
    const { query } = server(versions, true)
    expect(await all(foldChunks(query, 'sql', 's', 0))).toEqual(versions)
  })

  it('given a start after version 100, when read, then it starts at 101 with payloads and sizes', async () => {
    const { query } = server(range(1, 200))
    const events: FoldEvent[] = []
    for await (const batch of foldChunks(query, 'sql', 's', 100)) events.push(...batch)
    expect(events[0]).toEqual({ version: 101, payload: { v: 101 }, raw: '', size: 9 })
    expect(events).toHaveLength(100)
  })

  it('given a reader that stops after the first chunk, when it stops, then nothing is left in flight', async () => {
    const { query, state } = server(range(1, 10 * foldChunkSize))
    for await (const batch of foldChunks(query, 'sql', 's', 0)) {
      expect(batch).toHaveLength(foldChunkSize)
      break
    }
    expect(state.inFlight).toBe(0)
    expect(state.maxInFlight).toBeGreaterThanOrEqual(2)
    // The four asked ahead, and the one more asked as the first was handed out: no more.
    expect(state.queries).toBeLessThanOrEqual(5)
  })
})

describe('foldChunks over a text column', () => {
  // A mapped table's data may be text that is no JSON: the chunk's joined array does not parse, and
  // each payload is cut out by PostgreSQL's length() (characters: an emoji is one) and read alone.
  const texts = ['{"a":"😀"}', '{"a": ', '[1, "😀"]', '{"b":"é😀é"}', 'not json 😀', 'null', '{}']
  const query = async (): Promise<ChunkRow[]> => [
    {
      versions: texts.map((_, i) => i + 1).join(','),
      sizes: texts.map((text) => [...text].length).join(','),
      payloads: `[${texts.join(',')}]`,
    },
  ]

  it('given payloads that are no JSON among others, when read, then every event comes, each read alone, with why where it is no object', async () => {
    const events: FoldEvent[] = []
    for await (const batch of foldChunks(query, 'sql', 's', 0)) events.push(...batch)
    expect(events.map((event) => event.payload)).toEqual([{ a: '😀' }, {}, {}, { b: 'é😀é' }, {}, {}, {}])
    expect(events.map((event) => event.problems?.[0]?.cause ?? null)).toEqual([
      null,
      expect.stringMatching(/^data is not JSON \(/),
      'data is an array, not an object',
      null,
      expect.stringMatching(/^data is not JSON \(/),
      'data is null, not an object',
      null,
    ])
  })
})
