// Entry of a sandbox worker thread (built to out/main/sandbox-worker.js): loads one user module into
// QuickJS and answers the host's requests about it, one at a time. The host caps this thread's heap
// (resourceLimits), caps the engine's WebAssembly memory (quickjs.ts), and terminates the thread when a
// call overruns its limit; this side never has to be trusted to stop.

import { parentPort, workerData } from 'node:worker_threads'
import { ProjectionEngine } from '../projections/projection-engine'
import { ReducerEngine } from '../reducers/reducer-engine'
import { CallWatch } from './call-watch'
import { loadQuickJs } from './quickjs'
import { SandboxError } from './sandbox-error'
import type {
  SandboxEngine,
  SandboxEnvelope,
  SandboxReply,
  SandboxRequest,
  SandboxWorkerData,
} from './sandbox-protocol'

const port = parentPort
if (port) {
  const { watch: buffer, limits } = workerData as SandboxWorkerData
  const watch = new CallWatch(buffer)
  let engine: SandboxEngine | null = null

  const handle = async (request: SandboxRequest): Promise<SandboxReply> => {
    if (request.op === 'load') {
      const quickJs = await loadQuickJs(limits.memoryBytes)
      const module = { source: request.source, fileName: request.fileName, limits }
      if (request.engine === 'reducer') {
        const reducer = ReducerEngine.create(quickJs, module, watch)
        engine = reducer
        return { ok: true, value: reducer.initial }
      }
      const projection = ProjectionEngine.create(quickJs, module, watch)
      engine = projection
      return { ok: true, value: projection.types }
    }
    if (!engine) throw new SandboxError('load', 'no module is loaded')
    return engine.handle(request)
  }

  let queue: Promise<void> = Promise.resolve()
  port.on('message', ({ id, body }: SandboxEnvelope<SandboxRequest>) => {
    queue = queue.then(async () => {
      let reply: SandboxReply
      try {
        reply = await handle(body)
      } catch (error) {
        const failure =
          error instanceof SandboxError
            ? error
            : new SandboxError('load', `the sandbox failed: ${String(error)}`)
        reply = { ok: false, failure: failure.toData(), at: 0 }
      }
      port.postMessage({ id, body: reply } satisfies SandboxEnvelope<SandboxReply>)
      // An engine whose heap cannot be trusted any more ends its thread; the host starts another.
      if (engine?.poisoned) process.exit(1)
    })
  })
}
