// A damaged line picked in the timeline, read back whole from the host (stream.line) so the Event pane
// can show all of it, its bytes that are not UTF-8 as hex.

import type { ChannelOutput } from '../../../shared/contract'
import { messageOf } from '../lib/format'
import type { SliceCreator } from './types'

export interface DamagedLineSlice {
  readonly damagedLine: {
    readonly aggregateId: string
    readonly line: number
    readonly value: ChannelOutput<'stream.line'> | null
    readonly error: string | null
  } | null
  /** The Event pane shows line `line` of `aggregateId`: fetch it unless it is already there. */
  damagedLineNeeded(aggregateId: string, line: number): void
}

export const createDamagedLineSlice: SliceCreator<DamagedLineSlice> = ({ set, get, api, latest }) => {
  const reads = latest()
  return {
    slice: {
      damagedLine: null,
      damagedLineNeeded(aggregateId, line) {
        const now = get().damagedLine
        if (now?.aggregateId === aggregateId && now.line === line) return
        set({ damagedLine: { aggregateId, line, value: null, error: null } })
        reads.run(
          api['stream.line']({ aggregateId, line }),
          (value) => set({ damagedLine: { aggregateId, line, value, error: null } }),
          (error) => set({ damagedLine: { aggregateId, line, value: null, error: messageOf(error) } }),
        )
      },
    },
    perStore: () => ({ damagedLine: null }),
  }
}
