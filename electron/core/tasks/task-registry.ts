// Every long piece of work (a search, a projection, a verification, an export, a histogram, a stream
// read) runs through one registry: one way to cancel it (`cancel(taskId)`, the `task.cancel` channel),
// one way to say "a newer request replaces this one" (`supersedes`), one answer when it stops
// (TaskCancelled: `{ code: 'cancelled' }` on the wire), and progress reported under its task id.
//
// Why one registry: cancellation used to live in four places and answer in five shapes, so each new
// kind of long work picked one more way. Here a task is an id, an AbortController and a label.

import { StoreError } from '../errors'

/** The one shape of stopped work: a StoreError with the code `cancelled`, saying why it stopped. */
export class TaskCancelled extends StoreError {
  constructor(message: string) {
    super('cancelled', message)
    this.name = 'TaskCancelled'
  }
}

/** What a running task is handed: the signal that stops it and where its progress goes. */
export interface TaskContext {
  readonly signal: AbortSignal
  readonly progress: (done: number, total: number | null) => void
}

export interface TaskOptions {
  /** What the window shows while it runs ("Searching", "Verifying"). */
  readonly label: string
  /**
   * A kind of work of which only the newest runs: starting a task of this kind stops the one running
   * (the window shows only the latest histogram, the latest verification).
   */
  readonly supersedes?: string
  /** Exports run until done or cancelled: another store being opened does not stop them. */
  readonly outlivesStore?: boolean
  /** Progress is reported only once the task has run this long, so quick work does not flicker. */
  readonly quietMs?: number
}

/** A progress report, keyed by the task it is about. */
export interface TaskProgress {
  readonly taskId: string
  readonly task: string
  readonly done: number
  readonly total: number | null
}

interface Running {
  readonly controller: AbortController
  readonly options: TaskOptions
}

/** The tasks of one session. */
export class TaskRegistry {
  private readonly running = new Map<string, Running>()
  private nextId = 1

  constructor(private readonly report: (progress: TaskProgress) => void = () => {}) {}

  /** A fresh task id for work the window did not name (a histogram, a stream read). */
  newId(kind: string): string {
    return `${kind}-${this.nextId++}`
  }

  /**
   * Run `work` as task `taskId`; a task already running under that id, or of the kind it supersedes,
   * stops first. Rejects with TaskCancelled when stopped (whatever error the work threw then).
   */
  async run<T>(taskId: string, work: (task: TaskContext) => Promise<T>, options: TaskOptions): Promise<T> {
    this.cancel(taskId, 'Replaced by a newer request with the same id.')
    if (options.supersedes !== undefined) {
      for (const [id, task] of this.running)
        if (task.options.supersedes === options.supersedes)
          this.stop(id, task, `Superseded: a newer request replaced this ${options.label.toLowerCase()}.`)
    }
    const controller = new AbortController()
    const entry = { controller, options }
    this.running.set(taskId, entry)
    try {
      return await work({ signal: controller.signal, progress: this.reporter(taskId, options) })
    } catch (error) {
      // The work's own word on it ("Export cancelled; nothing was written.") when it has one.
      if (controller.signal.aborted)
        throw error instanceof TaskCancelled ? error : cancelledBy(controller.signal.reason)
      throw error
    } finally {
      if (this.running.get(taskId) === entry) this.running.delete(taskId)
    }
  }

  /** Stop a task; whether one was running under that id. */
  cancel(taskId: string, why = 'Cancelled.'): boolean {
    const task = this.running.get(taskId)
    if (task) this.stop(taskId, task, why)
    return task !== undefined
  }

  /** The open store is closing or being replaced: every task about it stops. */
  storeChanged(why = 'Another store was opened.'): void {
    for (const [id, task] of this.running) if (!task.options.outlivesStore) this.stop(id, task, why)
  }

  /** Report progress of work that is not a task of its own (reading a whole store when it opens). */
  progress(taskId: string, task: string, done: number, total: number | null): void {
    this.report({ taskId, task, done, total })
  }

  private stop(taskId: string, task: Running, why: string): void {
    this.running.delete(taskId)
    task.controller.abort(new TaskCancelled(why))
  }

  private reporter(taskId: string, options: TaskOptions): TaskContext['progress'] {
    const startedAt = performance.now()
    let quiet = (options.quietMs ?? 0) > 0
    return (done, total) => {
      if (quiet && performance.now() - startedAt < (options.quietMs ?? 0)) return
      quiet = false
      this.report({ taskId, task: options.label, done, total })
    }
  }
}

function cancelledBy(reason: unknown): TaskCancelled {
  if (reason instanceof TaskCancelled) return reason
  if (reason instanceof StoreError) return new TaskCancelled(reason.message)
  return new TaskCancelled('Cancelled.')
}
