// The messages between the host and a sandbox worker. One worker holds one module (a reducer or a
// projection); the host sends one request at a time and the worker answers each in order.

import type { SandboxFailure } from './sandbox-error'
import type { SandboxLimits } from './sandbox-limits'

export type EngineKind = 'reducer' | 'projection'

/** What the worker is started with. */
export interface SandboxWorkerData {
  /** The call watch's shared memory (see call-watch.ts). */
  readonly watch: SharedArrayBuffer
  readonly limits: SandboxLimits
}

export type SandboxRequest =
  | {
      readonly op: 'load'
      readonly engine: EngineKind
      readonly source: string
      readonly fileName: string
    }
  /** A reducer's fold starts from this state (JSON text). */
  | { readonly op: 'start'; readonly state: string }
  /**
   * Fold these events (a JSON array, `count` long) in order. `single`: one event per call into the
   * module, so a worker that dies on one leaves its index in the call watch.
   */
  | { readonly op: 'steps'; readonly events: string; readonly count: number; readonly single: boolean }
  /** The current state, as JSON text. */
  | { readonly op: 'read' }
  /**
   * A reducer folds these events one per call and answers the state after each, a JSON array of
   * `count` states: a check sees every version for one round trip per message instead of two per event.
   */
  | { readonly op: 'trace'; readonly events: string; readonly count: number }

export type SandboxReply =
  | { readonly ok: true; readonly value: string | null }
  | {
      readonly ok: false
      readonly failure: SandboxFailure
      /** For `steps`: the index of the event that failed (the ones before it were folded). */
      readonly at: number
      /**
       * When the failure is only known to be in `span` events from `at` (a batch that ran out of memory
       * took its state with it): send them again one per call to learn which.
       */
      readonly span?: number
    }

export interface SandboxEnvelope<T> {
  readonly id: number
  readonly body: T
}

/** What a loaded engine does with each request after `load`. */
export interface SandboxEngine {
  handle(request: Exclude<SandboxRequest, { op: 'load' }>): SandboxReply
  /** Why the engine cannot be used again (the worker must be replaced), or null. */
  readonly poisoned: string | null
}
