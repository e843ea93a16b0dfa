// States kept at intervals during one pass over a stream, so the state at any version is the nearest
// checkpoint plus a bounded number of events.
//
// The scan keeps merge-patch states here; custom reducers keep their own set of the same kind, built on
// first use (see reducer-checkpoints.ts).

import type { ExactJsonObject } from '../json/json-value'

/** Bytes of event text between checkpoints: replaying from one reads at most this much plus one line. */
export const checkpointBytes = 64 * 1024
/** Events between checkpoints, whatever their size, so tiny events do not make replays long. */
export const checkpointEvents = 512

/**
 * A checkpoint state worked out when first asked for: the parallel scan keeps each chunk's checkpoints
 * relative to the chunk's start (a composite patch, merge-composite.ts), and resolving all of them up
 * front would cost a state per checkpoint that nobody may ever look at.
 */
export class DeferredState<S> {
  constructor(readonly resolve: () => S) {}
}

export interface CheckpointColumns<S = ExactJsonObject> {
  readonly versions: readonly number[]
  readonly states: readonly S[]
  readonly bytesSinceLast: number
}

export class Checkpoints<S = ExactJsonObject> {
  private readonly versions: number[] = [0]
  private readonly states: (S | DeferredState<S>)[]
  private bytesSinceLast = 0

  /** `initial` is the state at version 0 (the merge patch starts from `{}`). */
  constructor(initial?: S) {
    this.states = [initial ?? ({} as S)]
  }

  /** Record the state after `version` if enough has happened since the last checkpoint. */
  offer(version: number, eventBytes: number, state: S): void {
    // Inlined rather than calling offerLazily: the scan calls this for every event of a million.
    this.bytesSinceLast += eventBytes
    const last = this.versions[this.versions.length - 1] ?? 0
    if (this.bytesSinceLast >= checkpointBytes || version - last >= checkpointEvents) {
      this.versions.push(version)
      this.states.push(state)
      this.bytesSinceLast = 0
    }
  }

  /**
   * Count one more event and say whether a checkpoint is due after it; the caller then `keep`s one.
   *
   * The spacing depends on event sizes only, so a custom reducer's fold can stop exactly where a state
   * must be copied out, and fold the events in between in one batch.
   */
  due(version: number, eventBytes: number): boolean {
    this.bytesSinceLast += eventBytes
    const last = this.versions[this.versions.length - 1] ?? 0
    if (this.bytesSinceLast < checkpointBytes && version - last < checkpointEvents) return false
    this.bytesSinceLast = 0
    return true
  }

  /** Keep the state after `version`, when `due` said so. */
  keep(version: number, state: S): void {
    this.versions.push(version)
    this.states.push(state)
  }

  /** The latest checkpoint at or before `version`: binary search, O(log n). */
  atOrBefore(version: number): { version: number; state: S } {
    let low = 0
    let high = this.versions.length - 1
    while (low < high) {
      const mid = (low + high + 1) >>> 1
      if ((this.versions[mid] ?? 0) <= version) low = mid
      else high = mid - 1
    }
    return { version: this.versions[low] ?? 0, state: this.stateAt(low) }
  }

  // A deferred state is resolved once, then kept in its place.
  private stateAt(at: number): S {
    const kept = this.states[at] as S | DeferredState<S>
    if (!(kept instanceof DeferredState)) return kept
    const state = kept.resolve()
    this.states[at] = state
    return state
  }

  /** Keep a checkpoint whose state is worked out when first asked for (versions in increasing order). */
  keepDeferred(version: number, state: DeferredState<S>): void {
    this.versions.push(version)
    this.states.push(state)
  }

  /** The version of the last checkpoint. */
  get lastVersion(): number {
    return this.versions[this.versions.length - 1] ?? 0
  }

  /** Drop checkpoints after `version` (used when a provisional last line is read again). */
  truncate(version: number): void {
    while (this.versions.length > 1 && (this.versions[this.versions.length - 1] ?? 0) > version) {
      this.versions.pop()
      this.states.pop()
    }
  }

  /**
   * Versions and states as plain arrays, to move to another thread.
   *
   * Structured clone keeps shared subtrees shared within one message, so the states cross as one graph
   * and still cost only what each checkpoint's events touched.
   */
  columns(): CheckpointColumns<S> {
    // Deferred states cannot cross a thread: every one is resolved first.
    const states = this.states.map((_, at) => this.stateAt(at))
    return { versions: this.versions, states, bytesSinceLast: this.bytesSinceLast }
  }

  /** Set how many event bytes have passed since the last checkpoint (a scan joined from chunks). */
  carryBytes(bytes: number): void {
    this.bytesSinceLast = bytes
  }

  /** Checkpoints over columns received from another thread. */
  static fromColumns<S>(columns: CheckpointColumns<S>): Checkpoints<S> {
    const checkpoints = new Checkpoints<S>(columns.states[0])
    checkpoints.versions.length = 0
    checkpoints.states.length = 0
    for (const version of columns.versions) checkpoints.versions.push(version)
    for (const state of columns.states) checkpoints.states.push(state)
    checkpoints.bytesSinceLast = columns.bytesSinceLast
    return checkpoints
  }

  get size(): number {
    return this.versions.length
  }
}
