// Pages of a listing a directory sorts in memory: the cursor is the last row's sort key, so the next
// page starts after that key even when streams were added or removed in between. Pure.

import { StoreError } from '../../errors'

export type PageKey = readonly (string | number | null)[]

export interface Page<T> {
  readonly items: T[]
  readonly next: string | null
}

/** Rows after the cursor `after` (absent: from the first) in `rows`' order, at most `limit` of them. */
export function pageOf<T>(
  rows: readonly T[],
  keyOf: (row: T) => PageKey,
  after: PageKey | null,
  descending: boolean,
  limit: number,
): Page<T> {
  const beyond = (row: T): boolean => {
    if (after === null) return true
    const order = compareKey(keyOf(row), after)
    return descending ? order < 0 : order > 0
  }
  const start = rows.findIndex(beyond)
  const items = start === -1 ? [] : rows.slice(start, start + limit)
  const last = items.at(-1)
  const more = start !== -1 && start + limit < rows.length && last !== undefined
  return { items, next: more ? encodePageCursor(keyOf(last)) : null }
}

/** Keys compared part by part; null after every value, as the listing sorts a missing time last. */
export function compareKey(a: PageKey, b: PageKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === y) continue
    if (x === null) return 1
    if (y === null) return -1
    return x < y ? -1 : 1
  }
  return 0
}

// Opaque to callers; base64url JSON so ids of any characters round-trip.
export function encodePageCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')
}

export function decodePageCursor(text: string): PageKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.every((part) => part === null || ['string', 'number'].includes(typeof part))
    )
      return value as PageKey
  } catch {
    // fall through to the one error below
  }
  throw new StoreError('invalid_input', 'not a page cursor this source handed out')
}
