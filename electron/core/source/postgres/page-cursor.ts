// The opaque page cursor of a stream listing: the last row's sort key and id, so the next page is a
// keyset query (`(key, id) > (…)`) whatever the page number. Pure.

import { StoreError } from '../../errors'
import type { StreamListQuery, StreamSummary } from '../source'

export function sortKey(summary: StreamSummary, sort: StreamListQuery['sort']): string | null {
  if (sort === 'eventCount') return String(summary.eventCount)
  if (sort === 'lastEventAt') return summary.lastEventAt
  return summary.id
}

// Opaque to callers; base64url JSON so ids of any characters round-trip.
export function encodeCursor(key: string | null, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url')
}

export function decodeCursor(text: string): { key: string | null; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[1] === 'string' &&
      (typeof value[0] === 'string' || value[0] === null)
    )
      return { key: value[0] as string | null, id: value[1] }
  } catch {
    // fall through to the one error below
  }
  throw new StoreError('invalid_input', 'not a page cursor this source handed out')
}
