// What an append must know about a stream before it writes: its current version, its last event, its
// style, and whether its last byte is a line feed (if not, the next line must not glue onto it).
// cached-stream-state.ts computes it (from a cached state, or a scan) under the store lock.

import type { EnvelopeStyle } from '../../../shared/contract'

export interface StreamState {
  readonly exists: boolean
  readonly version: number
  readonly lastEventId: string | null
  readonly lastEventAt: string | null
  readonly style: EnvelopeStyle | null
  readonly endsWithNewline: boolean
}
