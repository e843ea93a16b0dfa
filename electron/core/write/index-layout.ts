// index.json as text that knows where each aggregate's entry and `total_events` sit in it, so an
// append edits one entry's count and time and the total in place, and every other byte of the file
// stays as it was: unknown keys and their values (`1.0` stays `1.0`, 2^64 keeps its digits), key order
// (an id like "42" stays where it is), spacing. Nothing is parsed into values or serialized again.
//
// New entries are written as the seed's `json.dump(index, f, indent=2)` writes them, after the last
// entry with the separator the file already uses.

import { pythonJsonDumps, pythonNumber, type PythonJsonValue } from '../gen/python-json'
import { parseJsonExact } from '../json/big-integers'
import { setOwn, type ExactJson, type ExactJsonObject } from '../json/json-value'
import { objectMembers, skipSpace, type MemberRange } from '../json/json-members'
import type { IndexChange } from './index-update'

interface Edit {
  readonly start: number
  readonly end: number
  readonly text: string
}

/**
 * index.json's text as it is and the range of every entry in it.
 *
 * Only the text and offsets are kept, not a parsed document: an entry is read back from its range when
 * an append changes it, so a 100,000-aggregate index costs its 13 MB of text and the offsets.
 */
export class IndexLayout {
  /** Aggregate ids in file order (a JS object would move "42" first). */
  private ids: string[] = []
  private ordinals = new Map<string, number>()
  private current = ''
  /** Where entry i's key starts, its value starts and its value ends in `current`. */
  private starts: number[] = []
  private valueStarts: number[] = []
  private ends: number[] = []
  /** The "aggregates" object's braces. */
  private aggregatesOpen = -1
  private aggregatesClose = -1
  /** Where the value of `total_events` is; -1 when the document has none. */
  private totalStart = -1
  private totalEnd = -1
  /** The root object's closing brace. */
  private rootClose = -1

  private constructor() {}

  /** Lay out index.json's text (an object whose `aggregates` is an object). O(index size), once per load. */
  static fromText(text: string): IndexLayout {
    const layout = new IndexLayout()
    layout.load(text)
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
   * The entry's `event_count` becomes the count given (the stream's true count after the append), its
   * `last_event_at` the time given, and `total_events` moves by the same difference as the entry's
   * count. O(changed entries) to edit, plus one O(index size) copy to build the text (the file is
   * rewritten whole anyway) and an O(entries) pass over the offsets.
   */
  apply(changes: readonly IndexChange[]): string {
    const hadEntries = this.ids.length
    let delta = 0n
    const edited = new Map<number, string>()
    const added = new Map<string, string>()
    for (const change of changes) {
      const ordinal = this.ordinals.get(change.aggregateId)
      const before =
        ordinal === undefined
          ? added.get(change.aggregateId)
          : (edited.get(ordinal) ?? this.current.slice(this.valueStarts[ordinal], this.ends[ordinal]))
      delta += BigInt(change.eventCount) - (before === undefined ? 0n : countIn(before))
      const after = before === undefined ? seedEntry(change) : editEntry(before, change)
      if (ordinal === undefined) added.set(change.aggregateId, after)
      else edited.set(ordinal, after)
    }
    const totalText = this.newTotal(delta)
    // The first entry of an empty "aggregates" (a store just made, `{"aggregates": {}, "total_events": 0}`)
    // or a missing total changes the shape around them: the document is written as the seed's writer
    // writes it on every append, json.dump(indent=2), its numbers as written (an exact parse), so a
    // store appended to by eventscope and by the seed holds the same bytes. Small, or just repaired.
    if ((hadEntries === 0 && added.size > 0) || this.totalStart < 0) {
      const doc = parseJsonExact(this.current.replace(/^\uFEFF/, '')) as ExactJsonObject
      const aggregates = doc.aggregates as ExactJsonObject
      for (const [ordinal, text] of edited)
        setOwn(aggregates, this.ids[ordinal] as string, parseJsonExact(text) as ExactJson)
      for (const [id, text] of added) setOwn(aggregates, id, parseJsonExact(text) as ExactJson)
      const exactTotal = /^-?\d+$/.test(totalText) && !Number.isSafeInteger(Number(totalText))
      setOwn(doc, 'total_events', exactTotal ? BigInt(totalText) : Number(totalText))
      this.load(pythonJsonDumps(doc as PythonJsonValue, { indent: 2 }))
      return this.current
    }
    const edits: Edit[] = []
    for (const [ordinal, text] of edited)
      edits.push({ start: this.valueStarts[ordinal] as number, end: this.ends[ordinal] as number, text })
    const insertion = added.size > 0 ? this.additions(added) : null
    if (insertion) edits.push(insertion.edit)
    edits.push({ start: this.totalStart, end: this.totalEnd, text: totalText })
    edits.sort((a, b) => a.start - b.start || a.end - b.end)
    this.current = splice(this.current, edits)
    this.shiftOffsets(edits, edited, insertion)
    return this.current
  }

  // The text of the new entries, after the last one, with the separator the file uses between entries.
  private additions(added: ReadonlyMap<string, string>): { edit: Edit; offsets: number[][]; ids: string[] } {
    const last = this.ids.length - 1
    const separator =
      this.ids.length > 1
        ? this.current.slice(this.ends[0], this.starts[1])
        : `,${this.current.slice(this.aggregatesOpen + 1, this.starts[0]) || ' '}`
    const colon = this.current
      .slice(this.starts[0] as number, this.valueStarts[0] as number)
      .replace(/^"(?:[^"\\]|\\.)*"/, '')
    let text = ''
    const offsets: number[][] = []
    const ids: string[] = []
    for (const [id, value] of added) {
      text += separator
      const key = pythonJsonDumps(id)
      const start = text.length
      text += key + colon
      const valueStart = text.length
      text += value
      offsets.push([start, valueStart, text.length])
      ids.push(id)
    }
    const at = this.ends[last] as number
    return { edit: { start: at, end: at, text }, offsets, ids }
  }

  // The total after the change, as text: an integer total keeps every digit (BigInt arithmetic).
  private newTotal(delta: bigint): string {
    const old = this.totalStart < 0 ? null : this.current.slice(this.totalStart, this.totalEnd)
    if (old !== null && /^-?\d+$/.test(old)) return (BigInt(old) + delta).toString()
    const number = old === null ? Number.NaN : Number(old)
    if (Number.isFinite(number) && old !== null && /^-?\d/.test(old))
      return pythonNumber(number + Number(delta))
    return delta.toString()
  }

  private load(text: string): void {
    const rootOpen = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0)
    const root = objectMembers(text, rootOpen)
    // JSON.parse takes the last of repeated keys; so does the layout.
    const find = (key: string): MemberRange | undefined => root.members.filter((m) => m.key === key).at(-1)
    const aggregates = find('aggregates')
    if (!aggregates || text[aggregates.valueStart] !== '{')
      throw new SyntaxError('index.json has no "aggregates" object')
    const entries = objectMembers(text, aggregates.valueStart)
    this.current = text
    this.rootClose = root.close
    this.aggregatesOpen = aggregates.valueStart
    this.aggregatesClose = entries.close
    this.ids = []
    this.ordinals = new Map()
    this.starts = []
    this.valueStarts = []
    this.ends = []
    for (const entry of entries.members) {
      const seen = this.ordinals.get(entry.key)
      const ordinal = seen ?? this.ids.length
      if (seen === undefined) {
        this.ordinals.set(entry.key, ordinal)
        this.ids.push(entry.key)
      }
      this.starts[ordinal] = entry.keyStart
      this.valueStarts[ordinal] = entry.valueStart
      this.ends[ordinal] = entry.valueEnd
    }
    const total = find('total_events')
    this.totalStart = total?.valueStart ?? -1
    this.totalEnd = total?.valueEnd ?? -1
  }

  // Every range after an edit moves by the edits before it. Edits are few, entries many: a binary search
  // over the edits per offset, O(entries × log edits).
  private shiftOffsets(
    edits: readonly Edit[],
    edited: ReadonlyMap<number, string>,
    insertion: { edit: Edit; offsets: number[][]; ids: string[] } | null,
  ): void {
    const before: number[] = [0]
    for (const edit of edits)
      before.push((before.at(-1) as number) + edit.text.length - (edit.end - edit.start))
    // Edits wholly before `position`: an insertion at `position` counts only for a start.
    const shift = (position: number, isEnd: boolean): number => {
      let low = 0
      let high = edits.length
      while (low < high) {
        const mid = (low + high) >>> 1
        const edit = edits[mid] as Edit
        const wholly = edit.end < position || (edit.end === position && (edit.start < position || !isEnd))
        if (wholly) low = mid + 1
        else high = mid
      }
      return position + (before[low] as number)
    }
    for (let i = 0; i < this.ids.length; i++) {
      const valueStart = shift(this.valueStarts[i] as number, false)
      this.starts[i] = shift(this.starts[i] as number, false)
      const own = edited.get(i)
      this.ends[i] = own === undefined ? shift(this.ends[i] as number, true) : valueStart + own.length
      this.valueStarts[i] = valueStart
    }
    if (insertion) {
      const base = shift(insertion.edit.start, true)
      insertion.ids.forEach((id, k) => {
        const [start, valueStart, end] = insertion.offsets[k] as number[]
        this.ordinals.set(id, this.ids.length)
        this.ids.push(id)
        this.starts.push(base + (start as number))
        this.valueStarts.push(base + (valueStart as number))
        this.ends.push(base + (end as number))
      })
    }
    const totalText = edits.find((edit) => edit.start === this.totalStart && edit.end === this.totalEnd)
    const totalStart = shift(this.totalStart, false)
    this.totalEnd = totalStart + (totalText?.text.length ?? this.totalEnd - this.totalStart)
    this.totalStart = totalStart
    this.aggregatesOpen = shift(this.aggregatesOpen, false)
    this.aggregatesClose = shift(this.aggregatesClose, false)
    this.rootClose = shift(this.rootClose, false)
  }
}

function splice(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  const pieces: string[] = []
  let at = 0
  for (const edit of sorted) {
    pieces.push(text.slice(at, edit.start), edit.text)
    at = edit.end
  }
  pieces.push(text.slice(at))
  return pieces.join('')
}

/** The count an entry's text holds (its `event_count` when an integer), exactly; 0 when none. */
function countIn(entry: string): bigint {
  if (!entry.startsWith('{')) return 0n
  const member = objectMembers(entry, 0)
    .members.filter((m) => m.key === 'event_count')
    .at(-1)
  if (!member) return 0n
  const literal = entry.slice(member.valueStart, member.valueEnd)
  if (/^-?\d+$/.test(literal)) return BigInt(literal)
  const number = Number(literal)
  return Number.isFinite(number) ? BigInt(Math.trunc(number)) : 0n
}

/** An entry as the seed writes a new one, two levels deep in json.dump(indent=2). */
function seedEntry(change: IndexChange): string {
  const time = change.lastEventAt === null ? 'null' : pythonJsonDumps(change.lastEventAt)
  return `{\n      "event_count": ${pythonNumber(change.eventCount)},\n      "last_event_at": ${time}\n    }`
}

/**
 * The entry with its `event_count` and `last_event_at` values replaced in place (added after its last
 * member, in its own spacing, when missing); every other byte of it kept. An entry that is not an
 * object, or an empty one, becomes a seed entry.
 */
function editEntry(entry: string, change: IndexChange): string {
  if (!entry.startsWith('{')) return seedEntry(change)
  const { members } = objectMembers(entry, 0)
  if (members.length === 0) return seedEntry(change)
  const values: Record<string, string> = {
    event_count: pythonNumber(change.eventCount),
    last_event_at:
      change.lastEventAt === null ? 'null' : pythonJsonDumps(change.lastEventAt as PythonJsonValue),
  }
  const edits: Edit[] = []
  const first = members[0] as MemberRange
  // What follows a comma between members here: between the first two, else before the first (or a space).
  const second = members[1]
  const indent = second
    ? entry.slice(entry.indexOf(',', first.valueEnd) + 1, second.keyStart)
    : entry.slice(1, first.keyStart) || ' '
  const colon = entry.slice(first.keyStart, first.valueStart).replace(/^"(?:[^"\\]|\\.)*"/, '')
  const last = members.at(-1) as MemberRange
  for (const key of ['event_count', 'last_event_at']) {
    const member = members.filter((m) => m.key === key).at(-1)
    const text = values[key] as string
    if (member) edits.push({ start: member.valueStart, end: member.valueEnd, text })
    else
      edits.push({
        start: last.valueEnd,
        end: last.valueEnd,
        text: `,${indent}${JSON.stringify(key)}${colon}${text}`,
      })
  }
  return splice(entry, edits)
}
