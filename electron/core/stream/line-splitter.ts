// Splits a file read in chunks into lines without decoding it, so counting and indexing lines costs one
// pass of `indexOf(0x0a)` over the bytes.

/** A line as byte positions; content excludes the line feed, a trailing carriage return and a leading BOM. */
export interface LineSpan {
  /** The bytes the positions below point into. */
  readonly buffer: Buffer
  readonly start: number
  readonly end: number
  /** 1-based line number in the file. */
  readonly line: number
  /** File offset of the line's first byte (before any BOM). */
  readonly lineOffset: number
  /** File offset of `start`. */
  readonly contentOffset: number
  /** False for a last line that has no line feed yet. */
  readonly terminated: boolean
  /** Set, to the line's length in bytes, when the line is over the limit; the content is then empty. */
  readonly tooLong?: number
  /** A byte order mark at the start of a line other than the first (two files concatenated). */
  readonly strayBom?: boolean
}

const LF = 0x0a
const CR = 0x0d

/** Longest line read as text: longer ones are reported by length, never held in memory whole. */
export const defaultMaxLineBytes = 32 * 1024 * 1024

const noBytes = Buffer.alloc(0)

/**
 * Lines a reader may pass over without handing them out, only counting them: a search's lines that its
 * needles rule out and that are certainly events (scan/find-chunk.ts). Asked at each line start inside
 * a chunk, so it sees the bytes in place.
 */
export interface LineSkipper {
  /**
   * From a line's first byte at `start` of `chunk`: the offset after the lines passed over, each ended
   * by a line feed inside `chunk` (`start` for none), their number left in `lines`.
   */
  skip(chunk: Buffer, start: number): number
  readonly lines: number
}

/** Feeds chunks, calls back once per complete line, and keeps the unterminated tail for the next chunk. */
export class LineSplitter {
  /** The unterminated tail, as copied pieces not yet joined. */
  private carry: Buffer[] = []
  private carryBytes = 0
  /** The unterminated tail is already longer than the limit: its bytes are counted, not kept. */
  private overlong = false
  /** File offset of the first byte not yet handed out as part of a line. */
  private nextOffset: number
  private lineNumber: number

  constructor(
    startOffset = 0,
    linesBefore = 0,
    private readonly maxLineBytes = defaultMaxLineBytes,
  ) {
    this.nextOffset = startOffset
    this.lineNumber = linesBefore
  }

  /** File offset where the unterminated tail (if any) begins. */
  get consumedOffset(): number {
    return this.nextOffset
  }

  get linesSeen(): number {
    return this.lineNumber
  }

  /**
   * Take the next chunk. O(chunk) plus one copy of a line that spans chunks.
   *
   * Lines inside the chunk are handed out in place; only a line that began in an earlier chunk is
   * joined, once, when its line feed arrives (joining the tail to every chunk would be O(n^2)).
   */
  push(chunk: Buffer, onLine: (span: LineSpan) => void, skipper?: LineSkipper): void {
    let start = 0
    if (this.carryBytes > 0 || this.overlong) {
      const nl = chunk.indexOf(LF)
      if (nl === -1) return this.hold(chunk)
      const lineBytes = this.carryBytes + nl
      if (this.overlong || lineBytes > this.maxLineBytes) this.emitOverlong(lineBytes, true, onLine)
      else {
        const joined = Buffer.concat([...this.carry, chunk.subarray(0, nl)])
        this.emit(joined, 0, joined.length, true, onLine)
      }
      this.nextOffset += lineBytes + 1
      this.carry = []
      this.carryBytes = 0
      this.overlong = false
      start = nl + 1
    }
    for (;;) {
      if (skipper) {
        // Skipped lines are numbered and consumed as if handed out, so the lines after keep their places.
        const after = skipper.skip(chunk, start)
        this.lineNumber += skipper.lines
        this.nextOffset += after - start
        start = after
      }
      const nl = chunk.indexOf(LF, start)
      if (nl === -1) break
      if (nl - start > this.maxLineBytes) this.emitOverlong(nl - start, true, onLine)
      else this.emit(chunk, start, nl, true, onLine)
      this.nextOffset += nl + 1 - start
      start = nl + 1
    }
    if (start < chunk.length) this.hold(chunk.subarray(start))
  }

  /** Hand out the unterminated tail as a last line, without consuming it. */
  finish(onLine: (span: LineSpan) => void): void {
    if (this.carryBytes === 0) return
    if (this.overlong) return this.emitOverlong(this.carryBytes, false, onLine, true)
    const tail = this.carry.length === 1 ? (this.carry[0] as Buffer) : Buffer.concat(this.carry)
    this.carry = [tail]
    this.emit(tail, 0, tail.length, false, onLine, true)
  }

  // The caller may reuse its buffer, so what is carried must be a copy.
  private hold(part: Buffer): void {
    if (this.overlong || this.carryBytes + part.length > this.maxLineBytes) {
      this.overlong = true
      this.carry = []
    } else if (part.length > 0) this.carry.push(Buffer.from(part))
    this.carryBytes += part.length
  }

  private emitOverlong(
    length: number,
    terminated: boolean,
    onLine: (span: LineSpan) => void,
    peek = false,
  ): void {
    const line = this.lineNumber + 1
    if (!peek) this.lineNumber = line
    const lineOffset = this.nextOffset
    onLine({
      buffer: noBytes,
      start: 0,
      end: 0,
      line,
      lineOffset,
      contentOffset: lineOffset,
      terminated,
      tooLong: length,
    })
  }

  private emit(
    buffer: Buffer,
    start: number,
    end: number,
    terminated: boolean,
    onLine: (span: LineSpan) => void,
    peek = false,
  ): void {
    const lineOffset = this.nextOffset
    let contentStart = start
    const bom = buffer[start] === 0xef && buffer[start + 1] === 0xbb && buffer[start + 2] === 0xbf
    if (bom) contentStart += 3
    const contentEnd = end > contentStart && buffer[end - 1] === CR ? end - 1 : end
    const line = this.lineNumber + 1
    if (!peek) this.lineNumber = line
    onLine({
      buffer,
      start: contentStart,
      end: contentEnd,
      line,
      lineOffset,
      contentOffset: lineOffset + (contentStart - start),
      terminated,
      ...(bom && lineOffset !== 0 ? { strayBom: true } : {}),
    })
  }
}
