// A custom reducer (an ES module exporting `initialState()` and `evolve(state, event)`) running in the
// sandbox. The state lives inside the sandbox while a cursor folds; events cross in batches, the state
// crosses back as JSON text only when asked for (at checkpoints and at the end).

import type { QuickJSWASMModule } from 'quickjs-emscripten-core'
import type { Json } from '../../../shared/contract'
import { StepFailure, type Reducer, type ReducerCursor, type ReplayEvent } from '../replay/reducer'
import { loadQuickJs } from '../sandbox/quickjs'
import { Sandbox, type SandboxLimits } from '../sandbox/sandbox'
import { SandboxError } from '../sandbox/sandbox-error'

// Our side of the module: check the exports once, keep the state between calls, and check that every
// state evolve returns is JSON (so the fold stops at the event that made it otherwise).
const reducerGlue = String.raw`
(function (ns, checkJson) {
  const m = typeof ns.evolve === 'function' || ns.default == null ? ns : ns.default
  if (typeof m.initialState !== 'function')
    throw new TypeError('a reducer must export a function initialState()')
  if (typeof m.evolve !== 'function')
    throw new TypeError('a reducer must export a function evolve(state, event)')
  const parse = JSON.parse
  const stringify = JSON.stringify
  let state = null
  let done = 0
  return {
    __names: ['initial', 'load', 'steps', 'done', 'read'],
    initial() { return stringify(checkJson(m.initialState(), 'initialState()')) },
    load(text) { state = parse(text) },
    steps(eventsText) {
      const events = parse(eventsText)
      done = 0
      for (let i = 0; i < events.length; i++) {
        state = checkJson(m.evolve(state, events[i]), 'the state evolve returned')
        done = i + 1
      }
    },
    done() { return String(done) },
    read() { return stringify(state) },
  }
})
`

export interface ReducerSource {
  /** Identity for caches: changes whenever the code does (file path and content hash). */
  readonly id: string
  /** File name shown in errors and stack lines (`Account.js`). */
  readonly fileName: string
  readonly source: string
  readonly limits?: Partial<SandboxLimits>
}

/** Most events sent in one crossing; fewer while the reducer is slow (see `adapt`). */
const maxBatch = 512

export class SandboxedReducer implements Reducer {
  private owner: object | null = null
  private batch = 64

  private constructor(
    private readonly quickJs: QuickJSWASMModule,
    private readonly spec: ReducerSource,
    private sandbox: Sandbox,
    private readonly initial: Json,
  ) {}

  /** Load and check a reducer module; throws SandboxError('load') with the reason when it cannot be used. */
  static async load(spec: ReducerSource): Promise<SandboxedReducer> {
    const quickJs = await loadQuickJs()
    const sandbox = Sandbox.create(quickJs, { ...spec, glue: reducerGlue })
    try {
      const initial = parseJson(sandbox.call('initial'), 'initialState()')
      return new SandboxedReducer(quickJs, spec, sandbox, initial)
    } catch (error) {
      sandbox.dispose()
      if (error instanceof SandboxError) throw new SandboxError('load', error.message, error.location)
      throw error
    }
  }

  get id(): string {
    return this.spec.id
  }

  get label(): string {
    return this.spec.fileName
  }

  initialState(): Json {
    return structuredClone(this.initial)
  }

  /** Fold from `state`: one copy of the state into the sandbox, then only events cross. */
  start(state: Json): ReducerCursor {
    const token = {}
    this.owner = token
    this.fresh().call('load', JSON.stringify(state))
    const mine = (): Sandbox => {
      if (this.owner !== token) throw new Error('reducer cursor used after another fold started')
      return this.fresh()
    }
    return {
      stepAll: (events) => this.stepAll(mine(), events),
      state: () => parseJson(mine().call('read'), 'the state'),
    }
  }

  dispose(): void {
    this.sandbox.dispose()
  }

  /**
   * Events cross in batches (a crossing costs ~20 µs, an event inside ~10 µs). A batch gets the time
   * limit of one event; when one runs out of time or memory, the batch is folded again one event per
   * call from its starting state in a fresh sandbox, so the limit and the failure are exactly per event.
   */
  private stepAll(sandbox: Sandbox, events: readonly ReplayEvent[]): void {
    let at = 0
    while (at < events.length) {
      const size = Math.min(this.batch, events.length - at)
      const slice = events.slice(at, at + size)
      const startState = size > 1 ? sandbox.call('read') : null
      const began = Date.now()
      try {
        sandbox.call('steps', JSON.stringify(slice))
      } catch (error) {
        if (!(error instanceof SandboxError)) throw error
        if (startState === null || (error.kind !== 'timeout' && error.kind !== 'memory'))
          throw new StepFailure(at + (sandbox.broken ? 0 : Number(sandbox.call('done'))), error)
        this.batch = 1
        this.foldOneByOne(startState, slice, at)
        sandbox = this.sandbox
        at += size
        continue
      }
      this.adapt(Date.now() - began)
      at += size
    }
  }

  private foldOneByOne(startState: string, events: readonly ReplayEvent[], offset: number): void {
    const sandbox = this.fresh()
    sandbox.call('load', startState)
    events.forEach((event, i) => {
      try {
        sandbox.call('steps', JSON.stringify([event]))
      } catch (error) {
        throw new StepFailure(offset + i, error)
      }
    })
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
      this.sandbox.dispose()
      this.sandbox = Sandbox.create(this.quickJs, { ...this.spec, glue: reducerGlue })
    }
    return this.sandbox
  }
}

function parseJson(text: string | null, what: string): Json {
  if (text === null) throw new SandboxError('not_json', `${what} is not JSON`)
  try {
    return JSON.parse(text) as Json
  } catch {
    throw new SandboxError('not_json', `${what} is not JSON`)
  }
}
