// Store-wide search: the form's draft, the run in flight (cancellable by its id) and its answer.
//
// Progress arrives as onProgress under the run's task id (store.progress); matches arrive with the answer.

import type { ChannelOutput } from '../../../shared/contract'
import { isCancelled, messageOf } from '../lib/format'
import { emptyDraft, searchRequest, type SearchDraft } from '../lib/search-request'
import type { SliceCreator } from './types'

export interface SearchSlice {
  readonly search: {
    readonly draft: SearchDraft
    /** The id of the run in flight, or null. */
    readonly running: string | null
    readonly result: ChannelOutput<'search.run'> | null
    readonly error: string | null
  }
  searchDraftEdited(part: Partial<SearchDraft>): void
  searchStarted(): void
  searchCancelled(): void
}

export const createSearchSlice: SliceCreator<SearchSlice> = ({ set, get, api }) => {
  let nextRun = 1
  const patch = (part: Partial<SearchSlice['search']>) => set((s) => ({ search: { ...s.search, ...part } }))
  const slice: SearchSlice = {
    search: { draft: emptyDraft, running: null, result: null, error: null },

    searchDraftEdited(part) {
      set((s) => ({ search: { ...s.search, draft: { ...s.search.draft, ...part } } }))
    },

    searchStarted() {
      const previous = get().search.running
      if (previous) void api['task.cancel']({ taskId: previous }).catch(() => {})
      const searchId = `search-${nextRun++}`
      patch({ running: searchId, error: null })
      api['search.run'](searchRequest(get().search.draft, searchId)).then(
        (result) => {
          if (get().search.running === searchId) patch({ running: null, result })
        },
        (error: unknown) => {
          // A cancelled run keeps the previous matches on screen rather than an empty list; a failed
          // one (an expression error) clears them: left beside its error they would read as its answer.
          if (get().search.running === searchId)
            patch({
              running: null,
              ...(isCancelled(error) ? {} : { error: messageOf(error), result: null }),
            })
        },
      )
    },

    searchCancelled() {
      const searchId = get().search.running
      if (!searchId) return
      patch({ running: null })
      void api['task.cancel']({ taskId: searchId }).catch(() => {})
    },
  }

  return {
    slice,
    // The draft is the user's question and stays; its answer was about the old store.
    perStore: (s) => ({ search: { draft: s.search.draft, running: null, result: null, error: null } }),
    opened: (before) => {
      const searchId = before.search.running
      if (searchId) void api['task.cancel']({ taskId: searchId }).catch(() => {})
    },
  }
}
