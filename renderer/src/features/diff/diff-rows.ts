// The side-by-side layout of a diff: one row per changed path, in path order, with both sides as text.
//
// Pure: the diff panel renders these rows and the unit tests check the order and the text.

import type { Change, ExactIntegers, Json } from '../../../../shared/contract'
import { previewExact } from '../../lib/exact-numbers'

export interface DiffRow {
  readonly key: string
  /** `customer.address.city`, `items[2]`: how the path reads. */
  readonly path: string
  readonly depth: number
  readonly kind: Change['kind']
  /** The value in version A (null when the path was added), as one line of JSON. */
  readonly before: string | null
  readonly after: string | null
}

export interface DiffLayout {
  readonly rows: readonly DiffRow[]
  readonly added: number
  readonly removed: number
  readonly changed: number
}

/** How a path reads: keys joined by dots, array positions (all digits) in brackets. */
export function formatPath(path: readonly string[]): string {
  if (path.length === 0) return '(whole state)'
  return path
    .map((key, index) =>
      /^\d+$/.test(key)
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? index === 0
            ? key
            : `.${key}`
          : `[${JSON.stringify(key)}]`,
    )
    .join('')
}

/**
 * A value as one line of JSON, cut at `max` characters; integers beyond 2^53 with their exact digits,
 * or "≈" where only a rounded double is known.
 */
export function oneLine(
  value: Json | undefined,
  max = 160,
  exact?: ExactIntegers | undefined,
): string | null {
  return value === undefined ? null : previewExact(value, exact, max)
}

/** Values are shown whole and wrap; only a huge one is cut, and Copy still has it all. */
const wholeValueChars = 20_000

/** Rows for the changes between two versions, ordered by path so siblings stay together. */
export function layoutDiff(changes: readonly Change[]): DiffLayout {
  const rows = [...changes]
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((change) => ({
      key: JSON.stringify(change.path),
      path: formatPath(change.path),
      depth: change.path.length,
      kind: change.kind,
      before: change.kind === 'added' ? null : oneLine(change.before, wholeValueChars, change.exactBefore),
      after: change.kind === 'removed' ? null : oneLine(change.after, wholeValueChars, change.exactAfter),
    }))
  return {
    rows,
    added: changes.filter((change) => change.kind === 'added').length,
    removed: changes.filter((change) => change.kind === 'removed').length,
    changed: changes.filter((change) => change.kind === 'changed').length,
  }
}

// Segment by segment; array positions compare as numbers, so [2] comes before [10].
function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const x = a[index] as string
    const y = b[index] as string
    if (x === y) continue
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y)
    return x < y ? -1 : 1
  }
  return a.length - b.length
}
