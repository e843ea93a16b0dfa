// The host's side of a sandbox: a worker thread holding one user module, whose limits are enforced from
// outside. Its JavaScript heap is capped by the platform (resourceLimits), its WebAssembly heap by the
// memory it was given (quickjs.ts), and a call into user code that runs past its hard limit (seen
// through the call watch, without asking the worker) gets the thread terminated. Nothing the code does
// can keep it alive, and the thread that asked (the Electron main process, the browser-shell host, the
// CLI) keeps answering meanwhile.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { CallWatcher, newWatchBuffer } from './call-watch'
import { memoryMessage, SandboxError, type SandboxFailureKind } from './sandbox-error'
import type { SandboxLimits } from './sandbox-limits'
import type { SandboxEnvelope, SandboxReply, SandboxRequest, SandboxWorkerData } from './sandbox-protocol'

export interface SandboxSettings {
  /** The built worker script, or a function that builds it (tests from TS sources); default: next to the bundle. */
  readonly workerFile?: string | (() => Promise<string>)
}

let settings: SandboxSettings = {}

/** Say where the sandbox worker script is (tests run the core from its sources, where it is not built). */
export function configureSandbox(next: SandboxSettings): void {
  settings = next
}

async function workerScript(): Promise<string> {
  const { workerFile } = settings
  if (typeof workerFile === 'function') return workerFile()
  if (typeof workerFile === 'string') return workerFile
  // The core is bundled into out/main/*.js or out/main/chunks/*.js; the worker sits in out/main.
  const candidates = [join(__dirname, 'sandbox-worker.js'), join(__dirname, '..', 'sandbox-worker.js')]
  const found = candidates.find((file) => existsSync(file))
  if (!found) throw new SandboxError('load', 'the sandbox is not built (run npm run build)')
  return found
}

/** The worker stopped before answering: terminated at its hard limit, out of heap, or crashed. */
export class SandboxStopped extends SandboxError {
  constructor(
    kind: SandboxFailureKind,
    message: string,
    /** The item of the request the worker was working on (an event's index in `steps`). */
    readonly at: number,
  ) {
    super(kind, message)
  }
}

export const stoppedMessage = 'took longer than its time limit and was stopped (an endless loop?)'

/** How often the host looks at the call watch while a request is out: the hard limit's resolution. */
const watchEveryMs = 20

interface Pending {
  readonly resolve: (reply: SandboxReply) => void
  readonly reject: (error: unknown) => void
}

export class SandboxWorker {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private timer: NodeJS.Timeout | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private stopped: Error | null = null

  private constructor(
    private readonly worker: Worker,
    private readonly watcher: CallWatcher,
    private readonly idleMs: number | null,
  ) {
    worker.unref()
    worker.on('message', ({ id, body }: SandboxEnvelope<SandboxReply>) => {
      const pending = this.pending.get(id)
      if (!pending) return
      this.pending.delete(id)
      this.idleIfDone()
      pending.resolve(body)
      // A heap that reached its cap stays that big (WebAssembly memory never shrinks): let it go, and
      // the next use starts a fresh worker.
      if (!body.ok && body.failure.kind === 'memory')
        this.stop(new SandboxError('load', 'the sandbox ran out of memory'))
    })
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfHeap = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
      this.stop(
        new SandboxStopped(
          'memory',
          outOfHeap ? memoryMessage : `the sandbox failed: ${error.message}`,
          this.watcher.item(),
        ),
      )
    })
    worker.on('exit', () =>
      this.stop(
        new SandboxStopped('memory', `ran out of memory or stack (the sandbox stopped)`, this.watcher.item()),
      ),
    )
  }

  /** Start a worker for modules run under these limits. */
  static async start(limits: SandboxLimits, options: { idleMs?: number } = {}): Promise<SandboxWorker> {
    const buffer = newWatchBuffer()
    const memoryMb = Math.ceil(limits.memoryBytes / (1024 * 1024))
    const worker = new Worker(await workerScript(), {
      workerData: { watch: buffer, limits } satisfies SandboxWorkerData,
      // Events and states pass through the thread's own heap as text, at most a few times the
      // sandbox's memory; past this the platform stops the thread.
      resourceLimits: {
        maxOldGenerationSizeMb: 64 + 3 * memoryMb,
        maxYoungGenerationSizeMb: 16,
        stackSizeMb: 4,
      },
      stdout: true,
      stderr: true,
    })
    return new SandboxWorker(worker, new CallWatcher(buffer), options.idleMs ?? null)
  }

  /** Whether the worker is gone (then every request rejects with why). */
  get dead(): boolean {
    return this.stopped !== null
  }

  /**
   * Send one request; the worker answers requests one at a time, in the order sent, so a caller may
   * send the next before the last is answered. Rejects with SandboxStopped when the worker dies first,
   * or with the signal's reason when aborted (which terminates the worker).
   */
  request(body: SandboxRequest, signal?: AbortSignal): Promise<SandboxReply> {
    if (this.stopped) return Promise.reject(this.stopped)
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<SandboxReply>((resolve, reject) => {
      const abort = (): void => this.stop(signal?.reason as Error)
      const id = this.nextId++
      this.pending.set(id, {
        resolve: (reply) => {
          signal?.removeEventListener('abort', abort)
          resolve(reply)
        },
        reject: (error) => {
          signal?.removeEventListener('abort', abort)
          reject(error)
        },
      })
      signal?.addEventListener('abort', abort, { once: true })
      if (this.idleTimer) clearTimeout(this.idleTimer)
      this.idleTimer = null
      this.worker.ref()
      this.timer ??= setInterval(() => {
        if (this.watcher.overdue())
          this.stop(new SandboxStopped('timeout', stoppedMessage, this.watcher.item()))
      }, watchEveryMs)
      this.worker.postMessage({ id, body } satisfies SandboxEnvelope<SandboxRequest>)
    })
  }

  /** End the worker; anything waiting rejects. */
  terminate(reason: Error = new SandboxError('load', 'the sandbox was closed')): void {
    this.stop(reason)
  }

  // Nothing out: no timer, and the thread does not keep the process alive; after `idleMs` of this, the
  // worker is let go.
  private idleIfDone(): void {
    if (this.pending.size > 0) return
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.worker.unref()
    if (this.idleMs !== null && !this.stopped && !this.idleTimer) {
      this.idleTimer = setTimeout(
        () => this.stop(new SandboxError('load', 'the sandbox was idle')),
        this.idleMs,
      )
      this.idleTimer.unref()
    }
  }

  private stop(reason: Error): void {
    if (this.stopped) return
    this.stopped = reason
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const pending = [...this.pending.values()]
    this.pending.clear()
    this.idleIfDone()
    void this.worker.terminate()
    for (const waiting of pending) waiting.reject(reason)
  }
}
