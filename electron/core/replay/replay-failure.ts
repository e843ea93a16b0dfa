// Where a custom reducer stopped a replay, and why, in a form the UI and the CLI can show as is.

import { SandboxError } from '../sandbox/sandbox-error'
import type { ReadEvent } from '../stream/event-reader'
import { StepFailure } from './reducer'

export interface ReplayFailure {
  /** The event the reducer failed on; the state shown is the one before it. */
  readonly version: number
  readonly eventType: string | null
  readonly kind: 'threw' | 'timeout' | 'memory' | 'stack' | 'not_json' | 'load' | 'error'
  readonly message: string
  /** `Account.js:12:7`: where in the reducer's file, when known. */
  readonly location: string | null
}

/** Describe a reducer's failure on one event. */
export function describeFailure(event: ReadEvent, failure: unknown): ReplayFailure {
  const error = failure instanceof StepFailure ? failure.cause : failure
  const base = { version: event.version, eventType: event.envelope.type }
  if (error instanceof SandboxError)
    return { ...base, kind: error.kind, message: error.message, location: error.location }
  return {
    ...base,
    kind: 'error',
    message: error instanceof Error ? error.message : String(error),
    location: null,
  }
}
