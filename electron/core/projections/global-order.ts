// The events of a whole store in global time order (by time, events without one last, then aggregate
// id, then version), read with bounded memory: one pass records 24 bytes per event, a sort orders
// them, a second pass reads the events back in that order through a small window per stream.

import type { FileHandle } from 'node:fs/promises'
import { openRegularFile } from '../store/regular-file'
import { isJsonObject } from '../json/json-value'
import { scanLines, type ScannedEvent } from '../scan/scan-lines'
import { ProgressMeter, storeStreams, type ScanProgress } from '../scan/store-streams'
import { detectStyle, readEnvelope, type EventEnvelope } from '../stream/envelope'
import type { StreamFile } from '../store/store-files'
import type { EnvelopeStyle, Problem } from '../../../shared/contract'

/** An event handed out in global order. */
export interface OrderedEvent {
  readonly aggregateId: string
  readonly version: number
  readonly envelope: EventEnvelope
}

/** An event in global order as read back: also its line (content only) and its stream's style. */
export interface OrderedLine extends OrderedEvent {
  readonly raw: string
  readonly style: EnvelopeStyle
}

export interface OrderOptions {
  readonly signal?: AbortSignal
  /** Progress over both passes: bytes scanned then events delivered, as one fraction of the work. */
  readonly onProgress?: (progress: { done: number; total: number; phase: 'scan' | 'replay' }) => void
  /** Only events of these types are read back (the others are still ordered, never parsed twice). */
  readonly types?: ReadonlySet<string> | null
  /** Each line that holds no event (the last of its problems: the reason); it is not delivered. */
  readonly onNoEvent?: (aggregateId: string, problem: Problem) => void
}

const windowBytes = 256 * 1024
/** Streams read back at once: bounds open files and window memory (256 x 256 KiB). */
const maxReaders = 256

/**
 * Call `onEvent` for every event of the store in global time order, waiting for it when it returns a
 * promise.
 *
 * O(store bytes) twice (the second pass only for events of `types`) plus O(n log n) to sort n events;
 * memory O(n) in typed arrays plus one read window per stream touched.
 */
export async function forEachInTimeOrder(
  dir: string,
  onEvent: (event: OrderedLine) => Promise<void> | void,
  options: OrderOptions = {},
): Promise<number> {
  const { streams, totalBytes } = await storeStreams(dir)
  const keys = new KeyTable()
  const styles: (EnvelopeStyle | null)[] = []
  const meter = new ProgressMeter(totalBytes, (progress: ScanProgress) =>
    options.onProgress?.({ done: progress.scannedBytes, total: progress.totalBytes, phase: 'scan' }),
  )
  for (const [streamIndex, stream] of streams.entries()) {
    let style: EnvelopeStyle | null = null
    const { onNoEvent } = options
    await scanLines(stream.file, stream.aggregateId, {
      onBytes: (bytes) => meter.add(bytes),
      ...(onNoEvent ? { onNoEvent: (problem: Problem) => onNoEvent(stream.aggregateId, problem) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event: ScannedEvent) => {
        style ??= detectStyle(event.value)
        const wanted = !options.types || options.types.has(event.envelope.type ?? '')
        if (wanted)
          keys.push(event.envelope.occurredAtMs, streamIndex, event.version, event.offset, event.length)
      },
    })
    styles.push(style)
  }
  meter.finish()
  const order = keys.sorted((a, b) => compareKeys(keys, streams, a, b))
  const readers = new Map<number, WindowReader>()
  try {
    let delivered = 0
    for (const at of order) {
      if (delivered % 1024 === 0) {
        options.signal?.throwIfAborted()
        options.onProgress?.({ done: delivered, total: order.length, phase: 'replay' })
      }
      const streamIndex = keys.stream[at] as number
      const stream = streams[streamIndex] as StreamFile
      let reader = readers.get(streamIndex)
      if (reader) readers.delete(streamIndex)
      else reader = new WindowReader(stream.file)
      readers.set(streamIndex, reader)
      // Least recently used first in the map: close the oldest beyond the bound on open files.
      if (readers.size > maxReaders) {
        const [oldest, evicted] = readers.entries().next().value as [number, WindowReader]
        readers.delete(oldest)
        await evicted.close()
      }
      const raw = await reader.read(keys.offset[at] as number, keys.length[at] as number)
      const value: unknown = JSON.parse(raw)
      if (!isJsonObject(value)) throw new Error(`${stream.file} changed while it was being read`)
      const style = styles[streamIndex] ?? detectStyle(value)
      // A consumer that hands events on in batches (the sandbox) holds the reading back while it works.
      const taken = onEvent({
        aggregateId: stream.aggregateId,
        version: keys.version[at] as number,
        envelope: readEnvelope(value, style),
        raw,
        style,
      })
      if (taken) await taken
      delivered++
    }
    options.onProgress?.({ done: delivered, total: order.length, phase: 'replay' })
    return delivered
  } finally {
    for (const reader of readers.values()) await reader.close()
  }
}

function compareKeys(keys: KeyTable, streams: readonly StreamFile[], a: number, b: number): number {
  const timeA = keys.time[a] as number
  const timeB = keys.time[b] as number
  const noneA = Number.isNaN(timeA)
  const noneB = Number.isNaN(timeB)
  if (noneA !== noneB) return noneA ? 1 : -1
  if (!noneA && timeA !== timeB) return timeA - timeB
  const streamA = keys.stream[a] as number
  const streamB = keys.stream[b] as number
  // Streams are listed sorted by aggregate id, so their index orders them by id.
  if (streamA !== streamB)
    return (streams[streamA]?.aggregateId ?? '') < (streams[streamB]?.aggregateId ?? '') ? -1 : 1
  return (keys.version[a] as number) - (keys.version[b] as number)
}

/** Sort keys of every event, column by column in growable typed arrays. */
class KeyTable {
  time = new Float64Array(1024)
  stream = new Uint32Array(1024)
  version = new Uint32Array(1024)
  offset = new Float64Array(1024)
  length = new Uint32Array(1024)
  size = 0

  push(time: number, stream: number, version: number, offset: number, length: number): void {
    if (this.size === this.time.length) this.grow()
    this.time[this.size] = time
    this.stream[this.size] = stream
    this.version[this.size] = version
    this.offset[this.size] = offset
    this.length[this.size] = length
    this.size++
  }

  sorted(compare: (a: number, b: number) => number): Uint32Array {
    const order = new Uint32Array(this.size)
    for (let i = 0; i < this.size; i++) order[i] = i
    return order.sort(compare)
  }

  private grow(): void {
    const grow = <T extends Float64Array | Uint32Array>(array: T, make: (n: number) => T): T => {
      const next = make(array.length * 2)
      next.set(array)
      return next
    }
    this.time = grow(this.time, (n) => new Float64Array(n))
    this.stream = grow(this.stream, (n) => new Uint32Array(n))
    this.version = grow(this.version, (n) => new Uint32Array(n))
    this.offset = grow(this.offset, (n) => new Float64Array(n))
    this.length = grow(this.length, (n) => new Uint32Array(n))
  }
}

/** Reads lines of one file through a window, so events read in file order cost one read per window. */
class WindowReader {
  private buffer = Buffer.alloc(0)
  private start = 0
  private handle: FileHandle | null = null

  constructor(private readonly file: string) {}

  async read(offset: number, length: number): Promise<string> {
    if (offset < this.start || offset + length > this.start + this.buffer.length) {
      this.handle ??= (await openRegularFile(this.file)).handle
      const size = Math.max(windowBytes, length)
      const buffer = Buffer.allocUnsafe(size)
      const { bytesRead } = await this.handle.read(buffer, 0, size, offset)
      if (bytesRead < length) throw new Error(`${this.file} changed while it was being read`)
      this.buffer = buffer.subarray(0, bytesRead)
      this.start = offset
    }
    return this.buffer.toString('utf8', offset - this.start, offset - this.start + length)
  }

  async close(): Promise<void> {
    await this.handle?.close()
    this.handle = null
  }
}
