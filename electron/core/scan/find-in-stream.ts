// The events of one stream that pass a test, with exact versions, reading as little as it can.

import type { StreamFile } from '../store/store-files'
import type { Needle } from './needle-finder'
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
  readonly signal?: AbortSignal
}

/**
 * Scan with the needles. With a `knownCount` (or one to confirm), lines the needles skip are counted by shape (cheapest) and
 * the total confirmed against it; where it cannot be, or without one, they are checked byte by byte
 * (object-line.ts), so the versions are exact. The second pass only happens for streams that hold a
 * match and whose count disagreed.
 */
export async function findInStream(stream: StreamFile, options: FindOptions): Promise<ScannedEvent[]> {
  const collect = async (trustShape: boolean, onBytes?: (bytes: number) => void) => {
    const found: ScannedEvent[] = []
    const scan = await scanLines(stream.file, stream.aggregateId, {
      needles: options.needles,
      trustShape,
      ...(options.accept ? { accept: options.accept } : {}),
      ...(onBytes ? { onBytes } : {}),
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
  const first = await collect(options.knownCount !== null || confirm !== null, options.onBytes)
  if (first.found.length === 0 || first.scan.guessed === 0) return first.found
  // Stopped early at the limit: the count covers only part of the stream, so it cannot be confirmed.
  if (first.found.length < options.room) {
    const known = options.knownCount ?? (confirm ? await confirm() : null)
    if (known === first.scan.events) return first.found
  }
  return (await collect(false)).found
}
