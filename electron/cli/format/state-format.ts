// What `eventscope state` prints.

import { stringifyExact } from '../../core/json/big-integers'
import type { ExactJson } from '../../core/json/json-value'
import type { ReducerInfo, ReducerStatus } from '../../core/reducers/reducer-service'
import type { ReplayFailure } from '../../core/replay/replay-failure'

export interface StateResult {
  readonly aggregateId: string
  readonly version: number
  readonly eventCount: number
  /** Integers beyond 2^53 are bigints, exact: print with stringifyExact, never JSON.stringify. */
  readonly state: ExactJson
}

export interface ReducedResult extends StateResult {
  readonly reducer: ReducerStatus
  readonly failure: ReplayFailure | null
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

/** The `state --json` document under `--reducer` or `--trust`: which reducer ran, and where it failed. */
export function reducedJson(result: ReducedResult): StateResult & {
  reducer: { kind: ReducerInfo['kind']; file: string | null; source: ReducerInfo['source'] }
  failure: ReplayFailure | null
} {
  const { kind, file, source } = result.reducer.reducer
  return { ...stateJson(result), reducer: { kind, file, source }, failure: result.failure }
}

/** A heading line, then the state as indented JSON. */
export function stateText(result: StateResult, type: string | null, reducer?: ReducerInfo): string[] {
  const latest = result.version === result.eventCount ? ', the latest' : ''
  const by = reducer?.kind === 'custom' ? `, reduced by ${reducer.file ?? reducer.label}` : ''
  const heading = `${result.aggregateId}${type ? ` (${type})` : ''} at version ${result.version} of ${result.eventCount}${latest}${by}`
  return [heading, stringifyExact(result.state, 2)]
}

/** `reducer failed at version 7: balance is NaN (bank.js:12:5); state shown is version 6`. */
export function failureLine(failure: ReplayFailure, shownVersion: number): string {
  const where = failure.location ? ` (${failure.location})` : ''
  return `reducer failed at version ${failure.version}: ${failure.message}${where}; state shown is version ${shownVersion}`
}
