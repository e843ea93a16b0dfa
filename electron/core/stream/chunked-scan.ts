// One big stream read by every core: its terminated lines cut at line starts into one chunk per
// thread, each chunk scanned on its own (positions, findings, and its events folded into a composite
// patch, merge-composite.ts, since a chunk does not know the state it starts from), then the chunks
// joined in order. The worker threads live in worker/parallel-scan.ts; this file is the pure-ish part.

import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import { applyComposite, type Composite } from '../json/merge-composite'
import type { ExactJsonObject } from '../json/json-value'
import { Checkpoints, DeferredState } from '../replay/checkpoints'
import { openRegularFile } from '../store/regular-file'
import { detectStyle } from './envelope'
import { EventPositions } from './event-positions'
import { readLines } from './line-reader'
import { judgeLine } from './line-verdict'
import { maxListedProblems, StreamIndex, type ScanControl, type StreamTransfer } from './stream-index'

/** A byte range of a stream: from a line's first byte up to just after a line feed. */
export interface ChunkPlan {
  readonly from: number
  readonly until: number
}

const LF = 0x0a
const probeBytes = 64 * 1024

/**
 * Cut a file's terminated lines into at most `count` chunks of about equal size, each starting at a
 * line's first byte. An unterminated last line belongs to no chunk (it is read on after the join).
 * Returns [] when the file has no line feed. O(count) small reads.
 */
export async function planChunks(file: string, count: number): Promise<ChunkPlan[]> {
  const { handle, info } = await openRegularFile(file)
  try {
    const buffer = Buffer.allocUnsafe(probeBytes)
    const end = await afterLastLineFeed(handle, info.size, buffer)
    const starts = [0]
    for (let k = 1; k < count; k++) {
      const start = await afterNextLineFeed(handle, Math.floor((end * k) / count), end, buffer)
      if (start > (starts.at(-1) as number) && start < end) starts.push(start)
    }
    if (end === 0) return []
    return starts.map((from, k) => ({ from, until: starts[k + 1] ?? end }))
  } finally {
    await handle.close()
  }
}

type Handle = Awaited<ReturnType<typeof openRegularFile>>['handle']

// The offset just after the first line feed at or after `at` (and before `end`), or `end`.
async function afterNextLineFeed(handle: Handle, at: number, end: number, buffer: Buffer) {
  for (let position = at; position < end;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position)
    if (bytesRead === 0) break
    const found = buffer.subarray(0, bytesRead).indexOf(LF)
    if (found !== -1) return position + found + 1
    position += bytesRead
  }
  return end
}

// The offset just after the file's last line feed (0 when it has none), read backwards.
async function afterLastLineFeed(handle: Handle, size: number, buffer: Buffer) {
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - buffer.length)
    const { bytesRead } = await handle.read(buffer, 0, end - start, start)
    const found = buffer.subarray(0, bytesRead).lastIndexOf(LF)
    if (found !== -1) return start + found + 1
    end = start
  }
  return 0
}

/**
 * The envelope style of a stream: that of its first event, as the sequential scan would detect it;
 * null when no event is found. Reads only up to the first event, 64 KiB at a time.
 */
export async function firstEventStyle(file: string, signal?: AbortSignal): Promise<EnvelopeStyle | null> {
  let style: EnvelopeStyle | null = null
  await readLines(file, { chunkBytes: probeBytes, signal, stopped: () => style !== null }, (span) => {
    if (style !== null) return
    const event = judgeLine(span, null).event
    if (event) style = detectStyle(event.value)
  })
  return style
}

/**
 * Scan one chunk with the stream's style, its events folded into a composite patch relative to the
 * chunk's start, line numbers counted from the chunk's first line. O(chunk bytes).
 */
export async function scanChunk(
  file: string,
  aggregateId: string,
  plan: ChunkPlan,
  style: EnvelopeStyle,
  control: ScanControl = {},
): Promise<StreamIndex> {
  const index = new StreamIndex(file, aggregateId, { replay: true, composite: true })
  index.style = style
  const end = await readLines(
    file,
    {
      from: plan.from,
      until: plan.until,
      skipTail: true,
      signal: control.signal,
      afterChunk: (done, total) => control.onProgress?.(done - plan.from, total - plan.from),
    },
    (span) => index.accept(span),
  )
  index.committedBytes = end.consumedOffset
  index.committedLines = end.linesSeen
  index.fileSize = end.position
  index.fileIno = end.ino
  index.fileMtimeMs = end.mtimeMs
  return index
}

/** The chunks were read from different files (the stream was replaced meanwhile): read it whole again. */
export class ChunksDisagreeError extends Error {}

/**
 * Join the scans of a stream's chunks, in file order, into the scan of the whole: positions and line
 * numbers moved to their place in the file, findings and counts added up, each chunk's start state
 * worked out by applying the composites before it, and each chunk's checkpoints kept relative (resolved
 * when first asked for). O(events) for the positions plus O(chunks) composite applications.
 */
export function joinChunks(file: string, aggregateId: string, parts: readonly StreamTransfer[]): StreamIndex {
  const fields = parts.map((part) => part.fields as unknown as ChunkFields)
  const last = fields.at(-1)
  if (!last || fields.some((one) => one.fileIno !== last.fileIno))
    throw new ChunksDisagreeError(`${file} changed while it was read`)
  const total = parts.reduce((sum, part) => sum + part.positions.count, 0)
  const offsets = new Float64Array(Math.max(total, 1))
  const lengths = new Uint32Array(Math.max(total, 1))
  const lineNumbers = new Uint32Array(Math.max(total, 1))
  const checkpoints = new Checkpoints<ExactJsonObject>()
  const problems: Problem[] = []
  const typeCounts = new Map<string, number>()
  const latestOfType = new Map<string, number>()
  const mismatch = joinMismatches(fields)
  let state: ExactJsonObject = {}
  let events = 0
  let lines = 0
  let problemCount = 0
  let errorCount = 0
  parts.forEach((part, k) => {
    const one = fields[k] as ChunkFields
    const { count } = part.positions
    offsets.set(part.positions.offsets.subarray(0, count), events)
    lengths.set(part.positions.lengths.subarray(0, count), events)
    for (let i = 0; i < count; i++) lineNumbers[events + i] = (part.positions.lineNumbers[i] ?? 0) + lines
    const start = state
    if (events > checkpoints.lastVersion) checkpoints.keep(events, start)
    const { versions, states } = part.checkpoints
    for (let i = 1; i < versions.length; i++) {
      const relative = states[i] as unknown as Composite
      checkpoints.keepDeferred(
        (versions[i] ?? 0) + events,
        new DeferredState(() => applyComposite(start, relative)),
      )
    }
    state = applyComposite(start, one.latestState as unknown as Composite)
    for (const problem of one.problems) {
      if (problems.length >= maxListedProblems) break
      if (problem.kind !== 'aggregate_mismatch') problems.push(movedDown(problem, lines))
      else if (problem === mismatch.first && mismatch.problem) problems.push(mismatch.problem)
    }
    problemCount += one.problemCount
    errorCount += one.errorCount
    for (const [type, n] of one.typeCounts) typeCounts.set(type, (typeCounts.get(type) ?? 0) + n)
    for (const [type, version] of one.latestOfType) latestOfType.set(type, version + events)
    events += count
    lines += one.committedLines
  })
  checkpoints.carryBytes((parts.at(-1) as StreamTransfer).checkpoints.bytesSinceLast)
  const withEvents = fields.filter((_, k) => (parts[k]?.positions.count ?? 0) > 0)
  return StreamIndex.assembled(
    file,
    aggregateId,
    EventPositions.fromColumns({ offsets, lengths, lineNumbers, count: total }),
    checkpoints,
    {
      problems,
      // One listed finding per stream for a foreign aggregate id (stream-index.ts): one per chunk counted.
      problemCount: problemCount - mismatch.extra,
      errorCount,
      style: fields[0]?.style ?? null,
      type: withEvents[0]?.type ?? null,
      firstEventAt: withEvents[0]?.firstEventAt ?? null,
      lastTimeValue: withEvents.at(-1)?.lastTimeValue,
      latestState: state,
      beyondSafe: fields.some((one) => one.beyondSafe),
      fileSize: last.fileSize,
      fileIno: last.fileIno,
      fileMtimeMs: last.fileMtimeMs,
      typeCounts,
      latestOfType,
      committedBytes: last.committedBytes,
      committedLines: lines,
      mismatchProblem: mismatch.problem,
      mismatches: mismatch.count,
    },
  )
}

/** The fields of a chunk's scan that joining reads (see StreamIndex.toTransfer). */
interface ChunkFields {
  readonly problems: readonly Problem[]
  readonly problemCount: number
  readonly errorCount: number
  readonly style: EnvelopeStyle | null
  readonly type: string | null
  readonly firstEventAt: string | null
  readonly lastTimeValue: unknown
  readonly latestState: ExactJsonObject
  readonly beyondSafe: boolean
  readonly fileSize: number
  readonly fileIno: number
  readonly fileMtimeMs: number
  readonly typeCounts: ReadonlyMap<string, number>
  readonly latestOfType: ReadonlyMap<string, number>
  readonly committedBytes: number
  readonly committedLines: number
  readonly mismatchProblem: Problem | null
  readonly mismatches: number
}

// The stream's one aggregate_mismatch finding: the first chunk's, at its place in the file, its
// message counting the foreign ids of every chunk and naming the last one found, as one pass would.
function joinMismatches(fields: readonly ChunkFields[]): {
  readonly first: Problem | null
  readonly problem: Problem | null
  readonly count: number
  readonly extra: number
} {
  const found = fields.filter((one) => one.mismatchProblem !== null)
  const count = found.reduce((sum, one) => sum + one.mismatches, 0)
  const extra = Math.max(0, found.length - 1)
  const first = found[0]?.mismatchProblem ?? null
  const lastMessage = found.at(-1)?.mismatchProblem?.message
  if (!first || lastMessage === undefined) return { first: null, problem: null, count, extra }
  let lines = 0
  for (const one of fields) {
    if (one.mismatchProblem === first) break
    lines += one.committedLines
  }
  const named = lastMessage.replace(/ \(\d+ events in this stream\)$/, '')
  const others = count > 1 ? ` (${count} events in this stream)` : ''
  return {
    first,
    problem: { ...movedDown(first, lines), message: `${named}${others}` },
    count,
    extra,
  }
}

// A chunk's finding at its line in the whole file (a finding of the store has no line).
function movedDown(problem: Problem, lines: number): Problem {
  return problem.line === null ? problem : { ...problem, line: problem.line + lines }
}
