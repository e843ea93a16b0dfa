// The events of one stream that pass a test, with exact versions, reading as little as it can.

import type { Problem } from '../../../shared/contract'
import type { StreamFile } from '../store/store-files'
import type { Needle } from './needle-finder'
import { stat } from 'node:fs/promises'
import { findInParallel } from '../worker/parallel-find'
import { workerThresholds } from '../worker/run-task'
import { scanLines, type ScannedEvent } from './scan-lines'

export interface FindOptions {
  readonly needles: Needle[][]
  readonly accept?: (first: ScannedEvent) => boolean
  readonly test: (event: ScannedEvent) => boolean
  /** Stop after this many. */
  readonly room: number
  /** The stream's event count where known, to confirm the versions of lines counted by shape. */
  readonly knownCount: number | null
  /**
   * Where the count may be known but costs a look to confirm (the scan cache: is the file still the
   * one it read?): asked only when a match needs it. Null answers mean "not known".
   */
  readonly confirmCount?: (() => Promise<number | null>) | null
  readonly onBytes?: (bytes: number) => void
  /** Each line that passes the needles but holds no event (scan-lines.ts), once. */
  readonly onNoEvent?: (problem: Problem) => void
  readonly signal?: AbortSignal
}

/**
 * Scan with the needles. With a `knownCount` (or one to confirm), lines the needles skip are counted by shape (cheapest) and
 * the total confirmed against it; where it cannot be, or without one, they are checked byte by byte
 * (object-line.ts), so the versions are exact. The second pass only happens for streams that hold a
 * match and whose count disagreed.
 */
export async function findInStream(stream: StreamFile, options: FindOptions): Promise<ScannedEvent[]> {
  const parallel = await findOnEveryCore(stream, options)
  if (parallel) return parallel
  // Bytes and lines that hold no event are reported by the first pass only; a second one reads them again.
  const collect = async (trustShape: boolean, first: boolean) => {
    const found: ScannedEvent[] = []
    const scan = await scanLines(stream.file, stream.aggregateId, {
      needles: options.needles,
      trustShape,
      ...(options.accept ? { accept: options.accept } : {}),
      ...(first && options.onBytes ? { onBytes: options.onBytes } : {}),
      ...(first && options.onNoEvent ? { onNoEvent: options.onNoEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event) => {
        if (!options.test(event)) return true
        found.push(event)
        return found.length < options.room
      },
    })
    return { found, scan }
  }
  const confirm = options.confirmCount ?? null
  const first = await collect(options.knownCount !== null || confirm !== null, true)
  if (first.found.length === 0 || first.scan.guessed === 0) return first.found
  // Stopped early at the limit: the count covers only part of the stream, so it cannot be confirmed.
  if (first.found.length < options.room) {
    const known = options.knownCount ?? (confirm ? await confirm() : null)
    if (known === first.scan.events) return first.found
  }
  return (await collect(false, false)).found
}

/**
 * A big stream with no count to trust and no limit: searched in ranges on every core (the lines the
 * needles skip are checked byte by byte, the costly part, on all of them at once). Null: search it here.
 */
async function findOnEveryCore(stream: StreamFile, options: FindOptions): Promise<ScannedEvent[] | null> {
  const { minScanBytes, scanThreads } = workerThresholds()
  if (scanThreads < 2 || options.knownCount !== null || options.confirmCount) return null
  if (options.room !== Number.POSITIVE_INFINITY || options.needles.length === 0) return null
  const size = await stat(stream.file).then(
    (info) => info.size,
    () => 0,
  )
  if (size < minScanBytes) return null
  // The first event fixes the stream's style and may rule the stream out, as in scanLines.
  let first: ScannedEvent | null = null
  await scanLines(stream.file, stream.aggregateId, {
    onEvent: (event) => {
      first = event
      return false
    },
    ...(options.signal ? { signal: options.signal } : {}),
  })
  if (first === null) return null
  if (options.accept && !options.accept(first)) return []
  return findInParallel(stream.file, scanThreads, {
    aggregateId: stream.aggregateId,
    style: (first as ScannedEvent).style,
    needles: options.needles,
    test: options.test,
    signal: options.signal,
    onBytes: options.onBytes,
    onNoEvent: options.onNoEvent,
  })
}
