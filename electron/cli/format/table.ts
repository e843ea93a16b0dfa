// Aligned plain-text tables for terminal output.

import { maxOf } from '../../../shared/array-ops'
import { visibleControls } from './visible-controls'

export interface Column {
  readonly header: string
  readonly align?: 'left' | 'right'
}

/**
 * Lay out rows under headers, columns padded to their widest cell and two spaces apart. Trailing
 * spaces are trimmed so piped output diffs cleanly.
 *
 * Widths count UTF-16 code units, not terminal cells: ids and types are almost always ASCII, and a
 * slightly ragged row is a better failure than a dependency on a width table.
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  return formatColumns(
    columns,
    columns.map((_, c) => rows.map((row) => row[c] ?? '')),
  )
}

/**
 * formatTable over cells given column by column (`cells[c][r]`, every column as long as the first).
 *
 * O(cells), one string per line and nothing per cell: `list` lays out 100,000 rows this way, where a
 * row array, a map and a join per row cost a third of a warm `list`.
 */
export function formatColumns(columns: readonly Column[], cells: readonly (readonly string[])[]): string[] {
  const rows = cells[0]?.length ?? 0
  const { line } = lineMaker(columns, cells)
  const lines = new Array<string>(rows + 1)
  for (let r = -1; r < rows; r++) lines[r + 1] = line(r)
  return lines
}

/**
 * formatColumns's lines as UTF-8, each ending in a newline, then `after`, in one buffer: what `list`
 * prints.
 */
export function columnsBytes(
  columns: readonly Column[],
  cells: readonly (readonly string[])[],
  after = '',
): Buffer {
  const writer = new ColumnsWriter(columns, cells)
  writer.write(0, writer.rows)
  return writer.finish(after)
}

/**
 * columnsBytes a range of rows at a time: the header at once, then rows `from` to `to` per write, in
 * order, so a long table can be written in slices between other work (list-ahead.ts).
 *
 * Each row's cells are copied into the buffer byte by byte and padded there: no string is made per
 * line or per cell. A line string per row, written with Buffer.write, made 14 strings a row (a cell
 * and its padding, concatenated) for the write to flatten and encode. A cell with a character past
 * ASCII is written as UTF-8 by Buffer.write; a row whose last character is a space is written as
 * formatColumns's line, which trims it (rare: an empty last cell), and so is a row with a control
 * character, escaped (visible-controls.ts: these bytes go to the terminal as they are).
 */
export class ColumnsWriter {
  readonly rows: number
  private readonly line: (row: number) => string
  /** The widest a line can be, in UTF-16 units. */
  private readonly width: number
  private readonly widths: readonly number[]
  private readonly right: readonly boolean[]
  private bytes: Buffer
  private at = 0

  constructor(
    private readonly columns: readonly Column[],
    private readonly cells: readonly (readonly string[])[],
  ) {
    this.rows = cells[0]?.length ?? 0
    const { line, width, widths } = lineMaker(columns, cells)
    this.line = line
    this.width = width
    this.widths = widths
    this.right = columns.map((column) => column.align === 'right')
    // Room for every line at its widest in ASCII; a row with other characters may need more.
    this.bytes = Buffer.allocUnsafe((this.rows + 1) * (width + 1) + 1)
    this.put(line(-1))
  }

  /** Write rows `from` to `to` (`to` excluded), each ending in a newline. O(their bytes). */
  write(from: number, to: number): void {
    const { cells, widths, right, width } = this
    const last = this.columns.length - 1
    // `bytes` and `at` are locals of the loop, written back after it: V8 keeps them in registers.
    let bytes = this.bytes
    let at = this.at
    for (let r = from; r < to; r++) {
      // A row is at most `width` UTF-16 units, padding included.
      bytes = withRoom(bytes, at, width + 1)
      const start = at
      for (let c = 0; c <= last; c++) {
        const value = (cells[c] as readonly string[])[r] ?? ''
        const pad = (widths[c] as number) - value.length
        if (c > 0) {
          bytes[at++] = 32
          bytes[at++] = 32
        }
        if (right[c]) for (let k = 0; k < pad; k++) bytes[at++] = 32
        at = copyText(bytes, at, value)
        if (at < 0) break
        if (!right[c] && c !== last) for (let k = 0; k < pad; k++) bytes[at++] = 32
      }
      if (at < 0) {
        const shown = visibleControls(this.line(r))
        bytes = withRoom(bytes, start, shown.length + 1)
        at = start + bytes.write(shown, start, 'utf8')
      } else if (at > start && bytes[at - 1] === 32) at = start + bytes.write(this.line(r), start, 'utf8')
      bytes[at++] = 10
    }
    this.bytes = bytes
    this.at = at
  }

  /** The lines written, then `after`. */
  finish(after = ''): Buffer {
    const shown = visibleControls(after)
    this.bytes = withRoom(this.bytes, this.at, shown.length)
    this.at += this.bytes.write(shown, this.at, 'utf8')
    return this.bytes.subarray(0, this.at)
  }

  // A line and its newline, as text.
  private put(line: string): void {
    const text = visibleControls(line)
    this.bytes = withRoom(this.bytes, this.at, text.length + 1)
    this.at += this.bytes.write(text, this.at, 'utf8')
    this.bytes[this.at++] = 10
  }
}

// `bytes`, or a copy of its first `at` bytes in a bigger buffer, with room for `units` UTF-16 units
// as UTF-8 from `at` (at most 3 bytes each: a surrogate pair, two units, takes 4).
function withRoom(bytes: Buffer, at: number, units: number): Buffer {
  if (bytes.length - at >= units * 3) return bytes
  const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, at + units * 3))
  bytes.copy(grown, 0, 0, at)
  return grown
}

// `text` into `bytes` at `at` as UTF-8 (room for it is there); returns where it ends, or -1 when it
// holds a control character (the row is then written escaped). ASCII by a loop, anything else by
// Buffer.write.
function copyText(bytes: Buffer, at: number, text: string): number {
  const n = text.length
  for (let k = 0; k < n; k++) {
    const code = text.charCodeAt(k)
    if (code < 32 || code === 127) return -1
    if (code > 127) return visibleControls(text) === text ? at + bytes.write(text, at, 'utf8') : -1
    bytes[at + k] = code
  }
  return at + n
}

// One line of the table (the header's for row -1), and the widest a line can be. Columns are padded
// to their widest cell, two spaces apart, trailing spaces trimmed.
function lineMaker(
  columns: readonly Column[],
  cells: readonly (readonly string[])[],
): { line: (row: number) => string; width: number; widths: readonly number[] } {
  const rows = cells[0]?.length ?? 0
  const widths = columns.map((column, c) => {
    let width = column.header.length
    const values = cells[c] ?? []
    for (let r = 0; r < rows; r++) {
      const length = (values[r] ?? '').length
      if (length > width) width = length
    }
    return width
  })
  const last = columns.length - 1
  const right = columns.map((column) => column.align === 'right')
  // Padding by lookup: padStart and padEnd make a string per cell, 700,000 of them for `list`.
  const spaces = Array.from({ length: maxOf(widths, 0) + 1 }, (_, n) => ' '.repeat(n))
  const line = (row: number): string => {
    let text = ''
    for (let c = 0; c <= last; c++) {
      const value = (row < 0 ? columns[c]?.header : cells[c]?.[row]) ?? ''
      const pad = spaces[(widths[c] as number) - value.length] as string
      if (c > 0) text += '  '
      if (right[c]) text += pad + value
      else text += c === last ? value : value + pad
    }
    return text.charCodeAt(text.length - 1) === 32 ? text.trimEnd() : text
  }
  return { line, width: widths.reduce((sum, each) => sum + each + 2, 0), widths }
}

/** Cut a text to `max` characters with an ellipsis, on one line. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ')
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat
}

/** "1 event", "3 events". */
export function plural(count: number, noun: string): string {
  return `${groupDigits(count)} ${noun}${count === 1 ? '' : 's'}`
}

/**
 * An integer with its thousands grouped as en-US writes them (`1,000,000`), as toLocaleString does.
 *
 * By hand: the first toLocaleString of a process loads ICU's locale data, 77 ms of a 0.55 s
 * `eventscope state` answered from the scan cache.
 */
export function groupDigits(count: number): string {
  if (!Number.isSafeInteger(count) || Object.is(count, -0)) return count.toLocaleString('en-US')
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',')
}
