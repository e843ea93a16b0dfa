// One stream file read once: where every valid event is, what is wrong with which line, and the replayed
// state at checkpoints. Built by a single sequential pass; extended in place when the file grows.

import { stat } from 'node:fs/promises'
import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import type { ExactJsonObject, Json } from '../json/json-value'
import { Checkpoints, type CheckpointColumns } from '../replay/checkpoints'
import type { Composite } from '../json/merge-composite'
import {
  detectStyle,
  evolveRaw,
  foldRaw,
  inferAggregateType,
  readEnvelope,
  readTime,
  scanFields,
} from './envelope'
import { EventPositions, type PositionColumns } from './event-positions'
import type { LineSpan } from './line-splitter'
import { lineProblem } from './line-problems'
import { readLines, type LineReadOptions } from './line-reader'
import { judgeLine, type LineEvent, type LineVerdict } from './line-verdict'

/** Line problems kept per stream; more are counted but not listed, so a garbage file stays cheap. */
export const maxListedProblems = 1000

export interface ScanOptions {
  /** Replay every event into checkpoints (opening a stream) or only count and check (reconciling). */
  readonly replay: boolean
  /**
   * One chunk of a stream scanned in parallel (chunked-scan.ts): `latestState` and the checkpoint
   * states are then composite patches relative to the chunk's first event (merge-composite.ts), not
   * states; the chunk does not know the state it starts from.
   */
  readonly composite?: boolean
}

/** What a pass over a stream file learned. Mutable while the pass runs; treat as read-only afterwards. */
export class StreamIndex {
  readonly positions: EventPositions
  readonly problems: Problem[] = []
  problemCount = 0
  /** Of `problemCount`, those whose kind is an error (the rest are warnings): the badge counts both. */
  errorCount = 0
  style: EnvelopeStyle | null = null
  type: string | null = null
  firstEventAt: string | null = null
  /** The last event's time field as parsed from JSON; read through `lastEventAt` and `lastEventAtMs`. */
  private lastTimeValue: Json | undefined = undefined
  private lastTimeRead: { text: string | null; ms: number } | null = null
  readonly checkpoints: Checkpoints
  latestState: ExactJsonObject = {}
  /**
   * Whether a line held a number literal a double does not print back (an integer beyond ±2^53, 1.0,
   * -0.0, 1E5…): only then do later replays of this stream parse lines exactly (replay.ts), so other
   * streams pay nothing.
   */
  beyondSafe = false
  /** Size and identity of the file when it was read, to notice growth or replacement. */
  fileSize = 0
  fileIno = 0
  fileMtimeMs = 0
  /** Events per event type, and the version of each type's latest event (templates for the append form). */
  readonly typeCounts = new Map<string, number>()
  readonly latestOfType = new Map<string, number>()
  private typeUndo: { type: string; latest: number | undefined } | null = null
  /** Bytes and lines taken in as terminated lines; an unterminated last line starts at `committedBytes`. */
  committedBytes = 0
  committedLines = 0
  /** What the index looked like before it took in the unterminated last line, to undo it when the line grows. */
  private beforeTail: TailSnapshot | null = null
  private mismatchProblem: Problem | null = null
  private mismatches = 0

  constructor(
    readonly file: string,
    readonly aggregateId: string,
    readonly options: ScanOptions,
    restored?: StreamTransfer,
  ) {
    this.positions = restored ? EventPositions.fromColumns(restored.positions) : new EventPositions()
    this.checkpoints = restored ? Checkpoints.fromColumns(restored.checkpoints) : new Checkpoints()
    if (restored) Object.assign(this, restored.fields)
  }

  /**
   * Everything the index knows, as structured-clonable values, to hand it from a worker to the main thread.
   *
   * The position columns' buffers can go in the transfer list (no copy); checkpoint states are cloned
   * as one graph, so subtrees shared between checkpoints stay shared.
   */
  toTransfer(): StreamTransfer {
    return {
      file: this.file,
      aggregateId: this.aggregateId,
      options: this.options,
      positions: this.positions.columns(),
      checkpoints: this.checkpoints.columns(),
      fields: {
        problems: this.problems,
        problemCount: this.problemCount,
        errorCount: this.errorCount,
        style: this.style,
        type: this.type,
        firstEventAt: this.firstEventAt,
        lastTimeValue: this.lastTimeValue,
        latestState: this.latestState,
        beyondSafe: this.beyondSafe,
        fileSize: this.fileSize,
        fileIno: this.fileIno,
        fileMtimeMs: this.fileMtimeMs,
        typeCounts: this.typeCounts,
        latestOfType: this.latestOfType,
        typeUndo: this.typeUndo,
        committedBytes: this.committedBytes,
        committedLines: this.committedLines,
        beforeTail: this.beforeTail,
        mismatchProblem: this.mismatchProblem,
        mismatches: this.mismatches,
      },
    }
  }

  /** The index a worker built, rebuilt from its transfer. */
  static fromTransfer(transfer: StreamTransfer): StreamIndex {
    return new StreamIndex(transfer.file, transfer.aggregateId, transfer.options, transfer)
  }

  /** An index rebuilt from its transfer, over positions kept otherwise (cached-scan.ts: compact ones). */
  static restoredWith(transfer: Omit<StreamTransfer, 'positions'>, positions: EventPositions): StreamIndex {
    const index = new StreamIndex(transfer.file, transfer.aggregateId, transfer.options)
    Object.assign(
      index,
      { positions, checkpoints: Checkpoints.fromColumns(transfer.checkpoints) },
      transfer.fields,
    )
    return index
  }

  /**
   * An index put together from parts (a stream scanned in chunks, chunked-scan.ts): its positions,
   * its checkpoints (some maybe deferred) and every other field, as `toTransfer` names them.
   */
  static assembled(
    file: string,
    aggregateId: string,
    positions: EventPositions,
    checkpoints: Checkpoints,
    fields: StreamTransfer['fields'],
  ): StreamIndex {
    const index = new StreamIndex(file, aggregateId, { replay: true })
    Object.assign(index, { positions, checkpoints }, fields)
    return index
  }

  get eventCount(): number {
    return this.positions.count
  }

  /** Take one line of the file into the index; returns its verdict (judgeLine, the one decision). */
  accept(span: LineSpan): LineVerdict {
    const verdict = judgeLine(span, this.style)
    for (const problem of verdict.problems) this.report(problem)
    if (verdict.event) this.take(verdict.event, span)
    return verdict
  }

  private take({ value, exact }: LineEvent, span: LineSpan): void {
    const style = (this.style ??= detectStyle(value))
    this.positions.push(span.contentOffset, span.end - span.start, span.line)
    // O(fields of the event): the envelope is read in full only for the first event; for the others
    // only type, time (kept unparsed) and aggregate id are picked, and the payload is patched in place.
    if (this.eventCount === 1) {
      const envelope = readEnvelope(value, style)
      this.type = inferAggregateType(envelope)
      this.firstEventAt = envelope.occurredAt
    }
    this.noteEvent(scanFields(value, style), span)
    if (this.options.replay) {
      // Number literals a double does not print back (integers beyond 2^53, 1.0, -0.0, 1E5…) are
      // replayed as written: judgeLine parsed such a line again, exactly; only then is `exact` there.
      // The envelope fields above keep JSON.parse's values.
      if (exact) this.beyondSafe = true
      const state = this.options.composite
        ? (foldRaw(this.latestState as Composite, exact ?? value, style) as ExactJsonObject)
        : evolveRaw(this.latestState, exact ?? value, style)
      this.latestState = state
      this.checkpoints.offer(this.eventCount, span.end - span.start, this.latestState)
    }
  }

  /** The time of the last event as written (ISO text kept as is, epoch numbers as ISO text). */
  get lastEventAt(): string | null {
    return this.lastTime().text
  }

  /** The time of the last event in epoch milliseconds; NaN when unknown. */
  get lastEventAtMs(): number {
    return this.lastTime().ms
  }

  // Parsed on demand: Date.parse on every event of a million cost 1.5 s of a 9.6 s scan.
  private lastTime(): { text: string | null; ms: number } {
    this.lastTimeRead ??= readTime(this.lastTimeValue)
    return this.lastTimeRead
  }

  /** Remember the index as it is, before a provisional (unterminated) last line is taken in. */
  markTail(): void {
    this.beforeTail = {
      eventCount: this.eventCount,
      listedProblems: this.problems.length,
      problemCount: this.problemCount,
      errorCount: this.errorCount,
      latestState: this.latestState,
      style: this.style,
      type: this.type,
      firstEventAt: this.firstEventAt,
      lastTimeValue: this.lastTimeValue,
      mismatches: this.mismatches,
      mismatchMessage: this.mismatchProblem?.message ?? null,
    }
  }

  /** Forget the provisional last line: it is read again, with what has been appended to it since. */
  undoTail(): void {
    const before = this.beforeTail
    if (!before) return
    if (this.eventCount > before.eventCount && this.typeUndo) {
      const { type, latest } = this.typeUndo
      this.typeCounts.set(type, (this.typeCounts.get(type) ?? 1) - 1)
      if (latest === undefined) this.latestOfType.delete(type)
      else this.latestOfType.set(type, latest)
    }
    this.typeUndo = null
    this.positions.truncate(before.eventCount)
    this.checkpoints.truncate(before.eventCount)
    this.problems.length = before.listedProblems
    this.problemCount = before.problemCount
    this.errorCount = before.errorCount
    Object.assign(this, {
      latestState: before.latestState,
      style: before.style,
      type: before.type,
      firstEventAt: before.firstEventAt,
      mismatches: before.mismatches,
    })
    this.lastTimeValue = before.lastTimeValue
    this.lastTimeRead = null
    if (this.mismatchProblem && before.mismatchMessage === null) this.mismatchProblem = null
    else if (this.mismatchProblem && before.mismatchMessage !== null)
      this.mismatchProblem.message = before.mismatchMessage
    this.beforeTail = null
  }

  private noteEvent(envelope: ReturnType<typeof scanFields>, span: LineSpan): void {
    this.lastTimeValue = envelope.time
    this.lastTimeRead = null
    if (envelope.type !== null) {
      // Only an unterminated last line is ever undone; remembering this for every event cost an object each.
      if (!span.terminated)
        this.typeUndo = { type: envelope.type, latest: this.latestOfType.get(envelope.type) }
      this.typeCounts.set(envelope.type, (this.typeCounts.get(envelope.type) ?? 0) + 1)
      this.latestOfType.set(envelope.type, this.eventCount)
    }
    if (envelope.type === null) {
      this.report(lineProblem('missing_type', span.line, span.lineOffset, 'Event has no type field', null))
    }
    if (envelope.aggregateId !== null && envelope.aggregateId !== this.aggregateId) {
      this.noteMismatch(envelope.aggregateId, span)
    }
  }

  // One listed finding per stream for a foreign aggregate id, whose message counts them all: a stream
  // written under the wrong name would otherwise put a problem row between every two events.
  private noteMismatch(found: string, span: LineSpan): void {
    this.mismatches++
    if (!this.mismatchProblem) {
      this.mismatchProblem = lineProblem('aggregate_mismatch', span.line, span.lineOffset, '', null)
      this.report(this.mismatchProblem)
    }
    const others = this.mismatches > 1 ? ` (${this.mismatches} events in this stream)` : ''
    this.mismatchProblem.message = `Event names aggregate ${found}, not this file's ${this.aggregateId}${others}`
  }

  private report(problem: Problem): void {
    this.problemCount++
    if (problem.severity === 'error') this.errorCount++
    if (this.problems.length < maxListedProblems) this.problems.push(problem)
  }
}

/** A StreamIndex as plain values (see `toTransfer`). */
export interface StreamTransfer {
  readonly file: string
  readonly aggregateId: string
  readonly options: ScanOptions
  readonly positions: PositionColumns
  readonly checkpoints: CheckpointColumns
  readonly fields: { readonly [field: string]: unknown }
}

interface TailSnapshot {
  readonly eventCount: number
  readonly listedProblems: number
  readonly problemCount: number
  readonly errorCount: number
  readonly latestState: ExactJsonObject
  readonly style: EnvelopeStyle | null
  readonly type: string | null
  readonly firstEventAt: string | null
  readonly lastTimeValue: Json | undefined
  readonly mismatches: number
  readonly mismatchMessage: string | null
}

/**
 * Read a stream file once, from its first byte to its current end.
 *
 * O(file size) time; memory O(events) in typed arrays plus checkpoint states, never the file itself.
 */
export async function scanStream(
  file: string,
  aggregateId: string,
  options: ScanOptions,
  control: ScanControl = {},
): Promise<StreamIndex> {
  const index = new StreamIndex(file, aggregateId, options)
  await readOn(index, control)
  return index
}

/** Progress and cancellation of a scan, both looked at once per 4 MiB chunk. */
export interface ScanControl {
  readonly signal?: AbortSignal | undefined
  /** Bytes read so far and the file's size. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  /** Each event as the pass takes it in, with its line, version and the stream's style (verify's checks). */
  readonly onEvent?:
    ((event: LineEvent, span: LineSpan, version: number, style: EnvelopeStyle) => void) | undefined
  /** The file's fstat and each chunk's bytes, as readLines hands them (the scan cache's stamp). */
  readonly onOpen?: LineReadOptions['onOpen']
  readonly onBytes?: LineReadOptions['onBytes']
  /** Read a small file whole with synchronous calls (readLines' syncUpTo): worker threads only. */
  readonly syncUpTo?: LineReadOptions['syncUpTo']
}

// One extension of an index at a time: the watcher and a request for the stream both extend it, and
// two interleaved passes would each undo and re-read the provisional last line, leaving its problem
// listed twice, and once more for good after the line is complete.
const extending = new WeakMap<StreamIndex, Promise<boolean>>()

/**
 * Take in what was appended to the file since the index was built: O(appended bytes).
 *
 * Returns false when the file was replaced or shrank (the index cannot be extended; scan it again).
 */
export async function extendStream(index: StreamIndex, control: ScanControl = {}): Promise<boolean> {
  const running = extending.get(index)
  // After the running pass, look again: the file may have grown since it started.
  if (running) return running.then(() => extendStream(index, control))
  const pass = extendOnce(index, control).finally(() => extending.delete(index))
  extending.set(index, pass)
  return pass
}

async function extendOnce(index: StreamIndex, control: ScanControl): Promise<boolean> {
  const info = await stat(index.file)
  if (info.ino !== index.fileIno || info.size < index.fileSize) return false
  if (info.size === index.fileSize && info.mtimeMs === index.fileMtimeMs) return true
  index.undoTail()
  await readOn(index, control)
  return true
}

/**
 * Read on from where the index stopped to the file's end, its unterminated last line included:
 * O(bytes after `committedBytes`). A scan joined from chunks ends here (chunked-scan.ts).
 */
export function readRest(index: StreamIndex, control: ScanControl = {}): Promise<void> {
  return readOn(index, control)
}

async function readOn(index: StreamIndex, control: ScanControl = {}): Promise<void> {
  const end = await readLines(
    index.file,
    {
      from: index.committedBytes,
      linesBefore: index.committedLines,
      signal: control.signal,
      afterChunk: (done, total) => control.onProgress?.(done, total),
      // Recorded before the tail is taken in, so that it can be undone when the line grows.
      beforeTail: () => index.markTail(),
      onOpen: control.onOpen,
      onBytes: control.onBytes,
      syncUpTo: control.syncUpTo,
    },
    (span) => {
      const verdict = index.accept(span)
      if (verdict.event && control.onEvent && index.style)
        control.onEvent(verdict.event, span, index.eventCount, index.style)
    },
  )
  index.committedBytes = end.consumedOffset
  index.committedLines = end.linesSeen
  index.fileSize = end.position
  index.fileIno = end.ino
  index.fileMtimeMs = end.mtimeMs
}

/** Whether the file changed since the index was built (grown, shrunk, replaced or rewritten). */
export async function isStale(index: StreamIndex): Promise<boolean> {
  try {
    const info = await stat(index.file)
    return info.size !== index.fileSize || info.ino !== index.fileIno || info.mtimeMs !== index.fileMtimeMs
  } catch {
    return true
  }
}
