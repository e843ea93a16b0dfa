// The clocks a sandboxed call's time limit is counted on. A call is over its limit only once both the
// wall clock and this process's CPU time have moved past it since the call began.
//
// On the wall clock alone, a call that merely waited for a core is stopped as if it looped: a reducer's
// 1 s load limit passed while `npm test` and CI shared the 2 cores (load 10). A loop that never ends
// still stops at its limit, since it runs the whole time; a starved call is given the time it waited.
// The CPU time is the process's (Node 20 has no per-thread clock), so the process's other busy threads
// can only bring the limit back to the wall clock's, never shorten it.

export const runClock = {
  wallMs: (): number => Date.now(),
  cpuMs: (): number => {
    const { user, system } = process.cpuUsage()
    return (user + system) / 1000
  },
}

/** When a call began, on both clocks. */
export interface RunMark {
  readonly wallMs: number
  readonly cpuMs: number
}

export function runMarkNow(): RunMark {
  return { wallMs: runClock.wallMs(), cpuMs: runClock.cpuMs() }
}

/** Whether a call begun at `mark` has run past `limitMs` on both clocks (the CPU clock read only when the wall's has). */
export function pastLimit(mark: RunMark, limitMs: number, wallNowMs = runClock.wallMs()): boolean {
  return wallNowMs - mark.wallMs > limitMs && runClock.cpuMs() - mark.cpuMs > limitMs
}
