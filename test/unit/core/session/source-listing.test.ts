import { describe, expect, it } from 'vitest'
import { SourceListing } from '../../../../electron/core/session/source-listing'
import type {
  Source,
  StreamListQuery,
  StreamPage,
  StreamSummary,
} from '../../../../electron/core/source/source'

/** A source whose listing answers from an array, each page held until `release` lets it go. */
function pagedSource(streams: StreamSummary[]) {
  const asked: StreamListQuery[] = []
  const held: (() => void)[] = []
  const source = {
    listStreams: async (query: StreamListQuery): Promise<StreamPage> => {
      asked.push(query)
      if (asked.length > 1) await new Promise<void>((resolve) => held.push(resolve))
      const from = query.after === undefined ? 0 : Number(query.after)
      const page = streams.slice(from, from + query.limit)
      const next = from + query.limit < streams.length ? String(from + query.limit) : null
      return { streams: page, next }
    },
  } as unknown as Source
  const release = async (): Promise<void> => {
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve))
    held.shift()?.()
  }
  return { source, asked, release }
}

const stream = (i: number): StreamSummary => ({
  id: `s-${String(i).padStart(5, '0')}`,
  type: i % 2 === 0 ? 'even' : 'odd',
  eventCount: i,
  lastEventAt: null,
})

describe('the listing of a database store', () => {
  it('given 1,200 streams, when the first page is in, then the first rows by id answer before the rest is listed', async () => {
    const { source, asked, release } = pagedSource(Array.from({ length: 1200 }, (_, i) => stream(i + 1)))
    const listing = new SourceListing(source, new AbortController().signal)
    await listing.first()
    expect(asked).toHaveLength(2)
    const first = await listing.window({
      offset: 0,
      limit: 50,
      sort: { column: 'id', direction: 'asc' },
      filter: '',
    })
    expect(first.rows[0]?.id).toBe('s-00001')
    expect(first.total).toBe(500)
    expect(listing.isComplete).toBe(false)

    // Another sort needs every stream: it waits for the listing.
    let sorted: Awaited<ReturnType<typeof listing.window>> | null = null
    const pending = listing
      .window({ offset: 0, limit: 3, sort: { column: 'eventCount', direction: 'desc' }, filter: 'even' })
      .then((window) => (sorted = window))
    await new Promise((resolve) => setImmediate(resolve))
    expect(sorted).toBeNull()
    await release()
    await pending
    expect(sorted).toMatchObject({
      total: 600,
      unfiltered: 1200,
      rows: [{ id: 's-01200' }, { id: 's-01198' }, { id: 's-01196' }],
    })
    expect(listing.events).toBe((1200 * 1201) / 2)
  })

  it('given a stream appended to and a new one, when taken in, then counts and rows follow', async () => {
    const { source } = pagedSource([stream(1), stream(2)])
    const listing = new SourceListing(source, new AbortController().signal)
    await listing.first()
    await listing.listed
    expect(listing.update({ ...stream(2), eventCount: 5 })).toBe(false)
    expect(listing.update(stream(7))).toBe(true)
    const all = await listing.all()
    expect(all.map((row) => [row.id, row.eventCount])).toEqual([
      ['s-00001', 1],
      ['s-00002', 5],
      ['s-00007', 7],
    ])
    expect(listing.events).toBe(13)
  })
})
