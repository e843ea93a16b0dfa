import { describe, expect, it } from 'vitest'
import { createPagedWindow, type Page } from '../../../../renderer/src/lib/paged-window'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

interface State {
  scope: string
  generation: number
  pages: Record<number, Page<number>>
  count: number
}

/** A paged list of numbers whose fetches the test answers by hand. */
function list(initial: Partial<State> = {}) {
  const state: State = { scope: 's', generation: 0, pages: {}, count: 1000, ...initial }
  const asked: { offset: number; resolve: (rows: number[]) => void; reject: (e: unknown) => void }[] = []
  const errors: unknown[] = []
  const window = createPagedWindow({
    snapshot: () => ({ ...state }),
    fetch: (_snapshot, offset) =>
      new Promise<{ rows: number[] }>((resolve, reject) =>
        asked.push({ offset, resolve: (rows) => resolve({ rows }), reject }),
      ),
    landed: (page, rows) => {
      state.pages = { ...state.pages, [page]: rows }
    },
    failed: (error) => errors.push(error),
  })
  return { state, asked, errors, window }
}

describe('createPagedWindow', () => {
  it('given rows across two pages, when needed twice, then each page is fetched once and lands under its generation', async () => {
    const { state, asked, window } = list()

    window.need(150, 250)
    window.need(190, 210)
    expect(asked.map((a) => a.offset)).toEqual([0, 200])
    asked[0]!.resolve([1, 2])
    await settle()

    expect(state.pages[0]).toEqual({ generation: 0, rows: [1, 2] })
  })

  it('given a page loaded for the current generation, when needed again, then it is not fetched', async () => {
    const { asked, window } = list({ pages: { 0: { generation: 0, rows: [] } } })

    window.need(0, 10)

    expect(asked).toHaveLength(0)
  })

  it('given a page of an older generation, when needed, then it is fetched again', () => {
    const { asked, window } = list({ generation: 2, pages: { 0: { generation: 1, rows: [] } } })

    window.need(0, 10)

    expect(asked).toHaveLength(1)
  })

  it('given a fetch on its way, when the generation or the scope moves, then its rows and its error are dropped', async () => {
    const { state, asked, errors, window } = list()
    window.need(0, 0)
    window.need(200, 200)

    state.generation = 1
    asked[0]!.resolve([1])
    state.generation = 0
    state.scope = 'other'
    asked[1]!.reject(new Error('late'))
    await settle()

    expect(state.pages).toEqual({})
    expect(errors).toEqual([])
  })

  it('given nothing to page, when rows are needed, then nothing is fetched', () => {
    const empty = createPagedWindow({
      snapshot: () => null,
      fetch: () => Promise.reject(new Error('must not be called')),
      landed: () => {},
      failed: () => {},
    })

    expect(() => empty.need(0, 100)).not.toThrow()
  })
})
