import { beforeEach, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract'
import { aggregateRow } from './fixtures'
import {
  deferred,
  fakeApi,
  opened,
  settle,
  storeWith,
  opensAnyPath,
  summaryOf,
  type FakeApi,
} from './fake-host'

type Window = ChannelOutput<'aggregates.window'>
const storeId = '44444444-4444-4444-8444-444444444444'
let api: FakeApi
let answers: { input: ChannelInput<'aggregates.window'>; answer: ReturnType<typeof deferred<Window>> }[]

const page = (ids: string[], total = ids.length): Window => ({
  total,
  unfiltered: 60,
  offset: 0,
  rows: ids.map((id) => aggregateRow(id)),
})

beforeEach(() => {
  answers = []
  api = fakeApi({
    'store.open': opensAnyPath(60),
    'aggregates.window': (input) => {
      // The integrity slice's own question (sorted by status) is answered at once and not recorded.
      if (input.sort.column === 'status') return page([])
      const answer = deferred<Window>()
      answers.push({ input, answer })
      return answer.promise
    },
  })
})

describe('the aggregates slice', () => {
  it('given a store opened, when the first page answers, then its rows, total and unfiltered count are shown', async () => {
    const store = storeWith(api)
    await opened(store)

    expect(answers.map((a) => a.input)).toEqual([
      { offset: 0, limit: 200, sort: { column: 'id', direction: 'asc' }, filter: '' },
    ])
    answers[0]!.answer.resolve(page(['a1', 'a2'], 2))
    await settle()

    const { aggregates } = store.getState()
    expect(aggregates.total).toBe(2)
    expect(aggregates.unfiltered).toBe(60)
    expect(aggregates.pages[0]?.rows.map((r) => r.id)).toEqual(['a1', 'a2'])
  })

  it('given a filter that matched nothing, when it is shortened, cleared or changed, then each is asked again and its rows shown', async () => {
    const store = storeWith(api)
    await opened(store)
    answers[0]!.answer.resolve(page(['a1', 'a2'], 2))
    await settle()

    store.getState().aggregatesFiltered('Userx')
    answers.at(-1)!.answer.resolve(page([], 0))
    await settle()
    expect(store.getState().aggregates.total).toBe(0)

    for (const filter of ['User', '', 'a']) {
      store.getState().aggregatesFiltered(filter)
      expect(answers.at(-1)!.input.filter).toBe(filter)
      answers.at(-1)!.answer.resolve(page(['u1'], 1))
      await settle()
      expect(store.getState().aggregates.total).toBe(1)
      store.getState().aggregatesFiltered('Userx')
      answers.at(-1)!.answer.resolve(page([], 0))
      await settle()
    }
  })

  it('given a filter typed while the unfiltered page is on its way, when both answer out of order, then only the filtered answer is shown', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().aggregatesFiltered('User')
    expect(answers[1]!.input.filter).toBe('User')
    answers[1]!.answer.resolve(page(['u1'], 1))
    await settle()
    answers[0]!.answer.resolve(page(['a1', 'a2'], 2))
    await settle()

    expect(store.getState().aggregates.total).toBe(1)
    expect(store.getState().aggregates.pages[0]?.rows.map((r) => r.id)).toEqual(['u1'])
  })

  it('given a page on its way, when the same rows are needed again, then it is asked for once', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().aggregateRowsNeeded(0, 10)
    store.getState().aggregateRowsNeeded(5, 50)

    expect(answers).toHaveLength(1)
  })

  it('given 600 rows, when rows 150 to 450 are needed, then the pages covering them are asked for', async () => {
    const store = storeWith(api)
    await opened(store)
    answers[0]!.answer.resolve(page(['a1'], 600))
    await settle()

    store.getState().aggregateRowsNeeded(150, 450)

    expect(answers.slice(1).map((a) => a.input.offset)).toEqual([200, 400])
  })

  it('given rows shown, when the store changes on disk, then they stay on screen while page 0 is asked again', async () => {
    const store = storeWith(api)
    await opened(store)
    answers[0]!.answer.resolve(page(['a1'], 1))
    await settle()

    store.getState().aggregatesInvalidated()

    expect(store.getState().aggregates.pages[0]?.rows.map((r) => r.id)).toEqual(['a1'])
    expect(answers).toHaveLength(2)
  })

  it('given a time range, when picked, then the request carries it as activeSince and activeUntil', async () => {
    const store = storeWith(api)
    await opened(store)

    store.getState().aggregatesTimeRanged({ since: '2026-01-01T00:00:00Z', until: null })

    expect(answers[1]!.input).toMatchObject({ activeSince: '2026-01-01T00:00:00Z' })
    expect(answers[1]!.input).not.toHaveProperty('activeUntil')
  })

  it('given a host that fails, when a page is asked, then the error is shown', async () => {
    const store = storeWith(api)
    await opened(store)

    answers[0]!.answer.reject(new Error('The store is gone.'))
    await settle()

    expect(store.getState().aggregates.error).toBe('The store is gone.')
  })

  it('given no store open, when rows are needed, then nothing is asked', () => {
    const store = storeWith(api)

    store.getState().aggregateRowsNeeded(0, 100)

    expect(answers).toHaveLength(0)
  })

  it('given a sort, a filter and a range, when another store is opened, then sort and filter stay and the range goes', async () => {
    const store = storeWith(api)
    await opened(store)
    store.getState().aggregatesSorted({ column: 'eventCount', direction: 'desc' })
    store.getState().aggregatesFiltered('User')
    store.getState().aggregatesTimeRanged({ since: '2026-01-01T00:00:00Z', until: null })

    await opened(store, '/data/other')

    const { aggregates } = store.getState()
    expect(aggregates.sort).toEqual({ column: 'eventCount', direction: 'desc' })
    expect(aggregates.filter).toBe('User')
    expect(aggregates.range).toBeNull()
    expect(aggregates.total).toBeNull()
    expect(answers.at(-1)!.input).toEqual({
      offset: 0,
      limit: 200,
      sort: { column: 'eventCount', direction: 'desc' },
      filter: 'User',
    })
  })

  it('given a host that answers the first page with the opening, when a store opens, then that page is shown and not asked again', async () => {
    const asked: unknown[] = []
    api['store.open'].mockImplementation((target) => {
      asked.push(target.firstRows)
      return Promise.resolve({
        ...summaryOf('/data/store', storeId, 60),
        firstRows: page(['a1', 'a2', 'a3'], 60),
      })
    })
    const store = storeWith(api)
    store.getState().aggregatesSorted({ column: 'eventCount', direction: 'desc' })
    const before = answers.length

    await opened(store)

    // The opening asked for the table's first page as it is sorted and filtered now.
    expect(asked).toEqual([{ limit: 200, sort: { column: 'eventCount', direction: 'desc' }, filter: '' }])
    const { aggregates } = store.getState()
    expect(aggregates.total).toBe(60)
    expect(aggregates.pages[0]?.rows.map((r) => r.id)).toEqual(['a1', 'a2', 'a3'])
    store.getState().aggregateRowsNeeded(0, 50)
    expect(answers).toHaveLength(before)
  })

  it('given the table sorted otherwise while the store opens, when the opening answers with its first page, then that page is dropped and the new order asked', async () => {
    const answer = deferred<ChannelOutput<'store.open'>>()
    api['store.open'].mockImplementation(() => answer.promise)
    const store = storeWith(api)
    const opening = store.getState().pathSubmitted('/data/store')
    store.getState().aggregatesSorted({ column: 'type', direction: 'asc' })
    answer.resolve({ ...summaryOf('/data/store', storeId, 60), firstRows: page(['stale'], 60) })
    await opening
    await settle()

    expect(store.getState().aggregates.pages[0]?.rows.map((r) => r.id)).not.toEqual(['stale'])
    expect(answers.at(-1)!.input).toEqual({
      offset: 0,
      limit: 200,
      sort: { column: 'type', direction: 'asc' },
      filter: '',
    })
  })
})
