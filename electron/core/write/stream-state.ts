// What an append must know about a stream before it writes: its current version, its last event, its
// style, and whether its last byte is a line feed (if not, the next line must not glue onto it).

import { lstat, open } from 'node:fs/promises'
import type { EnvelopeStyle } from '../../../shared/contract'
import { IpcError } from '../../../shared/errors'
import { readEvents } from '../stream/event-reader'
import { scanStream } from '../stream/stream-index'

export interface StreamState {
  readonly exists: boolean
  readonly version: number
  readonly lastEventId: string | null
  readonly lastEventAt: string | null
  readonly style: EnvelopeStyle | null
  readonly endsWithNewline: boolean
}

/** Read a stream's state for an append. O(stream bytes): one scan without replay. */
export async function readStreamState(file: string, aggregateId: string): Promise<StreamState> {
  const info = await lstat(file).catch(() => null)
  if (!info) return { exists: false, version: 0, lastEventId: null, lastEventAt: null, style: null, endsWithNewline: true }
  if (!info.isFile()) throw new IpcError('invalid_input', `${aggregateId}.events.jsonl is not a regular file; eventscope never writes through links.`)
  const index = await scanStream(file, aggregateId, { replay: false })
  const [last] = index.eventCount > 0 ? await readEvents(index, index.eventCount, index.eventCount) : []
  return {
    exists: true,
    version: index.eventCount,
    lastEventId: last?.envelope.id ?? null,
    lastEventAt: index.lastEventAt,
    style: index.style,
    endsWithNewline: await endsWithNewline(file, info.size),
  }
}

async function endsWithNewline(file: string, size: number): Promise<boolean> {
  if (size === 0) return true
  const handle = await open(file, 'r')
  try {
    const byte = Buffer.alloc(1)
    await handle.read(byte, 0, 1, size - 1)
    return byte[0] === 0x0a
  } finally {
    await handle.close()
  }
}
