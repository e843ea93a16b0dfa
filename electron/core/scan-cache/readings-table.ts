// A decoded readings body (readings-codec.ts) as the entries of a store: each stream's entry and
// reading are views over the columns, made when first asked for, and the first and last time texts
// (only a stream that grew needs them) are decoded when first asked for too.

import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import type { Json } from '../json/json-value'
import type { StreamReading } from '../stream-facts/stream-reading'
import { positionOf } from '../store/aggregate-catalog'
import type {
  KnownReadings,
  ReadingColumns,
  ResumePoint,
  StampedReading,
  StatVerdict,
} from './readings-codec'
import {
  asText,
  columns,
  CTIME,
  DEV,
  ERRORS,
  EVENTS,
  hashKeptBytes,
  INO,
  LAST_MS,
  LINES,
  MISMATCH_AT,
  MISMATCHES,
  MTIME,
  none,
  nul,
  PROBLEMS,
  READ_AT,
  SIZE,
  STYLE,
  textOf,
  TYPE,
  verdict,
  type Header,
} from './readings-layout'
import type { StreamStamp } from './stream-stamp'

/**
 * A decoded body: each stream's entry is a view over the columns, made when first asked for.
 *
 * Ids are sorted (encodeReadings writes them so; valid() checks it), and a lookup tries the place
 * after the last one found before searching: opening a store asks for its streams in id order, so
 * 100,000 lookups are 100,000 string comparisons, and no Map of 100,000 ids is built.
 */
export class ReadingsTable implements KnownReadings, ReadingColumns {
  private cursor = 0
  private readonly ids: string[]
  /** Each stream's last event time: `none` or null (when shared with the snapshot) for none. */
  readonly lastAt: readonly (string | null)[]
  private firstAt: string[] | null = null
  private lastTime: string[] | null = null
  private readonly firstAtBytes: Buffer
  private readonly idsSorted: boolean
  private readonly lastTimeBytes: Buffer
  private readonly views: (TableEntry | undefined)[]
  private readonly readingViews: (TableReading | undefined)[]

  constructor(
    readonly header: Header,
    texts: {
      ids: readonly (string | null)[]
      lastAt: readonly (string | null)[]
      /** The ids are known to be sorted already (no need to check them again in valid()). */
      idsSorted: boolean
      firstAt: Buffer
      lastTime: Buffer
    },
    readonly numbers: Float64Array,
    private readonly hashes: Buffer,
    private readonly countsAt: Uint32Array,
    private readonly triples: Uint32Array,
  ) {
    this.ids = texts.ids as string[]
    this.idsSorted = texts.idsSorted
    this.lastAt = texts.lastAt
    this.firstAtBytes = texts.firstAt
    this.lastTimeBytes = texts.lastTime
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
    if (!this.idsSorted)
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
    return i < 0 ? 'changed' : this.judgeAt(i, stats, at, settleMs)
  }

  judgeAt(i: number, stats: Float64Array, at: number, settleMs: number): StatVerdict {
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

  lastEventAtAt(i: number): string | null {
    const text = this.lastAt[i]
    return text === undefined || text === null || text === none ? null : text
  }

  typeAt(i: number): string | null {
    const type = this.number(i, TYPE)
    return type < 0 ? null : (this.header.types[type] as string)
  }

  problemCountAt(i: number): number {
    return this.number(i, PROBLEMS)
  }

  errorCountAt(i: number): number {
    return this.number(i, ERRORS)
  }

  cleanAt(i: number): boolean {
    return this.number(i, PROBLEMS) === 0 && (this.header.problems[i]?.length ?? 0) === 0
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
    this.firstAt ??= textOf(this.firstAtBytes).split(nul)
    this.lastTime ??= textOf(this.lastTimeBytes).split(nul)
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
    return this.table.lastEventAtAt(this.i)
  }

  get lastEventAtMs(): number {
    return this.table.number(this.i, LAST_MS)
  }

  get type(): string | null {
    return this.table.typeAt(this.i)
  }

  get style(): EnvelopeStyle | null {
    return this.table.styleAt(this.i)
  }

  get problems(): readonly Problem[] {
    return this.table.header.problems[this.i] ?? []
  }

  get problemCount(): number {
    return this.table.problemCountAt(this.i)
  }

  get errorCount(): number {
    return this.table.errorCountAt(this.i)
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
