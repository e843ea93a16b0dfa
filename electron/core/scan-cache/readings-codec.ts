// The readings of a store's streams as one cache body, and back. Pure: bytes in, values out.
//
// Columnar (readings-layout.ts): a small JSON header, the ids and times as NUL-joined texts, then the
// numbers of every stream in Float64 columns, the hashes as bytes and the event-type counts as Uint32
// triples. Decoding a 100,000-stream store is two splits and a copy of the columns
// (readings-table.ts); each stream's reading is built only when asked for, its Maps of event types
// only when those are read, and the times only a grown stream needs only when one grew. A JSON array
// per stream with Maps built eagerly took 1 s and as much again in garbage collection for the same
// store; the times inside the JSON header, 0.1 s of a warm `list`. Anything out of shape discards
// the body.

import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import type { Json } from '../json/json-value'
import type { StreamReading } from '../stream-facts/stream-reading'
import type { StreamStamp } from './stream-stamp'
import {
  asText,
  columns,
  FIRST_AT_TEXT,
  hashKeptBytes,
  IDS_TEXT,
  LAST_AT_TEXT,
  LAST_TIME_TEXT,
  none,
  nul,
  sameText,
  stringsOf,
  texts,
  verdict,
  type Header,
  type KnownText,
} from './readings-layout'
import { ReadingsTable } from './readings-table'

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
  /** judge for the entry at `position` of `columns` (its id already looked up). */
  judgeAt?(position: number, stats: Float64Array, at: number, settleMs: number): StatVerdict
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
  /** readingAt(i)'s lastEventAt, type, and whether it has no line problems, without the reading. */
  lastEventAtAt(i: number): string | null
  typeAt(i: number): string | null
  cleanAt(i: number): boolean
  /** readingAt(i)'s problemCount and errorCount, without the reading. */
  problemCountAt(i: number): number
  errorCountAt(i: number): number
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

// The last event's time field as JSON text, or a mark for the usual case (the text list shows).
function timeText(resume: ResumePoint | null, lastEventAt: string | null): string {
  if (!resume || resume.lastTimeValue === null) return none
  if (typeof resume.lastTimeValue === 'string' && resume.lastTimeValue === lastEventAt) return asText
  return JSON.stringify(resume.lastTimeValue)
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
  const text = [ids, lastAt, firstAt, lastTime].map((strings) => Buffer.from(strings.join(nul)))
  const header: Header = {
    count,
    texts: text.map((bytes) => bytes.length),
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
    ...text,
    Buffer.from(numbers.buffer),
    hashes,
    Buffer.from(countsAt.buffer),
    Buffer.from(Uint32Array.from(triples).buffer),
  ])
}

/** Texts a body may share with another cache file (the store's snapshot): see stringsOf. */
export interface SharedTexts {
  readonly ids?: KnownText | undefined
  readonly lastAt?: KnownText | undefined
}

/**
 * The entries of a body, or null when it is not what encodeReadings writes. `shared`: the snapshot's
 * ids and times, taken instead of decoding the body's where they are the same bytes (the usual case).
 */
export function decodeReadings(body: Buffer, shared: SharedTexts = {}): KnownReadings | null {
  try {
    if (body.length < 4) return null
    const jsonEnd = 4 + body.readUInt32LE(0)
    const header = JSON.parse(body.toString('utf8', 4, jsonEnd)) as Header
    const { count, countsLength } = header
    if (!Number.isInteger(count) || count < 0 || !Number.isInteger(countsLength) || countsLength < 0)
      return null
    if (!Array.isArray(header.texts) || header.texts.length !== texts) return null
    const textAt = [jsonEnd]
    for (const bytes of header.texts) {
      if (!Number.isInteger(bytes) || bytes < 0) return null
      textAt.push((textAt.at(-1) as number) + bytes)
    }
    const text = (which: number): Buffer =>
      body.subarray(textAt[which] as number, textAt[which + 1] as number)
    const textsEnd = textAt[texts] as number
    const numbersEnd = textsEnd + count * columns * 8
    const hashesEnd = numbersEnd + count * hashKeptBytes * 2
    const countsEnd = hashesEnd + (count + 1) * 4
    if (body.length !== countsEnd + countsLength * 4) return null
    // Copied out: a typed array over the body would need its offset aligned to 8.
    const numbers = new Float64Array(
      body.buffer.slice(body.byteOffset + textsEnd, body.byteOffset + numbersEnd),
    )
    const countsAt = new Uint32Array(
      body.buffer.slice(body.byteOffset + hashesEnd, body.byteOffset + countsEnd),
    )
    const triples = new Uint32Array(
      body.buffer.slice(body.byteOffset + countsEnd, body.byteOffset + body.length),
    )
    const table = new ReadingsTable(
      header,
      {
        ids: stringsOf(text(IDS_TEXT), count, shared.ids),
        // The snapshot's ids were checked ascending when it was decoded (snapshot-codec.ts).
        idsSorted: sameText(text(IDS_TEXT), count, shared.ids),
        lastAt: stringsOf(text(LAST_AT_TEXT), count, shared.lastAt),
        firstAt: text(FIRST_AT_TEXT),
        lastTime: text(LAST_TIME_TEXT),
      },
      numbers,
      body.subarray(numbersEnd, hashesEnd),
      countsAt,
      triples,
    )
    return table.valid() ? table : null
  } catch {
    return null
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
