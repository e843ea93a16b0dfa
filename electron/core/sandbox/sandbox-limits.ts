// The limits every sandboxed call runs under, shared by the host (which enforces them from outside by
// terminating the worker) and the worker (which enforces them from inside, more precisely).

export interface SandboxLimits {
  /** Longest any one call may run, in milliseconds. */
  readonly callMs: number
  /** Longest the module's top-level code (its pending jobs included) may run. */
  readonly loadMs: number
  /** Bytes the sandbox's WebAssembly heap may grow to: a hard cap the platform enforces. */
  readonly memoryBytes: number
  readonly stackBytes: number
}

export const defaultSandboxLimits: SandboxLimits = {
  callMs: 100,
  loadMs: 1000,
  memoryBytes: 64 * 1024 * 1024,
  // QuickJS recurses on the host's stack too: much more than this and Node's stack overflows first,
  // which QuickJS cannot unwind from.
  stackBytes: 256 * 1024,
}

/** The limits with every field filled in. */
export function sandboxLimits(partial: Partial<SandboxLimits> | undefined): SandboxLimits {
  return { ...defaultSandboxLimits, ...partial }
}

/**
 * How long past a call's own limit the host waits before it terminates the worker.
 *
 * The worker's own interrupt stops ordinary endless loops at the limit and keeps the sandbox; the host
 * only has to catch what escapes that (a long C-level built-in, a bug in the engine), so it can afford
 * to be generous and not mistake a busy machine for a runaway call.
 */
export function hardLimitMs(limitMs: number): number {
  return limitMs * 2 + 500
}
