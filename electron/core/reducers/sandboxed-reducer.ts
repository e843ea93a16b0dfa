// A custom reducer (an ES module exporting `initialState()` and `evolve(state, event)`) running in its
// own sandbox worker (reducer-engine.ts is the inside). The state lives in the worker while a cursor
// folds; events cross in messages of up to a few thousand, the state crosses back as JSON text only when
// asked for (at checkpoints and at the end).

import type { Json } from '../../../shared/contract'
import { StepFailure, type Reducer, type ReducerCursor, type ReplayEvent } from '../replay/reducer'
import { SandboxError } from '../sandbox/sandbox-error'
import { SandboxStopped, SandboxWorker } from '../sandbox/sandbox-host'
import { sandboxLimits, type SandboxLimits } from '../sandbox/sandbox-limits'
import type { SandboxReply, SandboxRequest } from '../sandbox/sandbox-protocol'

export interface ReducerSource {
  /** Identity for caches: changes whenever the code does (file path and content hash). */
  readonly id: string
  /** File name shown in errors and stack lines (`Account.js`). */
  readonly fileName: string
  readonly source: string
  readonly limits?: Partial<SandboxLimits>
  /** How long the worker may sit unused before it is let go (default 60 s). */
  readonly idleMs?: number
}

/** Events per message to the worker: one round trip per ~2,000 events costs the fold almost nothing. */
const messageEvents = 2048
/**
 * A reducer's worker is let go after this long unused (its heap stays at its peak while it lives); the
 * next fold starts another, which costs about 0.1 s.
 */
const idleMs = 60_000

/**
 * Why a reducer module cannot be used. `transient`: the load ran out of time or its worker died, which
 * a busy machine can cause as well as the code (an endless loop); the next load may succeed. Otherwise
 * the code itself is at fault (a syntax error, missing exports, initialState() threw) and will fail
 * the same way until it changes.
 */
export class ReducerLoadError extends SandboxError {
  constructor(
    message: string,
    location: string | null,
    readonly transient: boolean,
  ) {
    super('load', message, location)
  }
}

export class SandboxedReducer implements Reducer {
  private lock: Promise<unknown> = Promise.resolve()
  private disposed = false

  private constructor(
    private readonly spec: ReducerSource,
    private worker: SandboxWorker,
    private readonly initial: Json,
  ) {}

  /** Load and check a reducer module; throws ReducerLoadError with the reason when it cannot be used. */
  static async load(spec: ReducerSource): Promise<SandboxedReducer> {
    const { worker, initial } = await startWorker(spec)
    return new SandboxedReducer(spec, worker, initial)
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

  fold<T>(state: Json, work: (cursor: ReducerCursor) => Promise<T>): Promise<T> {
    const run = this.lock.then(async () => {
      const cursor = new WorkerCursor(this, JSON.stringify(state))
      await cursor.begin()
      return work(cursor)
    })
    this.lock = run.catch(() => undefined)
    return run
  }

  /** Whether a worker is up (none after it was let go idle or stopped, until the next fold). */
  get running(): boolean {
    return !this.worker.dead
  }

  dispose(): void {
    this.disposed = true
    this.worker.terminate()
  }

  /** The live worker, a new one (module loaded again) when the last one was stopped. */
  async live(): Promise<SandboxWorker> {
    if (this.disposed) throw new SandboxError('load', `${this.spec.fileName} was unloaded`)
    if (this.worker.dead) this.worker = (await startWorker(this.spec)).worker
    return this.worker
  }
}

async function startWorker(spec: ReducerSource): Promise<{ worker: SandboxWorker; initial: Json }> {
  const worker = await SandboxWorker.start(sandboxLimits(spec.limits), { idleMs: spec.idleMs ?? idleMs })
  try {
    const reply = await worker.request({
      op: 'load',
      engine: 'reducer',
      source: spec.source,
      fileName: spec.fileName,
    })
    if (!reply.ok) {
      const failure = SandboxError.ofLoad(SandboxError.from(reply.failure))
      throw new ReducerLoadError(failure.message, failure.location, failure.loadCause === 'timeout')
    }
    return { worker, initial: JSON.parse(reply.value ?? 'null') as Json }
  } catch (error) {
    worker.terminate()
    if (error instanceof ReducerLoadError) throw error
    // SandboxStopped: the host stopped the worker past its hard limit, or it crashed.
    if (error instanceof SandboxError)
      throw new ReducerLoadError(error.message, error.location, error instanceof SandboxStopped)
    throw error
  }
}

/**
 * A fold held in the worker. It remembers the last state it knows as text and the messages sent since,
 * so a new worker (the last one was stopped in the middle of a message, or let go while idle) can be
 * brought to the same point; a message the worker died on is sent again one event per call, so the
 * failure names the exact event.
 */
class WorkerCursor implements ReducerCursor {
  private since: { text: string; count: number }[] = []
  /** The worker holding this fold's state; another one must first be brought to it. */
  private worker: SandboxWorker | null = null

  constructor(
    private readonly reducer: SandboxedReducer,
    private base: string,
  ) {}

  async begin(): Promise<void> {
    await this.ready()
  }

  async stepAll(events: readonly ReplayEvent[]): Promise<void> {
    for (let from = 0; from < events.length; from += messageEvents) {
      const chunk = events.slice(from, from + messageEvents)
      await this.send(JSON.stringify(chunk), chunk.length, from)
    }
  }

  async trace(events: readonly ReplayEvent[]): Promise<Json[]> {
    const reply = await (
      await this.ready()
    ).request({
      op: 'trace',
      events: JSON.stringify(events),
      count: events.length,
    })
    if (!reply.ok) throw new StepFailure(reply.at, SandboxError.from(reply.failure))
    const states = JSON.parse(reply.value ?? '[]') as Json[]
    if (states.length !== events.length) throw new Error('the trace lost states')
    // The fold's point is now the last state: a new worker would be brought there.
    if (states.length > 0) {
      this.base = JSON.stringify(states.at(-1))
      this.since = []
    }
    return states
  }

  async state(): Promise<Json> {
    const reply = await (await this.ready()).request({ op: 'read' })
    const text = expectOk(reply)
    if (text === null) throw new SandboxError('not_json', 'the state is not JSON')
    this.base = text
    this.since = []
    return JSON.parse(text) as Json
  }

  // The reducer's live worker, holding this fold's state: a worker that is not the one the fold last
  // used gets the last known state and the messages sent since.
  private async ready(): Promise<SandboxWorker> {
    const worker = await this.reducer.live()
    if (worker === this.worker) return worker
    expectOk(await worker.request({ op: 'start', state: this.base }))
    for (const sent of this.since)
      expectOk(await worker.request({ op: 'steps', events: sent.text, count: sent.count, single: false }))
    this.worker = worker
    return worker
  }

  private async send(text: string, count: number, offset: number): Promise<void> {
    const steps: SandboxRequest = { op: 'steps', events: text, count, single: false }
    let reply: SandboxReply
    try {
      reply = await (await this.ready()).request(steps)
    } catch (error) {
      if (!(error instanceof SandboxStopped)) throw error
      reply = await this.again(text, count, offset)
    }
    if (!reply.ok) throw new StepFailure(offset + reply.at, SandboxError.from(reply.failure))
    this.since.push({ text, count })
  }

  // The worker died during a message: in a new one brought to this fold's point, the message one event
  // per call. A second death is that event's.
  private async again(text: string, count: number, offset: number): Promise<SandboxReply> {
    let single = false
    try {
      const worker = await this.ready()
      single = true
      return await worker.request({ op: 'steps', events: text, count, single: true })
    } catch (error) {
      if (error instanceof SandboxStopped) throw new StepFailure(offset + (single ? error.at : 0), error)
      throw error
    }
  }
}

function expectOk(reply: SandboxReply): string | null {
  if (!reply.ok) throw SandboxError.from(reply.failure)
  return reply.value
}
