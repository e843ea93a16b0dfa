// Runs a user's ES module in QuickJS (WebAssembly) with a memory limit, a stack limit and a time limit
// per call. The module sees only the JavaScript built-ins: no require, process, fetch, files or timers.
//
// Node's vm module is not a security boundary; a separate wasm heap is. Values cross only as strings
// (JSON text in, JSON text out), so nothing of the host is ever reachable from inside.

import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
} from 'quickjs-emscripten-core'
import { jsonGuardScript } from './json-guard'
import { loadQuickJs } from './quickjs'
import { describeThrown, SandboxError } from './sandbox-error'

export interface SandboxLimits {
  /** Longest any one call may run, in milliseconds. */
  readonly callMs: number
  /** Longest the module's top-level code may run. */
  readonly loadMs: number
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

export interface SandboxSource {
  /** The module's text: ES module syntax (`export function evolve…`). */
  readonly source: string
  /** The name errors give for the module (`Account.js`). */
  readonly fileName: string
  /**
   * Our own script, evaluated after the module: an expression for a function that takes the module's
   * namespace and `checkJson`, and returns an object of functions the host calls by name (listed in its
   * `__names`).
   */
  readonly glue: string
  readonly limits?: Partial<SandboxLimits>
}

const glueFile = '<eventscope>'

export class Sandbox {
  private deadline = Number.POSITIVE_INFINITY
  private interrupted = false
  private failed: SandboxError | null = null
  private readonly functions = new Map<string, QuickJSHandle>()
  private disposed = false
  /** A host-side exception escaped the engine: its heap cannot be trusted, not even to free it. */
  private poisoned = false

  private constructor(
    private readonly runtime: QuickJSRuntime,
    private readonly context: QuickJSContext,
    readonly fileName: string,
    readonly limits: SandboxLimits,
  ) {
    runtime.setMemoryLimit(limits.memoryBytes)
    runtime.setMaxStackSize(limits.stackBytes)
    runtime.setInterruptHandler(() => {
      if (Date.now() <= this.deadline) return false
      this.interrupted = true
      return true
    })
  }

  /** Evaluate a module and the glue around it; throws SandboxError('load') when either fails. */
  static async load(spec: SandboxSource): Promise<Sandbox> {
    return Sandbox.create(await loadQuickJs(), spec)
  }

  /** The same, synchronously, once the engine is loaded (to replace a sandbox that timed out). */
  static create(quickJs: QuickJSWASMModule, spec: SandboxSource): Sandbox {
    const runtime = quickJs.newRuntime()
    const context = runtime.newContext()
    const sandbox = new Sandbox(runtime, context, spec.fileName, { ...defaultSandboxLimits, ...spec.limits })
    try {
      sandbox.install(spec)
      return sandbox
    } catch (error) {
      sandbox.dispose()
      if (error instanceof SandboxError) throw new SandboxError('load', error.message, error.location)
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

  /** The same with its own time limit (a batch of events gets the limit of one; see the reducer). */
  callWithin(limitMs: number, name: string, ...args: string[]): string | null {
    if (this.failed) throw this.failed
    if (this.disposed) throw new SandboxError('load', `${this.fileName} was unloaded`)
    const fn = this.functions.get(name)
    if (!fn) throw new SandboxError('load', `the sandbox has no function ${name}`)
    const handles = args.map((arg) => this.context.newString(arg))
    try {
      const result = this.run(limitMs, () => this.context.callFunction(fn, this.context.undefined, handles))
      try {
        return this.context.typeof(result) === 'string' ? this.context.getString(result) : null
      } finally {
        result.dispose()
      }
    } finally {
      for (const handle of handles) handle.dispose()
    }
  }

  /** Whether running out of memory has made this sandbox unusable. */
  get broken(): boolean {
    return this.failed !== null
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    if (this.poisoned) return
    for (const handle of this.functions.values()) handle.dispose()
    this.functions.clear()
    this.context.dispose()
    this.runtime.dispose()
  }

  private install(spec: SandboxSource): void {
    const { context } = this
    const namespace = this.run(this.limits.loadMs, () =>
      context.evalCode(spec.source, spec.fileName, { type: 'module' }),
    )
    const settled = this.settle(namespace)
    const checkJson = this.run(this.limits.loadMs, () => context.evalCode(jsonGuardScript, glueFile))
    const glue = this.run(this.limits.loadMs, () => context.evalCode(spec.glue, glueFile))
    try {
      const api = this.run(this.limits.loadMs, () =>
        context.callFunction(glue, context.undefined, settled, checkJson),
      )
      try {
        const names = context.getProp(api, '__names')
        const list: unknown = context.dump(names)
        names.dispose()
        for (const name of Array.isArray(list) ? list : []) {
          if (typeof name === 'string') this.functions.set(name, context.getProp(api, name))
        }
      } finally {
        api.dispose()
      }
    } finally {
      glue.dispose()
      checkJson.dispose()
      if (settled !== namespace) settled.dispose()
      namespace.dispose()
    }
  }

  // A module with top-level await evaluates to a promise of its namespace.
  private settle(handle: QuickJSHandle): QuickJSHandle {
    const state = this.context.getPromiseState(handle)
    if ('notAPromise' in state && state.notAPromise) return handle
    this.runtime.executePendingJobs()
    const settled = this.context.getPromiseState(handle)
    if (settled.type === 'fulfilled') return settled.value
    if (settled.type === 'rejected') {
      const dumped: unknown = this.context.dump(settled.error)
      settled.error.dispose()
      throw describeThrown(dumped, this.fileName, false)
    }
    throw new SandboxError('load', `${this.fileName} never finished loading (top-level await)`)
  }

  private run(limitMs: number, action: () => ReturnType<QuickJSContext['evalCode']>): QuickJSHandle {
    this.interrupted = false
    this.deadline = Date.now() + limitMs
    let result: ReturnType<QuickJSContext['evalCode']>
    try {
      result = action()
    } catch (error) {
      // The engine threw on the host side (its wasm heap or the host stack ran out): nothing in this
      // runtime can be used or even freed safely again.
      this.poisoned = true
      this.failed = new SandboxError('memory', `ran out of memory or stack (${String(error)})`)
      throw this.failed
    } finally {
      this.deadline = Number.POSITIVE_INFINITY
    }
    if (!result.error) return result.value
    const dumped: unknown = this.context.dump(result.error)
    result.error.dispose()
    const error = describeThrown(dumped, this.fileName, this.interrupted)
    if (error.kind === 'memory') this.failed = error
    throw error
  }
}
