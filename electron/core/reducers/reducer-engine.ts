// A custom reducer (an ES module exporting `initialState()` and `evolve(state, event)`) inside the
// sandbox worker. The state lives inside the sandbox while a fold runs; events arrive a message at a
// time and are folded in batches, the state leaves as JSON text only when the host asks (checkpoints).

import type { QuickJSWASMModule } from 'quickjs-emscripten-core'
import type { CallWatch } from '../sandbox/call-watch'
import { Sandbox, type SandboxSource } from '../sandbox/sandbox'
import { SandboxError } from '../sandbox/sandbox-error'
import type { SandboxLimits } from '../sandbox/sandbox-limits'
import type { SandboxEngine, SandboxReply, SandboxRequest } from '../sandbox/sandbox-protocol'

// Our side of the module: check the exports once, keep the state between calls, and check that every
// state evolve returns is JSON (so the fold stops at the event that made it otherwise). A message's
// events are parsed once (`feed`) and folded by index ranges (`steps`).
const reducerGlue = String.raw`
(function (ns, checkJson) {
  const m = typeof ns.evolve === 'function' || ns.default == null ? ns : ns.default
  if (typeof m.initialState !== 'function')
    throw new TypeError('a reducer must export a function initialState()')
  if (typeof m.evolve !== 'function')
    throw new TypeError('a reducer must export a function evolve(state, event)')
  const parse = JSON.parse
  const stringify = JSON.stringify
  const evolve = m.evolve
  let state = null
  let queue = []
  let done = 0
  return {
    initial() { return stringify(checkJson(m.initialState(), 'initialState()')) },
    load(text) { state = parse(text) },
    feed(text) { queue = parse(text) },
    steps(from, to) {
      done = +from
      for (let i = done; i < +to; i++) {
        state = checkJson(evolve(state, queue[i]), 'the state evolve returned')
        done = i + 1
      }
    },
    trace(from, to) {
      const states = []
      for (let i = +from; i < +to; i++) {
        state = checkJson(evolve(state, queue[i]), 'the state evolve returned')
        done = i + 1
        states.push(stringify(state))
      }
      return '[' + states.join(',') + ']'
    },
    done() { return String(done) },
    read() { return stringify(state) },
  }
})
`
const names = ['initial', 'load', 'feed', 'steps', 'trace', 'done', 'read']

/** Most events folded in one call; fewer while the reducer is slow (see `adapt`). */
const maxBatch = 512

export class ReducerEngine implements SandboxEngine {
  private batch = 64
  private fed = '[]'

  private constructor(
    private readonly quickJs: QuickJSWASMModule,
    private readonly spec: SandboxSource,
    private readonly watch: CallWatch,
    private sandbox: Sandbox,
    /** initialState() as JSON text. */
    readonly initial: string,
  ) {}

  /** Load and check a reducer module; throws SandboxError('load') with the reason when it cannot be used. */
  static create(
    quickJs: QuickJSWASMModule,
    module: { source: string; fileName: string; limits: SandboxLimits },
    watch: CallWatch,
  ): ReducerEngine {
    const spec: SandboxSource = { ...module, glue: reducerGlue, names }
    const sandbox = Sandbox.create(quickJs, spec, watch)
    try {
      const initial = sandbox.call('initial')
      if (initial === null) throw new SandboxError('not_json', 'initialState() is not JSON')
      return new ReducerEngine(quickJs, spec, watch, sandbox, initial)
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
        this.fresh().call('load', request.state)
        return { ok: true, value: null }
      case 'steps':
        return this.steps(request.events, request.count, request.single)
      case 'read':
        return { ok: true, value: this.fresh().call('read') }
      case 'trace':
        return this.trace(request.events, request.count)
    }
  }

  /**
   * Fold in batches as `steps` does (a batch within one event's time limit), each call answering the
   * states after each of its events. Any failure answers as `steps` does; the host then folds that
   * message again the slow way, one event per call, which names the exact event and its limits.
   */
  private trace(events: string, count: number): SandboxReply {
    const sandbox = this.fresh()
    this.feed(sandbox, events)
    const parts: string[] = []
    let at = 0
    while (at < count) {
      const size = Math.min(this.batch, count - at)
      const began = Date.now()
      this.watch.working(at)
      try {
        const states = sandbox.call('trace', String(at), String(at + size)) ?? '[]'
        if (states.length > 2) parts.push(states.slice(1, -1))
      } catch (error) {
        if (error instanceof SandboxError) return this.failed(error, at)
        throw error
      }
      this.adapt(Date.now() - began)
      at += size
    }
    return { ok: true, value: `[${parts.join(',')}]` }
  }

  /**
   * Events are folded in batches (a call costs ~20 µs, an event inside ~10 µs). A batch gets the time
   * limit of one event; when one runs out of time or memory, the batch is folded again one event per
   * call from its starting state (in a fresh sandbox after running out of memory), so the limit and the
   * failure are exactly per event.
   */
  private steps(events: string, count: number, single: boolean): SandboxReply {
    let sandbox = this.fresh()
    this.feed(sandbox, events)
    let at = 0
    while (at < count) {
      const size = single ? 1 : Math.min(this.batch, count - at)
      const startState = size > 1 ? sandbox.call('read') : null
      const began = Date.now()
      this.watch.working(at)
      try {
        sandbox.call('steps', String(at), String(at + size))
      } catch (error) {
        if (!(error instanceof SandboxError)) throw error
        if (startState === null || (error.kind !== 'timeout' && error.kind !== 'memory'))
          return this.failed(error, sandbox.broken ? at : Number(sandbox.call('done')))
        this.batch = 1
        const failure = this.foldOneByOne(startState, at, at + size)
        if (failure) return failure
        sandbox = this.sandbox
        at += size
        continue
      }
      if (!single) this.adapt(Date.now() - began)
      at += size
    }
    return { ok: true, value: null }
  }

  private foldOneByOne(startState: string, from: number, to: number): SandboxReply | null {
    const sandbox = this.fresh()
    sandbox.call('load', startState)
    this.feed(sandbox, this.fed)
    for (let i = from; i < to; i++) {
      this.watch.working(i)
      try {
        sandbox.call('steps', String(i), String(i + 1))
      } catch (error) {
        if (error instanceof SandboxError) return this.failed(error, i)
        throw error
      }
    }
    return null
  }

  private failed(error: SandboxError, at: number): SandboxReply {
    return { ok: false, failure: error.toData(), at }
  }

  // Parsing a message's events is our code, but in the user's heap and with their built-ins: it gets
  // the load limit.
  private feed(sandbox: Sandbox, events: string): void {
    this.fed = events
    sandbox.callWithin(Math.max(sandbox.limits.loadMs, sandbox.limits.callMs), 'feed', events)
  }

  // Keep a batch well inside one event's time limit, so only a truly slow event ever hits it.
  private adapt(elapsedMs: number): void {
    const limit = this.sandbox.limits.callMs
    if (elapsedMs > limit / 4) this.batch = Math.max(1, this.batch >> 1)
    else if (elapsedMs < limit / 20) this.batch = Math.min(maxBatch, this.batch * 2)
  }

  // A sandbox that ran out of memory is unusable; replace it before any use.
  private fresh(): Sandbox {
    if (this.sandbox.broken) {
      if (this.sandbox.poisoned !== null) throw new SandboxError('memory', this.sandbox.poisoned)
      this.sandbox.dispose()
      this.sandbox = Sandbox.create(this.quickJs, this.spec, this.watch)
    }
    return this.sandbox
  }
}
