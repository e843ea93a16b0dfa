// Runs a user's ES module in QuickJS (WebAssembly) with a memory cap, a stack limit and a time limit per
// call. The module sees only the JavaScript built-ins: no require, process, fetch, files or timers.
// This is the inside of the sandbox worker (sandbox-worker.ts); the host never loads it.
//
// Node's vm module is not a security boundary; a separate wasm heap is. Values cross only as strings
// (JSON text in, JSON text out), so nothing of the host is ever reachable from inside. Every execution
// of code the user could influence (the module, its pending jobs, each call, and reading what it threw)
// runs with a deadline armed: QuickJS's interrupt stops it there, and the host, which sees the deadline
// through the call watch, terminates the worker if the interrupt is not enough.

import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
  VmCallResult,
} from 'quickjs-emscripten-core'
import type { CallWatch } from './call-watch'
import { jsonGuardScript } from './json-guard'
import { atMemoryCap } from './quickjs'
import { describeThrown, memoryMessage, SandboxError, timeoutMessage } from './sandbox-error'
import { sandboxLimits, type SandboxLimits } from './sandbox-limits'
import { pastLimit, runMarkNow, type RunMark } from './run-clock'
import { thrownReaderScript, type ThrownData } from './thrown-reader'

export interface SandboxSource {
  /** The module's text: ES module syntax (`export function evolve…`). */
  readonly source: string
  /** The name errors give for the module (`Account.js`). */
  readonly fileName: string
  /**
   * Our own script, evaluated after the module: an expression for a function that takes the module's
   * namespace and `checkJson`, and returns an object with the functions named in `names`.
   */
  readonly glue: string
  readonly names: readonly string[]
  readonly limits?: Partial<SandboxLimits> | undefined
}

const glueFile = '<eventscope>'

export class Sandbox {
  /** When the call running now began, and its limit (no call: none). */
  private began: RunMark | null = null
  private limitMs = Number.POSITIVE_INFINITY
  private interrupted = false
  private failed: SandboxError | null = null
  private readonly functions = new Map<string, QuickJSHandle>()
  private reader: QuickJSHandle | null = null
  private disposed = false
  /** A host-side exception escaped the engine: its heap cannot be trusted, not even to free it. */
  private poisonedBy: string | null = null

  private constructor(
    private readonly quickJs: QuickJSWASMModule,
    private readonly runtime: QuickJSRuntime,
    private readonly context: QuickJSContext,
    readonly fileName: string,
    readonly limits: SandboxLimits,
    private readonly watch: CallWatch | null,
  ) {
    runtime.setMemoryLimit(limits.memoryBytes)
    runtime.setMaxStackSize(limits.stackBytes)
    runtime.setInterruptHandler(() => {
      if (this.began === null || !pastLimit(this.began, this.limitMs)) return false
      this.interrupted = true
      return true
    })
  }

  /** Evaluate a module and the glue around it; throws SandboxError('load') when either fails. */
  static create(quickJs: QuickJSWASMModule, spec: SandboxSource, watch: CallWatch | null = null): Sandbox {
    const runtime = quickJs.newRuntime()
    const context = runtime.newContext()
    const sandbox = new Sandbox(quickJs, runtime, context, spec.fileName, sandboxLimits(spec.limits), watch)
    try {
      sandbox.install(spec)
      return sandbox
    } catch (error) {
      try {
        sandbox.dispose()
      } catch (disposing) {
        // A runtime left with objects alive (a module stopped halfway) may not free cleanly: the worker
        // that holds it is ended by the host after a failed load anyway.
        sandbox.poisonedBy = String(disposing)
      }
      if (error instanceof SandboxError) throw SandboxError.ofLoad(error)
      throw error
    }
  }

  /**
   * Call one of the glue's functions with string arguments; returns its result if it is a string.
   *
   * Throws SandboxError. After running out of memory the sandbox is unusable and every later call throws
   * the same error; after a timeout it can be called again (QuickJS unwinds an interrupt cleanly), though
   * a value the interrupted code was mutating may be half-updated.
   */
  call(name: string, ...args: string[]): string | null {
    return this.callWithin(this.limits.callMs, name, ...args)
  }

  /** The same with its own time limit (a batch of events gets the limit of one; see the engines). */
  callWithin(limitMs: number, name: string, ...args: string[]): string | null {
    if (this.disposed) throw new SandboxError('load', `${this.fileName} was unloaded`)
    const fn = this.functions.get(name)
    if (!fn) throw new SandboxError('load', `the sandbox has no function ${name}`)
    return this.within(limitMs, () => {
      const handles = args.map((arg) => this.context.newString(arg))
      try {
        const result = this.unwrap(this.context.callFunction(fn, this.context.undefined, handles))
        try {
          return this.context.typeof(result) === 'string' ? this.context.getString(result) : null
        } finally {
          result.dispose()
        }
      } finally {
        for (const handle of handles) handle.dispose()
      }
    })
  }

  /** Whether running out of memory has made this sandbox unusable. */
  get broken(): boolean {
    return this.failed !== null
  }

  /** Why the engine itself cannot be trusted any more (the worker must be replaced), or null. */
  get poisoned(): string | null {
    return this.poisonedBy
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    if (this.poisonedBy !== null) return
    for (const handle of this.functions.values()) handle.dispose()
    this.functions.clear()
    this.reader?.dispose()
    this.context.dispose()
    this.runtime.dispose()
  }

  // Our reader and JSON check are evaluated before the module, so its top-level code cannot reach them
  // or replace the built-ins they captured. The module, its pending jobs (top-level await) and the glue
  // share one load deadline.
  private install(spec: SandboxSource): void {
    const { context } = this
    this.within(this.limits.loadMs, () => {
      this.reader = this.unwrap(context.evalCode(thrownReaderScript, glueFile))
      const checkJson = this.unwrap(context.evalCode(jsonGuardScript, glueFile))
      try {
        const namespace = this.unwrap(context.evalCode(spec.source, spec.fileName, { type: 'module' }))
        let settled = namespace
        try {
          settled = this.settle(namespace)
          const glue = this.unwrap(context.evalCode(spec.glue, glueFile))
          try {
            const api = this.unwrap(context.callFunction(glue, context.undefined, settled, checkJson))
            try {
              for (const name of spec.names) this.functions.set(name, context.getProp(api, name))
            } finally {
              api.dispose()
            }
          } finally {
            glue.dispose()
          }
        } finally {
          if (settled !== namespace) settled.dispose()
          namespace.dispose()
        }
      } finally {
        checkJson.dispose()
      }
    })
  }

  // A module with top-level await evaluates to a promise of its namespace; its jobs run here, under the
  // load deadline (before, they ran with none, so `await 0; for (;;) {}` ran forever).
  private settle(handle: QuickJSHandle): QuickJSHandle {
    const state = this.context.getPromiseState(handle)
    if ('notAPromise' in state && state.notAPromise) return handle
    const jobs = this.runtime.executePendingJobs()
    if (jobs.error) {
      const error = jobs.error
      try {
        throw this.thrown(error)
      } finally {
        error.dispose()
      }
    }
    const settled = this.context.getPromiseState(handle)
    if (settled.type === 'fulfilled') return settled.value
    if (settled.type === 'rejected') {
      try {
        throw this.thrown(settled.error)
      } finally {
        settled.error.dispose()
      }
    }
    throw new SandboxError('load', `${this.fileName} never finished loading (top-level await)`)
  }

  /** Run engine work with a deadline armed and the host told; every failure becomes a SandboxError. */
  private within<T>(limitMs: number, work: () => T): T {
    if (this.failed) throw this.failed
    this.interrupted = false
    this.arm(limitMs)
    try {
      return work()
    } catch (error) {
      if (error instanceof SandboxError) {
        if (error.kind === 'memory') this.failed = error
        throw error
      }
      // The engine threw on the host side (its wasm heap or the host stack ran out): nothing in this
      // runtime can be used or even freed safely again.
      this.poisonedBy = String(error)
      this.failed = new SandboxError('memory', `ran out of memory or stack (${String(error)})`)
      throw this.failed
    } finally {
      this.began = null
      this.watch?.end()
    }
  }

  private arm(limitMs: number): void {
    this.began = runMarkNow()
    this.limitMs = limitMs
    this.watch?.begin(limitMs, this.began)
  }

  private unwrap(result: VmCallResult<QuickJSHandle>): QuickJSHandle {
    if (!result.error) return result.value
    const error = result.error
    try {
      throw this.thrown(error)
    } finally {
      error.dispose()
    }
  }

  // What was thrown, read by our reader inside a fresh window of the same limit: its getters and Proxy
  // traps are user code too. An interrupt is never read at all: the flag says what it was.
  private thrown(handle: QuickJSHandle): SandboxError {
    if (this.interrupted) return new SandboxError('timeout', timeoutMessage)
    const reader = this.reader
    if (!reader) return new SandboxError('load', 'the sandbox could not start')
    this.arm(this.limits.callMs)
    const read = this.context.callFunction(reader, this.context.undefined, handle)
    if (read.error) {
      read.error.dispose()
      return this.interrupted
        ? new SandboxError('timeout', timeoutMessage)
        : new SandboxError('memory', memoryMessage)
    }
    const text = this.context.typeof(read.value) === 'string' ? this.context.getString(read.value) : '{}'
    read.value.dispose()
    let data: ThrownData = {}
    try {
      data = JSON.parse(text) as ThrownData
    } catch {
      // Our reader always returns JSON; an empty description is the safe answer if it did not.
    }
    return describeThrown(data, this.fileName, atMemoryCap(this.quickJs, this.limits.memoryBytes))
  }
}
