// A cold search of a big stream on every core: its terminated lines cut into one range per thread
// (chunked-scan.ts), each range searched with the byte needles on a worker thread of its own
// (scan/find-chunk.ts: the lines that cannot match are only counted, checked byte by byte), then the
// ranges joined in order so every candidate's version is exact, and the candidates parsed and tested
// here. Without it, a search with no count to trust checks every line on one thread.

import type { EnvelopeStyle } from '../../../shared/contract'
import { findInRange, type FoundChunk } from '../scan/find-chunk'
import type { Needle } from '../scan/needle-finder'
import type { ScannedEvent } from '../scan/scan-lines'
import { planChunks } from '../stream/chunked-scan'
import { readEnvelope } from '../stream/envelope'
import { judgeLine } from '../stream/line-verdict'
import { StoreError } from '../errors'
import { runTask } from './run-task'
import type { WorkerMessage } from './worker-protocol'

export interface ParallelFind {
  readonly aggregateId: string
  readonly style: EnvelopeStyle
  readonly needles: readonly (readonly Needle[])[]
  readonly test: (event: ScannedEvent) => boolean
  readonly signal?: AbortSignal | undefined
  readonly onBytes?: ((bytes: number) => void) | undefined
}

/**
 * Every event of the stream that passes the test, in order, with exact versions; null when the file
 * cannot be cut in two or more ranges (the caller searches it whole).
 *
 * O(file bytes / threads) wall time on idle cores, plus O(candidates) parsing here.
 */
export async function findInParallel(
  file: string,
  threads: number,
  find: ParallelFind,
): Promise<ScannedEvent[] | null> {
  const plans = await planChunks(file, threads)
  if (plans.length < 2) return null
  const stop = new AbortController()
  const outer = find.signal
  const abort = (): void => stop.abort(outer?.reason)
  outer?.addEventListener('abort', abort, { once: true })
  try {
    const parts = await Promise.all(
      plans.map(async (plan) => {
        let chunk: FoundChunk | null = null
        let failed: Error | null = null
        const onMessage = (message: WorkerMessage): void => {
          if (message.kind === 'found') chunk = message.chunk
          else if (message.kind === 'failed')
            failed = Object.assign(new Error(message.message), { code: message.code })
        }
        const task = { kind: 'find-chunk', file, ...plan, style: find.style, needles: find.needles } as const
        await runTask(task, { signal: stop.signal, offThread: true, onMessage }).catch((error: unknown) => {
          stop.abort(error)
          throw error
        })
        if (failed) {
          stop.abort(failed)
          throw failed
        }
        if (!chunk)
          throw new StoreError('internal', `Searching a range of ${find.aggregateId} ended without a result`)
        find.onBytes?.(plan.until - plan.from)
        return chunk as FoundChunk
      }),
    )
    // What follows the last terminated line: a last line without a line feed, or bytes appended since.
    const from = (plans.at(-1) as { until: number }).until
    const rest = await findInRange(file, { from }, find.style, find.needles, outer)
    find.onBytes?.(rest.consumed - from)
    return joined([...parts, rest], find)
  } catch (error) {
    throw outer?.aborted ? outer.reason : error
  } finally {
    outer?.removeEventListener('abort', abort)
  }
}

// The candidates of every range in order, with versions and line numbers counted from the file's start.
function joined(parts: readonly FoundChunk[], find: ParallelFind): ScannedEvent[] {
  const matches: ScannedEvent[] = []
  let events = 0
  let lines = 0
  for (const part of parts) {
    for (let k = 0; k < part.texts.length; k++) {
      const text = part.texts[k] as string
      const bytes = Buffer.from(text, 'utf8')
      const line = lines + (part.lineNumbers[k] as number)
      const offset = part.offsets[k] as number
      const span = {
        buffer: bytes,
        start: 0,
        end: bytes.length,
        line,
        lineOffset: offset,
        contentOffset: offset,
        terminated: true,
      }
      const verdict = judgeLine(span, find.style)
      if (verdict.event === null) continue
      const { value, text: raw } = verdict.event
      const event: ScannedEvent = {
        aggregateId: find.aggregateId,
        version: events + (part.before[k] as number) + 1,
        line,
        offset,
        length: bytes.length,
        raw,
        value,
        style: find.style,
        envelope: readEnvelope(value, find.style),
      }
      if (find.test(event)) matches.push(event)
    }
    events += part.events
    lines += part.lines
  }
  return matches
}
