// Aligned plain-text tables for terminal output.

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
  const line = (cell: (c: number) => string): string => {
    let text = ''
    for (let c = 0; c <= last; c++) {
      const value = cell(c)
      const width = widths[c] as number
      if (c > 0) text += '  '
      if (columns[c]?.align === 'right') text += value.padStart(width)
      else text += c === last ? value : value.padEnd(width)
    }
    return text.charCodeAt(text.length - 1) === 32 ? text.trimEnd() : text
  }
  const lines = new Array<string>(rows + 1)
  lines[0] = line((c) => columns[c]?.header ?? '')
  for (let r = 0; r < rows; r++) lines[r + 1] = line((c) => cells[c]?.[r] ?? '')
  return lines
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
