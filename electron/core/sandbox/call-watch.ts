// What the sandbox worker is doing right now, in memory both threads see: the worker marks when a call
// into user code begins and what its limit is, the host reads it without waiting for the worker (which
// may be stuck) and terminates the worker once a call is past its hard limit, on the wall clock and the
// process's CPU time both (run-clock.ts): a worker that only waited for a core is not stopped.

import { pastLimit, runMarkNow, type RunMark } from './run-clock'
import { hardLimitMs } from './sandbox-limits'

const started = 0
const limit = 1
const item = 2
const cpuStarted = 3

/** The shared memory of a watch: four doubles. */
export function newWatchBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * Float64Array.BYTES_PER_ELEMENT)
}

/** The worker's side: mark calls into user code. */
export class CallWatch {
  private readonly slots: Float64Array

  constructor(buffer: SharedArrayBuffer) {
    this.slots = new Float64Array(buffer)
  }

  /** A call into user code begins (now, or at `mark`) and may take `limitMs`. */
  begin(limitMs: number, mark: RunMark = runMarkNow()): void {
    this.slots[limit] = limitMs
    this.slots[cpuStarted] = mark.cpuMs
    this.slots[started] = mark.wallMs
  }

  end(): void {
    this.slots[started] = 0
  }

  /** Which item of a request (an event of a batch) is being worked on, for when the worker dies. */
  working(on: number): void {
    this.slots[item] = on
  }
}

/** The host's side: is a call past its hard limit, and what was the worker working on. */
export class CallWatcher {
  private readonly slots: Float64Array

  constructor(buffer: SharedArrayBuffer) {
    this.slots = new Float64Array(buffer)
  }

  /** True when a call into user code has run past its hard limit (on both clocks; `wallNowMs` for tests). */
  overdue(wallNowMs?: number): boolean {
    const wallMs = this.slots[started] as number
    if (wallMs <= 0) return false
    const mark = { wallMs, cpuMs: this.slots[cpuStarted] as number }
    return pastLimit(mark, hardLimitMs(this.slots[limit] as number), wallNowMs)
  }

  /** The item last marked as being worked on. */
  item(): number {
    return this.slots[item] as number
  }
}
