// A source as it would be without findEvents: searched stream by stream, every event tested in
// eventscope. What a pushed-down search must agree with.

import type { Source } from '../../electron/core/source/source'
import { searchSource } from '../../electron/core/source/source-search'
import type { SearchQuery } from '../../electron/core/search/search-query'

/** The same source, its findEvents hidden. */
export function withoutPushdown(inner: Source): Source {
  return {
    kind: inner.kind,
    displayName: inner.displayName,
    capabilities: inner.capabilities,
    listStreams: (query) => inner.listStreams(query),
    stream: (id) => inner.stream(id),
    readEvents: (id, from, limit) => inner.readEvents(id, from, limit),
    streamEvents: (id, from, signal, eventTypes) => inner.streamEvents(id, from, signal, eventTypes),
    stateAt: (id, version) => inner.stateAt(id, version),
    scan: (from, signal) => inner.scan(from, signal),
    close: () => inner.close(),
  }
}

/** The matches of a search, as `stream#version` in the order found. */
export async function searchedKeys(on: Source, query: SearchQuery): Promise<string[]> {
  const result = await searchSource(on, query, { keep: true })
  return result.matches.map((match) => `${match.aggregateId}#${match.version}`)
}
