// The readings of a store's streams as one cache body, and back. Pure: bytes in, values out.
//
// Columnar: one JSON header (ids, times and the tables of event types and envelope styles, each as
// one string or array), then the numbers of every stream in Float64 columns, the hashes as bytes and
// the event-type counts as Uint32 triples. Decoding a 100,000-stream store is one JSON.parse of a few
// MB and a copy of the columns; each stream's reading is built only when asked for, and its Maps of
// event types only when those are read. A JSON array per stream with Maps built eagerly took 1 s and
// as much again in garbage collection for the same store. Anything out of shape discards the body.

import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import type { Json } from '../json/json-value'
import type { StreamReading } from '../stream-facts/stream-reading'
import type { StreamStamp } from './stream-stamp'
import { positionOf } from '../store/aggregate-catalog'

/** What reading a stream on from its old end needs beyond its reading (null: read it whole). */
export interface ResumePoint {
  readonly committedLines: number
  /** The last event's time field as parsed (the index keeps it unparsed). */
  readonly lastTimeValue: Json | null
  readonly firstEventAt: string | null
  readonly mismatches: number
  /** Where the aggregate-mismatch finding sits among `problems` (-1: none). */
  readonly mismatchAt: number
}

/** One stream's entry in the cache. */
export interface StampedReading {
  readonly reading: StreamReading
  readonly stamp: StreamStamp
  /** When the stream was read (epoch ms), to tell a settled file from one changed just before. */
  readonly readAtMs: number
  readonly resume: ResumePoint | null
}

/**
 * What a stream's lstat now says of its cached entry: `same` (the stamp holds and was settled when
 * read: the reading stands), `grown` (same file, longer: read on from the old end), `changed` (read
 * it whole; also: nothing cached, or cached too soon after a change to be trusted).
 */
export type StatVerdict = 'same' | 'grown' | 'changed'

/** The entries a cache gave, by aggregate id: a Map, or a decoded body read lazily. */
export interface KnownReadings {
  readonly size: number
  get(id: string): StampedReading | undefined
  keys(): IterableIterator<string>
  /**
   * The verdict on `id` from its stat at `at` in `stats` (size, mtimeMs, ctimeMs, ino, dev), without
   * building its entry; absent on a Map (judgeEntry does the same from the entry).
   */
  judge?(id: string, stats: Float64Array, at: number, settleMs: number): StatVerdict
  /** The same entries by position, when they are a decoded body's columns (a Map has none). */
  readonly columns?: ReadingColumns
}

/**
 * A decoded body's entries by position in its sorted ids: an opening marks the streams it spares
 * by position (taken-entries.ts) and makes an entry only for the ones it reads.
 */
export interface ReadingColumns {
  readonly size: number
  /** The position of `id`, or -1. O(1) for ids asked in sorted order, else O(log n). */
  positionOf(id: string): number
  idAt(i: number): string
  entryAt(i: number): StampedReading
  /** The reading alone (no entry object made). */
  readingAt(i: number): StreamReading
  eventCountAt(i: number): number
  styleAt(i: number): EnvelopeStyle | null
}

/** judge for an entry: the same rules as stream-stamp's settledAt, sameFile and mayHaveGrown. */
export function judgeEntry(
  entry: StampedReading | undefined,
  stats: Float64Array,
  at: number,
  settleMs: number,
): StatVerdict {
  if (!entry) return 'changed'
  const { stamp } = entry
  return verdict(
    stamp.size,
    stamp.mtimeMs,
    stamp.ctimeMs,
    stamp.ino,
    stamp.dev,
    entry.readAtMs,
    stats,
    at,
    settleMs,
  )
}

function verdict(
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  ino: number,
  dev: number,
  readAtMs: number,
  stats: Float64Array,
  at: number,
  settleMs: number,
): StatVerdict {
  // settledAt (stream-stamp.ts), inlined: this runs for every stream of a reopened store.
  const settled = Math.max(mtimeMs, ctimeMs) < readAtMs - settleMs || (settleMs === 0 && readAtMs > 0)
  if (!settled || ino !== stats[at + 3] || dev !== stats[at + 4]) return 'changed'
  const statSize = stats[at] as number
  if (size === statSize && mtimeMs === stats[at + 1] && ctimeMs === stats[at + 2]) return 'same'
  return statSize > size ? 'grown' : 'changed'
}

/** Bytes of each hash kept (of SHA-1's 20): 128 bits, against files that changed, not adversaries. */
export const hashKeptBytes = 16
const columns = 15
// The numeric columns, in order.
const DEV = 0
const INO = 1
const SIZE = 2
const MTIME = 3
const CTIME = 4
const READ_AT = 5
const EVENTS = 6
const LAST_MS = 7
const TYPE = 8
const STYLE = 9
const PROBLEMS = 10
const ERRORS = 11
const LINES = 12
const MISMATCHES = 13
const MISMATCH_AT = 14
/** Stands for null among strings joined by NUL (no id, time or JSON text holds U+0001 unescaped). */
const none = '\u0001'
/** Stands for a last time field that is the text `lastEventAt` shows (the usual case: ISO text). */
const asText = '\u0002'

// The last event's time field as JSON text, or a mark for the usual case (the text list shows).
function timeText(resume: ResumePoint | null, lastEventAt: string | null): string {
  if (!resume || resume.lastTimeValue === null) return none
  if (typeof resume.lastTimeValue === 'string' && resume.lastTimeValue === lastEventAt) return asText
  return JSON.stringify(resume.lastTimeValue)
}

interface Header {
  readonly count: number
  readonly ids: string
  readonly lastAt: string
  readonly firstAt: string
  readonly lastTime: string
  readonly types: readonly string[]
  readonly styles: readonly EnvelopeStyle[]
  readonly problems: Readonly<Record<string, readonly Problem[]>>
  readonly countsLength: number
}

/** The body for the entries of one store. */
export function encodeReadings(entries: ReadonlyMap<string, StampedReading>): Buffer {
  const count = entries.size
  const numbers = new Float64Array(count * columns)
  const hashes = Buffer.alloc(count * hashKeptBytes * 2)
  const countsAt = new Uint32Array(count + 1)
  const triples: number[] = []
  const types = new Table<string>((type) => type)
  const styles = new Table<EnvelopeStyle>((style) => JSON.stringify(style))
  const ids: string[] = []
  const lastAt: string[] = []
  const firstAt: string[] = []
  const lastTime: string[] = []
  const problems: Record<string, readonly Problem[]> = {}
  let i = 0
  // In id order: the next opening looks streams up in that order (cursor lookups, no Map to build).
  for (const id of [...entries.keys()].sort()) {
    const { reading, stamp, readAtMs, resume } = entries.get(id) as StampedReading
    const at = i * columns
    numbers.set(
      [
        stamp.dev,
        stamp.ino,
        stamp.size,
        stamp.mtimeMs,
        stamp.ctimeMs,
        readAtMs,
        reading.eventCount,
        reading.lastEventAtMs,
        reading.type === null ? -1 : types.index(reading.type),
        reading.style === null ? -1 : styles.index(reading.style),
        reading.problemCount,
        reading.errorCount,
        resume ? resume.committedLines : -1,
        resume ? resume.mismatches : 0,
        resume ? resume.mismatchAt : -1,
      ],
      at,
    )
    hashes.write(stamp.head.padEnd(hashKeptBytes * 2, '0'), i * hashKeptBytes * 2, hashKeptBytes, 'hex')
    hashes.write(stamp.tail.padEnd(hashKeptBytes * 2, '0'), (i * 2 + 1) * hashKeptBytes, hashKeptBytes, 'hex')
    for (const [name, events] of reading.typeCounts)
      triples.push(types.index(name), events, reading.latestOfType.get(name) ?? 0)
    countsAt[i + 1] = triples.length
    ids.push(id)
    lastAt.push(reading.lastEventAt ?? none)
    firstAt.push(resume?.firstEventAt ?? none)
    lastTime.push(timeText(resume, reading.lastEventAt))
    if (reading.problems.length > 0) problems[i] = reading.problems
    i++
  }
  const header: Header = {
    count,
    ids: ids.join('\u0000'),
    lastAt: lastAt.join('\u0000'),
    firstAt: firstAt.join('\u0000'),
    lastTime: lastTime.join('\u0000'),
    types: types.items,
    styles: styles.items,
    problems,
    countsLength: triples.length,
  }
  const json = Buffer.from(JSON.stringify(header))
  const length = Buffer.alloc(4)
  length.writeUInt32LE(json.length)
  return Buffer.concat([
    length,
    json,
    Buffer.from(numbers.buffer),
    hashes,
    Buffer.from(countsAt.buffer),
    Buffer.from(Uint32Array.from(triples).buffer),
  ])
}

/** The entries of a body, or null when it is not what encodeReadings writes. */
export function decodeReadings(body: Buffer): KnownReadings | null {
  try {
    if (body.length < 4) return null
    const jsonEnd = 4 + body.readUInt32LE(0)
    const header = JSON.parse(body.toString('utf8', 4, jsonEnd)) as Header
    const { count, countsLength } = header
    if (!Number.isInteger(count) || count < 0 || !Number.isInteger(countsLength) || countsLength < 0)
      return null
    const numbersEnd = jsonEnd + count * columns * 8
    const hashesEnd = numbersEnd + count * hashKeptBytes * 2
    const countsEnd = hashesEnd + (count + 1) * 4
    if (body.length !== countsEnd + countsLength * 4) return null
    // Copied out: a typed array over the body would need its offset aligned to 8.
    const numbers = new Float64Array(
      body.buffer.slice(body.byteOffset + jsonEnd, body.byteOffset + numbersEnd),
    )
    const countsAt = new Uint32Array(
      body.buffer.slice(body.byteOffset + hashesEnd, body.byteOffset + countsEnd),
    )
    const triples = new Uint32Array(
      body.buffer.slice(body.byteOffset + countsEnd, body.byteOffset + body.length),
    )
    const table = new ReadingsTable(header, numbers, body.subarray(numbersEnd, hashesEnd), countsAt, triples)
    return table.valid() ? table : null
  } catch {
    return null
  }
}

/**
 * A decoded body: each stream's entry is a view over the columns, made when first asked for.
 *
 * Ids are sorted (encodeReadings writes them so; valid() checks it), and a lookup tries the place
 * after the last one found before searching: opening a store asks for its streams in id order, so
 * 100,000 lookups are 100,000 string comparisons, and no Map of 100,000 ids is built.
 */
class ReadingsTable implements KnownReadings, ReadingColumns {
  private cursor = 0
  private readonly ids: string[]
  readonly lastAt: string[]
  private firstAt: string[] | null = null
  private lastTime: string[] | null = null
  private readonly views: (TableEntry | undefined)[]
  private readonly readingViews: (TableReading | undefined)[]

  constructor(
    readonly header: Header,
    readonly numbers: Float64Array,
    private readonly hashes: Buffer,
    private readonly countsAt: Uint32Array,
    private readonly triples: Uint32Array,
  ) {
    this.ids = header.count === 0 ? [] : header.ids.split('\u0000')
    this.lastAt = header.count === 0 ? [] : header.lastAt.split('\u0000')
    this.views = new Array<TableEntry | undefined>(this.ids.length)
    this.readingViews = new Array<TableReading | undefined>(this.ids.length)
  }

  get columns(): ReadingColumns {
    return this
  }

  get size(): number {
    return this.header.count
  }

  keys(): IterableIterator<string> {
    return this.ids.values()
  }

  /** Whether the columns agree with the header (counts, type and style numbers in range). O(streams). */
  valid(): boolean {
    const { count, types, styles } = this.header
    if (this.ids.length !== count || this.lastAt.length !== count) return false
    // Sorted and without repeats, as written: lookups search them.
    for (let i = 1; i < count; i++) if ((this.ids[i - 1] as string) >= (this.ids[i] as string)) return false
    if (!Array.isArray(types) || !Array.isArray(styles) || typeof this.header.problems !== 'object')
      return false
    for (let i = 0; i < count; i++) {
      const type = this.numbers[i * columns + TYPE] as number
      const style = this.numbers[i * columns + STYLE] as number
      if (type >= types.length || style >= styles.length) return false
      if ((this.countsAt[i + 1] as number) < (this.countsAt[i] as number)) return false
    }
    for (let i = 0; i < this.triples.length; i += 3)
      if ((this.triples[i] as number) >= types.length) return false
    return this.countsAt[count] === this.triples.length
  }

  judge(id: string, stats: Float64Array, at: number, settleMs: number): StatVerdict {
    const i = this.positionOf(id)
    if (i < 0) return 'changed'
    const n = this.numbers
    const c = i * columns
    return verdict(
      n[c + SIZE] as number,
      n[c + MTIME] as number,
      n[c + CTIME] as number,
      n[c + INO] as number,
      n[c + DEV] as number,
      n[c + READ_AT] as number,
      stats,
      at,
      settleMs,
    )
  }

  get(id: string): StampedReading | undefined {
    const i = this.positionOf(id)
    return i < 0 ? undefined : this.entryAt(i)
  }

  entryAt(i: number): StampedReading {
    let view = this.views[i]
    if (!view) this.views[i] = view = new TableEntry(this, i)
    return view
  }

  readingAt(i: number): TableReading {
    let view = this.readingViews[i]
    if (!view) this.readingViews[i] = view = new TableReading(this, i)
    return view
  }

  idAt(i: number): string {
    return this.ids[i] as string
  }

  eventCountAt(i: number): number {
    return this.number(i, EVENTS)
  }

  styleAt(i: number): EnvelopeStyle | null {
    const style = this.number(i, STYLE)
    return style < 0 ? null : (this.header.styles[style] as EnvelopeStyle)
  }

  // O(1) for the stream after the last one found, else O(log n). The id found is kept as the string
  // the caller gave (equal text): a reopened store asks for each stream several times with the same
  // string, and two strings that are one object compare at once, where equal copies compare each
  // character (65 ns a lookup, 600,000 lookups in a warm `list`).
  positionOf(id: string): number {
    const ids = this.ids
    let at = this.cursor
    if (ids[at] !== id && ids[++at] !== id) at = positionOf(ids, id)
    if (at >= 0) {
      this.cursor = at
      ids[at] = id
    }
    return at
  }

  /** Column `column` of stream `i`. */
  number(i: number, column: number): number {
    return this.numbers[i * columns + column] as number
  }

  hash(i: number, which: 0 | 1): string {
    return this.hashes.toString('hex', (i * 2 + which) * hashKeptBytes, (i * 2 + which + 1) * hashKeptBytes)
  }

  typeCounts(i: number): { typeCounts: Map<string, number>; latestOfType: Map<string, number> } {
    const typeCounts = new Map<string, number>()
    const latestOfType = new Map<string, number>()
    for (let at = this.countsAt[i] as number; at < (this.countsAt[i + 1] as number); at += 3) {
      const name = this.header.types[this.triples[at] as number] as string
      typeCounts.set(name, this.triples[at + 1] as number)
      latestOfType.set(name, this.triples[at + 2] as number)
    }
    return { typeCounts, latestOfType }
  }

  // Split once, when the first stream is read on from its end (rare: only streams that grew).
  resume(i: number): ResumePoint | null {
    const committedLines = this.number(i, LINES)
    if (committedLines < 0) return null
    this.firstAt ??= this.header.firstAt.split('\u0000')
    this.lastTime ??= this.header.lastTime.split('\u0000')
    const time = this.lastTime[i]
    const first = this.firstAt[i]
    return {
      committedLines,
      lastTimeValue:
        time === undefined || time === none
          ? null
          : time === asText
            ? (this.lastAt[i] as string)
            : (JSON.parse(time) as Json),
      firstEventAt: first === undefined || first === none ? null : first,
      mismatches: this.number(i, MISMATCHES),
      mismatchAt: this.number(i, MISMATCH_AT),
    }
  }
}

/**
 * One stream of a decoded body: two small objects (this and its reading) over the table's columns,
 * no closures, so 100,000 of them cost little to make and little to collect.
 */
class TableEntry implements StampedReading {
  readonly reading: TableReading
  private stampMade: StreamStamp | null = null
  private resumeMade: ResumePoint | null | undefined = undefined

  constructor(
    private readonly table: ReadingsTable,
    private readonly i: number,
  ) {
    this.reading = table.readingAt(i)
  }

  get stamp(): StreamStamp {
    return (this.stampMade ??= new TableStamp(this.table, this.i))
  }

  get readAtMs(): number {
    return this.table.number(this.i, READ_AT)
  }

  /** Built when first read: only a stream that grew is read on from its old end. */
  get resume(): ResumePoint | null {
    if (this.resumeMade === undefined) this.resumeMade = this.table.resume(this.i)
    return this.resumeMade
  }
}

/** A stamp from the columns; its hashes (hex) only when compared (a sample, or a grown stream). */
class TableStamp implements StreamStamp {
  readonly dev: number
  readonly ino: number
  readonly size: number
  readonly mtimeMs: number
  readonly ctimeMs: number

  constructor(
    private readonly table: ReadingsTable,
    private readonly i: number,
  ) {
    this.dev = table.number(i, DEV)
    this.ino = table.number(i, INO)
    this.size = table.number(i, SIZE)
    this.mtimeMs = table.number(i, MTIME)
    this.ctimeMs = table.number(i, CTIME)
  }

  get head(): string {
    return this.table.hash(this.i, 0)
  }

  get tail(): string {
    return this.table.hash(this.i, 1)
  }
}

/** A cached reading read from the columns; its Maps of event types are built on first use. */
class TableReading implements StreamReading {
  private maps: { typeCounts: Map<string, number>; latestOfType: Map<string, number> } | null = null

  constructor(
    private readonly table: ReadingsTable,
    private readonly i: number,
  ) {}

  get eventCount(): number {
    return this.table.number(this.i, EVENTS)
  }

  get lastEventAt(): string | null {
    const text = this.table.lastAt[this.i]
    return text === undefined || text === none ? null : text
  }

  get lastEventAtMs(): number {
    return this.table.number(this.i, LAST_MS)
  }

  get type(): string | null {
    const type = this.table.number(this.i, TYPE)
    return type < 0 ? null : (this.table.header.types[type] as string)
  }

  get style(): EnvelopeStyle | null {
    return this.table.styleAt(this.i)
  }

  get problems(): readonly Problem[] {
    return this.table.header.problems[this.i] ?? []
  }

  get problemCount(): number {
    return this.table.number(this.i, PROBLEMS)
  }

  get errorCount(): number {
    return this.table.number(this.i, ERRORS)
  }

  get file(): StreamReading['file'] {
    const { table, i } = this
    return { size: table.number(i, SIZE), mtimeMs: table.number(i, MTIME), ino: table.number(i, INO) }
  }

  get typeCounts(): ReadonlyMap<string, number> {
    return (this.maps ??= this.table.typeCounts(this.i)).typeCounts
  }

  get latestOfType(): ReadonlyMap<string, number> {
    return (this.maps ??= this.table.typeCounts(this.i)).latestOfType
  }
}

/** Distinct values numbered in order of first use. */
class Table<T> {
  readonly items: T[] = []
  private readonly numbers = new Map<string, number>()

  constructor(private readonly key: (item: T) => string) {}

  index(item: T): number {
    const key = this.key(item)
    let at = this.numbers.get(key)
    if (at === undefined) {
      at = this.items.push(item) - 1
      this.numbers.set(key, at)
    }
    return at
  }
}
