// A custom projection running in its own sandbox worker (projection-engine.ts is the inside). Events are
// queued and cross in messages of up to a few thousand; the state crosses back once, at the end.

import type { Json } from '../../../shared/contract'
import { SandboxError } from '../sandbox/sandbox-error'
import { SandboxStopped, SandboxWorker } from '../sandbox/sandbox-host'
import { sandboxLimits, type SandboxLimits } from '../sandbox/sandbox-limits'

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

/**
 * The worker was stopped (or its heap ran out) during the events numbered `from` to `to` (in the order
 * they were pushed), while they were folded in batches: run again with `exact` set to this range to
 * learn which one.
 */
export class ProjectionStopped extends Error {
  constructor(
    readonly from: number,
    readonly to: number,
    override readonly cause: SandboxError,
  ) {
    super(cause.message)
    this.name = 'ProjectionStopped'
  }
}

export interface ProjectionModule {
  readonly source: string
  readonly fileName: string
  readonly limits?: Partial<SandboxLimits> | undefined
  /** Events (by push order) to fold one per call, so a worker stopped on one of them names it. */
  readonly exact?: { readonly from: number; readonly to: number } | undefined
  /** Aborting terminates the worker at once, whatever it is running. */
  readonly signal?: AbortSignal | undefined
}

const messageEvents = 2048

export class SandboxedProjection {
  private pending: ProjectionEvent[] = []
  /** Push order number of `pending[0]`. */
  private sent = 0
  /** The message the worker is folding while the next one is read from the store. */
  private inFlight: Promise<void> = Promise.resolve()

  private constructor(
    private readonly worker: SandboxWorker,
    private readonly exact: ProjectionModule['exact'],
    private readonly signal: AbortSignal | undefined,
    /** Event types that have a handler: only these cross into the sandbox. */
    readonly types: ReadonlySet<string>,
  ) {}

  static async load(spec: ProjectionModule): Promise<SandboxedProjection> {
    const worker = await SandboxWorker.start(sandboxLimits(spec.limits))
    try {
      const reply = await worker.request(
        { op: 'load', engine: 'projection', source: spec.source, fileName: spec.fileName },
        spec.signal,
      )
      if (!reply.ok) throw SandboxError.ofLoad(SandboxError.from(reply.failure))
      const types: unknown = JSON.parse(reply.value ?? '[]')
      return new SandboxedProjection(
        worker,
        spec.exact,
        spec.signal,
        new Set(Array.isArray(types) ? types.filter((type) => typeof type === 'string') : []),
      )
    } catch (error) {
      worker.terminate()
      if (error instanceof SandboxError) throw SandboxError.ofLoad(error)
      throw error
    }
  }

  /**
   * Queue an event (of a handled type). A full message is sent, and the one before it awaited: the
   * worker folds one message while the store is read for the next. Rejects with ProjectionFailure.
   */
  push(event: ProjectionEvent): Promise<void> | undefined {
    this.pending.push(event)
    return this.pending.length >= messageEvents ? this.flush() : undefined
  }

  /** Send what is queued, then the state as JSON. Rejects with ProjectionFailure or ProjectionStopped. */
  async result(): Promise<Json> {
    await this.flush()
    await this.inFlight
    const reply = await this.worker.request({ op: 'read' }, this.signal).catch((error: unknown) => {
      if (error instanceof SandboxStopped) throw new ProjectionFailure(null, error)
      throw error
    })
    if (!reply.ok) throw new ProjectionFailure(null, SandboxError.from(reply.failure))
    return JSON.parse(reply.value ?? 'null') as Json
  }

  /** End the worker (a run that is cancelled ends here too: the thread stops at once). */
  dispose(): void {
    this.worker.terminate()
  }

  // Sends what is queued and resolves when the message sent before it is folded.
  private flush(): Promise<void> {
    const events = this.pending
    const from = this.sent
    this.pending = []
    this.sent += events.length
    if (events.length === 0) return this.inFlight
    const before = this.inFlight
    const sending = this.send(events, from)
    // Its failure is seen when it is awaited in turn (next flush or the result), not as unhandled.
    sending.catch(() => undefined)
    this.inFlight = sending
    return before
  }

  private async send(events: ProjectionEvent[], from: number): Promise<void> {
    const to = from + events.length
    const single = this.exact !== undefined && from < this.exact.to && to > this.exact.from
    const reply = await this.worker
      .request({ op: 'steps', events: JSON.stringify(events), count: events.length, single }, this.signal)
      .catch((error: unknown) => {
        if (!(error instanceof SandboxStopped)) throw error
        if (single) throw new ProjectionFailure(events[error.at] ?? null, error)
        throw new ProjectionStopped(from, to, error)
      })
    if (reply.ok) return
    const failure = SandboxError.from(reply.failure)
    if (!single && reply.span !== undefined && reply.span > 1)
      throw new ProjectionStopped(from + reply.at, from + reply.at + reply.span, failure)
    throw new ProjectionFailure(events[reply.at] ?? null, failure)
  }
}
