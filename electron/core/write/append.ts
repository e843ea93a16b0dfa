// Appending one event: validated before anything is touched, then under the store lock the expected
// version is checked, the line written and fsync'd, and only then index.json replaced.

import { randomUUID } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { IpcError } from '../../../shared/errors'
import { pythonIsoFormat } from '../gen/python-time'
import { isJsonObject, type JsonObject } from '../json/json-value'
import { indexFileName, streamSuffix } from '../store/store-files'
import { unsafeAggregateIdReason } from './aggregate-id'
import { appendDurably, replaceDurably } from './durable-file'
import { buildEventLine, seedStyle } from './event-line'
import { updatedIndexText, type IndexChange } from './index-update'
import { rebuildIndexText, sampleStoreStyle } from './store-scan'
import { withStoreLock } from './store-lock'
import { readStreamState } from './stream-state'

export interface AppendRequest {
  readonly dir: string
  readonly aggregateId: string
  readonly eventType: string
  readonly payload: unknown
  readonly metadata?: unknown
  /** The version the stream must be at before this event; omitted or null: no check. */
  readonly expectedVersion?: number | null
  /** Defaults to a new UUID v4. Re-sending the id of the stream's last event is a no-op. */
  readonly eventId?: string
  /** Epoch microseconds; defaults to now. */
  readonly nowMicros?: number
}

export interface AppendResult {
  readonly aggregateId: string
  readonly version: number
  /** The event as written (or, for a duplicate, as the request would have written it). */
  readonly event: JsonObject
  readonly line: string
  readonly duplicate: boolean
}

/** Append one event to a store. Throws IpcError with a one-line message; on refusal nothing is written. */
export async function appendEvent(request: AppendRequest): Promise<AppendResult> {
  const { aggregateId } = request
  const unsafe = unsafeAggregateIdReason(aggregateId)
  if (unsafe) throw new IpcError('invalid_input', `Aggregate id ${JSON.stringify(aggregateId.slice(0, 80))} is not allowed: ${unsafe}.`)
  if (request.eventType.trim() === '') throw new IpcError('invalid_input', 'The event type is empty.')
  if (!isJsonObject(request.payload)) throw new IpcError('invalid_input', 'The payload must be a JSON object.')
  if (request.metadata != null && !isJsonObject(request.metadata)) throw new IpcError('invalid_input', 'The metadata must be a JSON object.')
  const info = await stat(request.dir).catch(() => null)
  if (!info?.isDirectory()) throw new IpcError('not_found', `No such store directory: ${request.dir} (create one with \`eventscope init\`).`)

  return withStoreLock(request.dir, async () => {
    const file = join(request.dir, `${aggregateId}${streamSuffix}`)
    const stream = await readStreamState(file, aggregateId)
    // A retry of an append that succeeded (same id, same expected version) is a no-op, not a conflict.
    const retried = request.eventId !== undefined && stream.lastEventId === request.eventId
    const expected = retried && request.expectedVersion === stream.version - 1 ? stream.version : request.expectedVersion
    if (expected != null && expected !== stream.version) {
      throw new IpcError('version_conflict', `expected version ${request.expectedVersion}, stream is at ${stream.version}`)
    }
    const style = stream.style ?? (await sampleStoreStyle(request.dir)) ?? seedStyle
    const eventId = request.eventId ?? randomUUID()
    const occurredAt = pythonIsoFormat(request.nowMicros ?? Math.round((performance.timeOrigin + performance.now()) * 1000))
    const built = buildEventLine(style, {
      aggregateId,
      eventType: request.eventType,
      eventId,
      occurredAt,
      payload: request.payload as JsonObject,
      metadata: (request.metadata as JsonObject | null | undefined) ?? null,
    })
    if (retried) {
      return { aggregateId, version: stream.version, event: built.object, line: built.line, duplicate: true }
    }
    const version = stream.version + 1
    // The new index text is made before the line is written: an unreadable index refuses the append
    // while nothing has been written yet.
    const indexText = await nextIndexText(request.dir, { aggregateId, eventCount: version, lastEventAt: occurredAt })
    await appendDurably(file, Buffer.from(`${stream.endsWithNewline ? '' : '\n'}${built.line}\n`, 'utf8'))
    await replaceDurably(join(request.dir, indexFileName), indexText)
    return { aggregateId, version, event: built.object, line: built.line, duplicate: false }
  })
}

async function nextIndexText(dir: string, change: IndexChange): Promise<string> {
  const current = await readFile(join(dir, indexFileName), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  // Without an index, one listing only this aggregate would be a lie about the store: build it whole,
  // counting the event about to be written.
  return current === null ? rebuildIndexText(dir, change) : updatedIndexText(current, change)
}
