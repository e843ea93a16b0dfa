// A custom projection (`initialState()` and `handlers: { [eventType]: (state, event) => state }`, the
// seed's ReadModelProjector.register in module form) inside the sandbox worker, over a whole store.

import type { QuickJSWASMModule } from 'quickjs-emscripten-core'
import type { CallWatch } from '../sandbox/call-watch'
import { Sandbox } from '../sandbox/sandbox'
import { SandboxError } from '../sandbox/sandbox-error'
import type { SandboxLimits } from '../sandbox/sandbox-limits'
import type { SandboxEngine, SandboxReply, SandboxRequest } from '../sandbox/sandbox-protocol'

const projectionGlue = String.raw`
(function (ns, checkJson) {
  const m = ns.handlers != null || ns.default == null ? ns : ns.default
  if (typeof m.initialState !== 'function')
    throw new TypeError('a projection must export a function initialState()')
  if (m.handlers == null || typeof m.handlers !== 'object')
    throw new TypeError('a projection must export handlers: { [eventType]: (state, event) => state }')
  const parse = JSON.parse
  const stringify = JSON.stringify
  const handlers = m.handlers
  let state = m.initialState()
  let queue = []
  let done = 0
  return {
    types() {
      return stringify(Object.keys(handlers).filter((type) => typeof handlers[type] === 'function'))
    },
    feed(text) { queue = parse(text) },
    steps(from, to) {
      done = +from
      for (let i = done; i < +to; i++) {
        const next = handlers[queue[i].type](state, queue[i])
        // A handler that updates its state in place may return nothing: keep the state it was given.
        if (next !== undefined) state = next
        done = i + 1
      }
    },
    done() { return String(done) },
    read() { return stringify(checkJson(state, 'the projection state')) },
  }
})
`
const names = ['types', 'feed', 'steps', 'done', 'read']

const maxBatch = 512

export class ProjectionEngine implements SandboxEngine {
  private batch = 64

  private constructor(
    private readonly sandbox: Sandbox,
    private readonly watch: CallWatch,
    /** JSON text of the event types that have a handler: only these are sent. */
    readonly types: string,
  ) {}

  static create(
    quickJs: QuickJSWASMModule,
    module: { source: string; fileName: string; limits: SandboxLimits },
    watch: CallWatch,
  ): ProjectionEngine {
    const sandbox = Sandbox.create(quickJs, { ...module, glue: projectionGlue, names }, watch)
    try {
      return new ProjectionEngine(sandbox, watch, sandbox.call('types') ?? '[]')
    } catch (error) {
      sandbox.dispose()
      if (error instanceof SandboxError) throw SandboxError.ofLoad(error)
      throw error
    }
  }

  get poisoned(): string | null {
    return this.sandbox.poisoned
  }

  handle(request: Exclude<SandboxRequest, { op: 'load' }>): SandboxReply {
    switch (request.op) {
      case 'start':
        throw new SandboxError('load', 'a projection has no state to start from')
      case 'steps':
        return this.steps(request.events, request.count, request.single)
      case 'read':
        return { ok: true, value: this.sandbox.call('read') }
      case 'trace':
        throw new SandboxError('load', 'a projection has no states to trace')
    }
  }

  /**
   * A batch gets the time limit of one event, and batches are sized to stay well inside it. When one
   * runs out anyway, its remaining events are folded one per call, so only a truly slow event fails.
   */
  private steps(events: string, count: number, single: boolean): SandboxReply {
    const { sandbox } = this
    sandbox.callWithin(Math.max(sandbox.limits.loadMs, sandbox.limits.callMs), 'feed', events)
    let at = 0
    while (at < count) {
      const size = single || this.batch === 1 ? 1 : Math.min(this.batch, count - at)
      const began = Date.now()
      this.watch.working(at)
      try {
        sandbox.call('steps', String(at), String(at + size))
      } catch (error) {
        if (!(error instanceof SandboxError)) throw error
        if (sandbox.broken) return { ok: false, failure: error.toData(), at, span: size }
        const done = Number(sandbox.call('done'))
        if (error.kind !== 'timeout' || size === 1) return { ok: false, failure: error.toData(), at: done }
        this.batch = 1
        at = done
        continue
      }
      if (!single) this.adapt(Date.now() - began)
      at += size
    }
    return { ok: true, value: null }
  }

  private adapt(elapsedMs: number): void {
    const limit = this.sandbox.limits.callMs
    if (elapsedMs > limit / 4) this.batch = Math.max(1, this.batch >> 1)
    else if (elapsedMs < limit / 20) this.batch = Math.min(maxBatch, this.batch * 2)
  }
}
