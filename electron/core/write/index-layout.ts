// index.json as text that knows where each aggregate's entry and `total_events` sit in it, so an
// append rewrites one entry and the total instead of serializing 100,000 entries again.
//
// The text is always what Python's `json.dump(index, f, indent=2)` writes for the same data: rendered
// once with the same rules as pythonJsonDumps, then edited entry by entry. Python's default
// `ensure_ascii=True` makes it pure ASCII, so character offsets are byte offsets too.

import { pythonJsonDumps, pythonNumber, type PythonJsonValue } from '../gen/python-json'
import { isJsonObject, setOwn, type Json, type JsonObject } from '../json/json-value'
import type { IndexChange } from './index-update'

const entrySeparator = ',\n    '

interface Edit {
  readonly start: number
  readonly end: number
  readonly text: string
}

/**
 * index.json's Python-identical text and the range of every entry in it.
 *
 * Only the text is kept, not the parsed document: an entry is parsed back from its range when an
 * append changes it, so a 100,000-aggregate index costs its 13 MB of text and the offsets, not
 * 100,000 objects besides.
 */
export class IndexLayout {
  private constructor(
    /** Aggregate ids in file order: Python's dict order, new ones last (a JS object would move "42" first). */
    private readonly ids: string[],
    private readonly ordinals: Map<string, number>,
    private current: string,
    /** Where entry i (`"id": {...}`) starts and ends in `current`. */
    private starts: number[],
    private ends: number[],
    /** Where the value of `total_events` is; -1 when the document has none. */
    private totalStart: number,
    private totalEnd: number,
    /** The value of `total_events` when it is a number. */
    private total: number | null,
  ) {}

  /** Lay out a parsed index (an object whose `aggregates` is an object). O(index size), once per load. */
  static fromDocument(doc: JsonObject): IndexLayout {
    const ids = Object.keys(doc.aggregates as JsonObject)
    const layout = new IndexLayout(ids, new Map(ids.map((id, i) => [id, i])), '', [], [], -1, -1, null)
    layout.render(doc)
    return layout
  }

  /** The file's text. */
  get text(): string {
    return this.current
  }

  /** How many aggregates the index lists. */
  get size(): number {
    return this.ids.length
  }

  /**
   * Apply appends' changes (each sets an aggregate's count and last event time) and return the new text.
   *
   * O(changed entries) to render, plus one O(index size) copy to build the text (the file is rewritten
   * whole anyway) and an O(entries) pass over the offsets. Nothing else is parsed or serialized again.
   */
  apply(changes: readonly IndexChange[]): string {
    const hadEntries = this.ids.length
    let total = this.total ?? 0
    // The entries this call sets, by ordinal: a later change of the same aggregate builds on them.
    const entries = new Map<number, JsonObject>()
    for (const change of changes) {
      let ordinal = this.ordinals.get(change.aggregateId)
      const was = ordinal === undefined ? undefined : (entries.get(ordinal) ?? this.entryValue(ordinal))
      const previous = isJsonObject(was) ? was : null
      const previousCount = typeof previous?.event_count === 'number' ? previous.event_count : 0
      const entry: JsonObject = { ...(previous ?? {}) }
      setOwn(entry, 'event_count', change.eventCount)
      setOwn(entry, 'last_event_at', change.lastEventAt)
      total += change.eventCount - previousCount
      if (ordinal === undefined) {
        ordinal = this.ids.length
        this.ordinals.set(change.aggregateId, ordinal)
        this.ids.push(change.aggregateId)
      }
      entries.set(ordinal, entry)
    }
    // The first entry of an empty "aggregates", or a missing total, changes the shape around them:
    // render the whole document again (once; it is small or it has just been repaired).
    if (hadEntries === 0 || this.totalStart < 0) {
      const doc = JSON.parse(this.current) as JsonObject
      for (const [ordinal, entry] of entries)
        setOwn(doc.aggregates as JsonObject, this.ids[ordinal] as string, entry)
      setOwn(doc, 'total_events', total)
      this.render(doc)
      return this.current
    }
    this.splice(entries, hadEntries, total)
    return this.current
  }

  // An entry's value parsed back from its text: O(entry size).
  private entryValue(ordinal: number): Json {
    const keyLength = pythonJsonDumps(this.ids[ordinal] as string).length + 2
    return JSON.parse(
      this.current.slice((this.starts[ordinal] as number) + keyLength, this.ends[ordinal]),
    ) as Json
  }

  private splice(entries: ReadonlyMap<number, JsonObject>, hadEntries: number, total: number): void {
    const edits: Edit[] = []
    const added: string[] = []
    for (const ordinal of [...entries.keys()].sort((a, b) => a - b)) {
      const text = this.entryText(ordinal, entries.get(ordinal) as JsonObject)
      if (ordinal < hadEntries)
        edits.push({ start: this.starts[ordinal] as number, end: this.ends[ordinal] as number, text })
      else added.push(text)
    }
    const insertAt = this.ends[hadEntries - 1] as number
    if (added.length > 0)
      edits.push({ start: insertAt, end: insertAt, text: entrySeparator + added.join(entrySeparator) })
    edits.push({ start: this.totalStart, end: this.totalEnd, text: pythonNumber(total) })
    // Stable by start: an edit of the last entry comes before the insertion right after it.
    edits.sort((a, b) => a.start - b.start || a.end - b.end)

    const pieces: string[] = []
    let at = 0
    for (const edit of edits) {
      pieces.push(this.current.slice(at, edit.start), edit.text)
      at = edit.end
    }
    pieces.push(this.current.slice(at))
    this.current = pieces.join('')
    this.total = total
    this.shiftOffsets(edits, hadEntries, added)
  }

  // Every range after an edit moves by the edits before it: one pass over the entries, O(entries).
  private shiftOffsets(edits: readonly Edit[], hadEntries: number, added: readonly string[]): void {
    const shiftBefore = (position: number, from: { edit: number; delta: number }): number => {
      while (from.edit < edits.length && (edits[from.edit] as Edit).start < position) {
        const edit = edits[from.edit] as Edit
        from.delta += edit.text.length - (edit.end - edit.start)
        from.edit++
      }
      return position + from.delta
    }
    const cursor = { edit: 0, delta: 0 }
    for (let i = 0; i < hadEntries; i++) {
      const oldStart = this.starts[i] as number
      const oldEnd = this.ends[i] as number
      const start = shiftBefore(oldStart, cursor)
      const own = edits[cursor.edit]
      const rewritten =
        own !== undefined && own.start === oldStart && own.end === oldEnd && own.end > own.start
      this.starts[i] = start
      this.ends[i] = rewritten ? start + own.text.length : oldEnd + cursor.delta
    }
    let next = this.ends[hadEntries - 1] as number
    for (let i = 0; i < added.length; i++) {
      const start = next + entrySeparator.length
      this.starts[hadEntries + i] = start
      this.ends[hadEntries + i] = next = start + (added[i] as string).length
    }
    const totalStart = shiftBefore(this.totalStart, { edit: 0, delta: 0 })
    this.totalEnd = totalStart + pythonNumber(this.total as number).length
    this.totalStart = totalStart
  }

  private entryText(ordinal: number, entry: Json): string {
    const id = this.ids[ordinal] as string
    const value = entry as PythonJsonValue
    return `${pythonJsonDumps(id)}: ${seedEntryText(value) ?? nested(value, 2)}`
  }

  // json.dump(doc, indent=2), recording the ranges: O(index size).
  private render(doc: JsonObject): void {
    const starts: number[] = []
    const ends: number[] = []
    let totalStart = -1
    let totalEnd = -1
    let out = '{'
    let first = true
    const aggregates = doc.aggregates as JsonObject
    for (const key in doc) {
      const value = doc[key]
      if (value === undefined) continue
      out += `${first ? '\n  ' : ',\n  '}${pythonJsonDumps(key)}: `
      first = false
      if (key === 'aggregates' && this.ids.length > 0) {
        out += '{'
        for (let i = 0; i < this.ids.length; i++) {
          out += i === 0 ? '\n    ' : entrySeparator
          starts.push(out.length)
          out += this.entryText(i, aggregates[this.ids[i] as string] as Json)
          ends.push(out.length)
        }
        out += '\n  }'
      } else if (key === 'total_events') {
        totalStart = out.length
        out += nested(value as PythonJsonValue, 1)
        totalEnd = out.length
      } else out += nested(value as PythonJsonValue, 1)
    }
    this.current = first ? '{}' : `${out}\n}`
    this.starts = starts
    this.ends = ends
    // A total that is not a number is replaced by one on the next apply, so it must be re-rendered then.
    const numeric = typeof doc.total_events === 'number'
    this.total = numeric ? (doc.total_events as number) : null
    this.totalStart = numeric ? totalStart : -1
    this.totalEnd = numeric ? totalEnd : -1
  }
}

/**
 * The text of an entry of the seed's shape ({"event_count": N, "last_event_at": T}, in that order)
 * two levels deep, or null for any other value.
 *
 * The fast path of laying out 100,000 entries: the general serializer plus re-indenting costs ~20 µs
 * an entry, this a fraction of that; any other entry takes the general path.
 */
function seedEntryText(value: PythonJsonValue): string | null {
  if (!isJsonObject(value)) return null
  const keys = Object.keys(value)
  if (keys.length !== 2 || keys[0] !== 'event_count' || keys[1] !== 'last_event_at') return null
  const count = value.event_count
  const at = value.last_event_at
  if (typeof count !== 'number' || !(at === null || typeof at === 'string')) return null
  const time = at === null ? 'null' : pythonJsonDumps(at)
  return `{\n      "event_count": ${pythonNumber(count)},\n      "last_event_at": ${time}\n    }`
}

// A value as json.dump(indent=2) writes it `depth` levels deep: its own lines indented that much more.
// Safe because the text has no raw line feed inside strings (they are escaped as \n).
function nested(value: PythonJsonValue, depth: number): string {
  const text = pythonJsonDumps(value, { indent: 2 })
  return text.includes('\n') ? text.replace(/\n/g, `\n${'  '.repeat(depth)}`) : text
}
