// What `eventscope state` prints.

import type { Json } from '../../../shared/contract'

export interface StateResult {
  readonly aggregateId: string
  readonly version: number
  readonly eventCount: number
  readonly state: Json
}

/** The `state --json` document. */
export function stateJson(result: StateResult): StateResult {
  return {
    aggregateId: result.aggregateId,
    version: result.version,
    eventCount: result.eventCount,
    state: result.state,
  }
}

/** A heading line, then the state as indented JSON. */
export function stateText(result: StateResult, type: string | null): string[] {
  const latest = result.version === result.eventCount ? ', the latest' : ''
  const heading = `${result.aggregateId}${type ? ` (${type})` : ''} at version ${result.version} of ${result.eventCount}${latest}`
  return [heading, JSON.stringify(result.state, null, 2)]
}
