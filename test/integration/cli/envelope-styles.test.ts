// The built CLI on stores that nest the payload under "data" or "payload", with other field names.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeDataEnvelopeStore, writePayloadEnvelopeStore } from '../../fixtures/envelope-stores'
import { expectedStateAt } from '../../fixtures/stream-builder'
import { requireBuiltCli, runJson, type EventsDoc, type ListDoc, type StateDoc } from './run-built-cli'

const root = mkdtempSync(join(tmpdir(), 'eventscope-cli-envelopes-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
beforeAll(() => requireBuiltCli())

describe.each([
  ['"data" envelopes with epoch-millisecond timestamps', writeDataEnvelopeStore],
  ['"payload" envelopes with metadata and no index', writePayloadEnvelopeStore],
])('given a store of %s', (name, write) => {
  const store = write(join(root, name.replace(/\W+/g, '-')))
  const [stream] = store.streams
  if (!stream) throw new Error('fixture has no stream')

  it('when listed, then its style is detected and its events counted', async () => {
    const list = await runJson<ListDoc>(['list', store.dir])
    expect(list.style).toEqual(store.style)
    expect(list.index).toBe(store.index)
    expect(list.aggregates).toEqual([
      expect.objectContaining({
        id: stream.id,
        type: stream.type,
        event_count: stream.events.length,
        status: 'ok',
        last_event_at: stream.lastEventAt,
      }),
    ])
  }, 30_000)

  it('when its events are printed, then type, id, time, payload and metadata are normalized', async () => {
    const doc = await runJson<EventsDoc>(['events', store.dir, stream.id])
    expect(
      doc.events.map(({ version, line, type, id, occurredAt, payload, metadata }) => ({
        version,
        line,
        type,
        id,
        occurredAt,
        payload,
        metadata,
      })),
    ).toEqual(stream.events)
  }, 30_000)

  it('when its state is rebuilt, then it merges the nested payloads', async () => {
    const doc = await runJson<StateDoc>(['state', store.dir, stream.id])
    expect(doc.state).toEqual(expectedStateAt(stream, stream.events.length))
  }, 30_000)
})
