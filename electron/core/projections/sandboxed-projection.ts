// A custom projection (`initialState()` and `handlers: { [eventType]: (state, event) => state }`, the
// seed's ReadModelProjector.register in module form) running in the sandbox over a whole store.

import type { Json } from '../../../shared/contract'
import { Sandbox, type SandboxLimits } from '../sandbox/sandbox'
import { SandboxError } from '../sandbox/sandbox-error'

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
  let done = 0
  return {
    __names: ['types', 'steps', 'done', 'read'],
    types() {
      return stringify(Object.keys(handlers).filter((type) => typeof handlers[type] === 'function'))
    },
    steps(eventsText) {
      const events = parse(eventsText)
      done = 0
      for (let i = 0; i < events.length; i++) {
        const next = handlers[events[i].type](state, events[i])
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

/** The event a projection handler receives: the normalized event with its aggregate. */
export interface ProjectionEvent {
  readonly aggregateId: string
  readonly version: number
  readonly type: string | null
  readonly occurredAt: string | null
  readonly id: string | null
  readonly payload: Json
  readonly metadata: Json
}

/** Where a projection stopped. */
export class ProjectionFailure extends Error {
  constructor(
    readonly event: ProjectionEvent | null,
    override readonly cause: SandboxError,
  ) {
    super(cause.message)
    this.name = 'ProjectionFailure'
  }
}

const maxBatch = 512

export class SandboxedProjection {
  private pending: ProjectionEvent[] = []
  private batch = 64

  private constructor(
    private readonly sandbox: Sandbox,
    /** Event types that have a handler: only these cross into the sandbox. */
    readonly types: ReadonlySet<string>,
  ) {}

  static async load(spec: {
    readonly source: string
    readonly fileName: string
    readonly limits?: Partial<SandboxLimits>
  }): Promise<SandboxedProjection> {
    const sandbox = await Sandbox.load({ ...spec, glue: projectionGlue })
    try {
      const types: unknown = JSON.parse(sandbox.call('types') ?? '[]')
      return new SandboxedProjection(sandbox, new Set(Array.isArray(types) ? (types as string[]) : []))
    } catch (error) {
      sandbox.dispose()
      if (error instanceof SandboxError) throw new SandboxError('load', error.message, error.location)
      throw error
    }
  }

  /** Queue an event (of a handled type); sent in batches. Throws ProjectionFailure. */
  push(event: ProjectionEvent): void {
    this.pending.push(event)
    if (this.pending.length >= this.batch) this.flush()
  }

  /** Send what is queued, then the state as JSON. Throws ProjectionFailure. */
  result(): Json {
    this.flush()
    try {
      return JSON.parse(this.sandbox.call('read') ?? 'null') as Json
    } catch (error) {
      if (error instanceof SandboxError) throw new ProjectionFailure(null, error)
      throw error
    }
  }

  dispose(): void {
    this.sandbox.dispose()
  }

  /**
   * A batch gets the time limit of one event, and batches are sized to stay well inside it. When one
   * runs out anyway, its remaining events are sent one per call, so only a truly slow event fails.
   */
  private flush(): void {
    let events = this.pending
    this.pending = []
    while (events.length > 0) {
      const began = Date.now()
      try {
        this.sandbox.call('steps', JSON.stringify(events))
        this.adapt(Date.now() - began)
        return
      } catch (error) {
        if (!(error instanceof SandboxError)) throw error
        const done = this.sandbox.broken ? 0 : Number(this.sandbox.call('done'))
        if (error.kind !== 'timeout' || events.length === 1)
          throw new ProjectionFailure(events[done] ?? null, error)
        this.batch = 1
        events = events.slice(done)
        for (const [i, event] of events.entries()) {
          try {
            this.sandbox.call('steps', JSON.stringify([event]))
          } catch (single) {
            if (single instanceof SandboxError) throw new ProjectionFailure(events[i] ?? null, single)
            throw single
          }
        }
        return
      }
    }
  }

  private adapt(elapsedMs: number): void {
    const limit = this.sandbox.limits.callMs
    if (elapsedMs > limit / 4) this.batch = Math.max(1, this.batch >> 1)
    else if (elapsedMs < limit / 20) this.batch = Math.min(maxBatch, this.batch * 2)
  }
}
