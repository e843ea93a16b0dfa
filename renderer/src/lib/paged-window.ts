// A windowed list fetched from the host in fixed pages: the one way the aggregates table and the
// timeline ask for rows.
//
// Each page is asked for once per generation (a page already asked for is not asked again while its
// answer is on its way); a reply is kept only if the list's scope and generation are still those it
// was asked under, so late replies to old questions are dropped. Stale pages stay on screen until
// their replacement arrives: `generation` moving is what marks them stale.

import { pageSize, pagesCovering } from './pages'

/** Rows of a windowed list; `generation` says which request produced them. */
export interface Page<T> {
  readonly generation: number
  readonly rows: readonly T[]
}

/** What a paged list needs to know about itself now. */
export interface WindowSnapshot<T> {
  /** What the rows are of (the aggregate id, the query): a reply for another scope is dropped. */
  readonly scope: string
  readonly generation: number
  readonly pages: Readonly<Record<number, Page<T>>>
  /** How many rows there are (an estimate of 1 before the first reply: asking page 0 finds out). */
  readonly count: number
}

export interface PagedWindow {
  /** Fetch the pages covering rows `first..last` that are missing or stale. */
  need(first: number, last: number): void
}

/** Build the fetcher of one paged list. */
export function createPagedWindow<
  S extends WindowSnapshot<R['rows'][number]>,
  R extends { readonly rows: readonly unknown[] },
>(options: {
  /** The list now, or null when there is nothing to page (no store, no stream). */
  snapshot: () => S | null
  fetch: (snapshot: S, offset: number, limit: number) => Promise<R>
  /** A page arrived for the current scope and generation. */
  landed: (page: number, rows: Page<R['rows'][number]>, reply: R) => void
  /** A page failed for the current scope and generation. */
  failed: (error: unknown) => void
}): PagedWindow {
  const inFlight = new Set<string>()
  const stillCurrent = (asked: S): boolean => {
    const now = options.snapshot()
    return now !== null && now.scope === asked.scope && now.generation === asked.generation
  }
  return {
    need(first, last) {
      const snapshot = options.snapshot()
      if (!snapshot) return
      // Page 0 is always askable: it is how the count becomes known, and a list that was empty under
      // the last question (a filter matching nothing) may not be under this one.
      for (const page of pagesCovering(first, last, Math.max(snapshot.count, 1))) {
        if (snapshot.pages[page]?.generation === snapshot.generation) continue
        const key = `${snapshot.scope}\u0000${snapshot.generation}:${page}`
        if (inFlight.has(key)) continue
        inFlight.add(key)
        options
          .fetch(snapshot, page * pageSize, pageSize)
          .then(
            (reply) => {
              if (stillCurrent(snapshot))
                options.landed(page, { generation: snapshot.generation, rows: reply.rows }, reply)
            },
            (error: unknown) => {
              if (stillCurrent(snapshot)) options.failed(error)
            },
          )
          .finally(() => inFlight.delete(key))
      }
    },
  }
}
