// What `eventscope state` prints.

import { stringifyExact } from '../../core/json/big-integers'
import type { ExactJson } from '../../core/json/json-value'
import type { ReducerInfo, ReducerStatus } from '../../core/reducers/reducer-service'
import type { ReplayFailure } from '../../core/replay/replay-failure'
import type { FoldDamage } from '../../core/source/source-states'
import type { StreamInfo } from '../../../shared/contract'
import { plural } from './table'
import { quoteArg } from './shell-quote'

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

/**
 * One stderr line when the stream has problems: a line that is no event is left out of every state,
 * and a state rebuilt without it must not look whole. Null for a clean stream.
 * `eventscope: acc-1 has 1 problem in its stream (line 2: Not valid JSON …); lines that are no event
 * are left out of the state; eventscope events DIR acc-1 shows each in place`.
 */
export function streamProblemsNote(info: StreamInfo, dir: string): string | null {
  if (info.problemCount === 0) return null
  const first = info.problems[0]?.problem
  const where = first ? ` (first: ${first.line === null ? '' : `line ${first.line}: `}${first.message})` : ''
  const show = `eventscope events ${quoteArg(dir)} ${quoteArg(info.aggregateId)}`
  return `eventscope: ${info.aggregateId} has ${plural(info.problemCount, 'problem')} in its stream${where}; lines that are no event are left out of the state; ${show} shows each in place`
}

/**
 * One stderr line when a database stream's state was folded past rows whose payload could not be read:
 * `eventscope: cart-1 has 1 event whose payload could not be read (first: version 2: message_data is
 * not JSON …: its payload is read as empty); eventscope events sqlite:… cart-1 shows each in place`.
 */
export function foldDamageNote(damage: FoldDamage, aggregateId: string, address: string): string {
  const events = damage.count === 1 ? '1 event whose payload' : `${damage.count} events whose payloads`
  const show = `eventscope events ${quoteArg(address)} ${quoteArg(aggregateId)}`
  return `eventscope: ${aggregateId} has ${events} could not be read (first: ${damage.first}); ${show} shows each in place`
}

/**
 * One stderr line when a database stream's rows end before the count the store keeps for it:
 * `eventscope: cart-1 is counted as 5 events, but its rows end at version 3 (archived, deleted or
 * never-written rows are not read)`.
 */
export function rowsEndNote(aggregateId: string, counted: number, endsAt: number): string {
  return `eventscope: ${aggregateId} is counted as ${plural(counted, 'event')}, but its rows end at version ${endsAt} (archived, deleted or never-written rows are not read)`
}
