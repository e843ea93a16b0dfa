// Injected I/O faults (ENOSPC, EIO, EPERM on write, fsync and rename; short writes) through the
// durable-file seam: an append that fails says so in one line, claims no version, and leaves a store
// that opens clean, or with only what the message says (a stale index that reindex rebuilds).

import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StoreError } from '../../../electron/core/errors'
import { repairStore } from '../../../electron/core/verify/repair-store'
import { verifyStore } from '../../../electron/core/verify/verify-store'
import { appendEvent } from '../../../electron/core/write/append'
import type { IndexBehindError } from '../../../electron/core/write/append-request'
import type { CliError } from '../../../electron/cli/cli-error'
import { asCliError } from '../../../electron/cli/commands/as-cli-error'
import { useDurableFs, type DurableFs } from '../../../electron/core/write/durable-file'
import { initStore } from '../../../electron/core/write/init-store'
import { reindexStore } from '../../../electron/core/write/reindex'
import { faultyFs, type Fault } from '../../fixtures/faulty-fs'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs('eventscope-faults-')
let restore: (() => void) | null = null
afterEach(() => {
  restore?.()
  restore = null
})

async function storeWithOneEvent(): Promise<string> {
  const dir = await tempDir()
  await initStore(dir)
  await appendEvent({ dir, aggregateId: 'agg', eventType: 'Opened', payload: { n: 1 } })
  return dir
}

async function snapshot(dir: string): Promise<{ names: string[]; stream: string; index: string }> {
  return {
    names: (await readdir(dir)).sort(),
    stream: await readFile(join(dir, 'agg.events.jsonl'), 'utf8'),
    index: await readFile(join(dir, 'index.json'), 'utf8'),
  }
}

async function failedAppend(dir: string, fault: Fault, aggregateId = 'agg'): Promise<StoreError> {
  restore = useDurableFs(faultyFs(fault))
  const error = await appendEvent({
    dir,
    aggregateId,
    eventType: 'Changed',
    payload: { n: 2, pad: 'x'.repeat(5000) },
  }).then(
    (result) => {
      throw new Error(
        `the append succeeded under ${JSON.stringify(fault)}: ${JSON.stringify(result.version)}`,
      )
    },
    (failure: unknown) => failure,
  )
  restore()
  restore = null
  expect(error).toBeInstanceOf(StoreError)
  // A failure on the stream appended nothing (io_error); one on the index after it did (index_behind).
  expect((error as StoreError).code).toBe(fault.target === 'index' ? 'index_behind' : 'io_error')
  expect((error as StoreError).message).not.toContain('\n')
  return error as StoreError
}

const codes = ['ENOSPC', 'EIO', 'EPERM'] as const

describe('given a fault while the event line is written or fsync’d', () => {
  it.each(codes.flatMap((code) => (['write', 'sync'] as const).map((op) => [code, op] as const)))(
    'when %s hits the stream %s, then the append fails saying nothing was written, and the store is exactly as before',
    async (code, op) => {
      const dir = await storeWithOneEvent()
      const before = await snapshot(dir)
      const error = await failedAppend(dir, { target: 'stream', op, code })
      expect(error.message).toBe(
        `Could not append to agg.events.jsonl (${code}: injected ${op} fault); nothing was written.`,
      )
      expect(await snapshot(dir)).toEqual(before)
      expect((await verifyStore(dir)).problems).toEqual([])
      // And the next append, with the disk well again, is version 2.
      expect(
        (await appendEvent({ dir, aggregateId: 'agg', eventType: 'Changed', payload: { n: 2 } })).version,
      ).toBe(2)
      expect((await verifyStore(dir)).problems).toEqual([])
    },
  )

  it('when the write is short, then the written part is cut off again and the store is as before', async () => {
    const dir = await storeWithOneEvent()
    const before = await snapshot(dir)
    const error = await failedAppend(dir, { target: 'stream', op: 'short' })
    expect(error.message).toMatch(
      /^Could not append to agg\.events\.jsonl \(short write, \d+ of \d+ bytes\); nothing was written\.$/,
    )
    expect(await snapshot(dir)).toEqual(before)
    expect((await verifyStore(dir)).problems).toEqual([])
  })

  it('when the write is short and cutting it off fails too, then the message says so and the torn tail is the only damage, which repair cuts', async () => {
    const dir = await storeWithOneEvent()
    const before = await snapshot(dir)
    const error = await failedAppend(dir, { target: 'stream', op: 'short', alsoTruncate: 'EIO' })
    expect(error.message).toMatch(/; the stream may end in a torn line \(`eventscope repair` cuts it\)\.$/)
    const report = await verifyStore(dir)
    expect(report.problems.map((problem) => [problem.kind, problem.offset])).toEqual([
      ['torn_tail', before.stream.length],
    ])
    expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe(before.index)
    await repairStore(dir, { dryRun: false })
    expect(await readFile(join(dir, 'agg.events.jsonl'), 'utf8')).toBe(before.stream)
  })

  it('when the first event of a new aggregate cannot be written, then no empty stream file is left behind', async () => {
    const dir = await storeWithOneEvent()
    const before = await snapshot(dir)
    await failedAppend(dir, { target: 'stream', op: 'write', code: 'ENOSPC' }, 'fresh')
    expect(await snapshot(dir)).toEqual(before)
  })
})

describe('given a fault while index.json is replaced (after the event is in the stream)', () => {
  it.each(codes.flatMap((code) => (['write', 'sync', 'rename'] as const).map((op) => [code, op] as const)))(
    'when %s hits the index %s, then the answer says the event was appended (version, id) and the index is behind, exit 4 in the CLI, a retry with that id is a no-op, and reindex fixes the index',
    async (code, op) => {
      const dir = await storeWithOneEvent()
      const before = await snapshot(dir)
      const error = await failedAppend(dir, { target: 'index', op, code })
      // The event is in the stream (the truth): the answer says so, with the id a retry can reuse.
      expect(error.message).toMatch(
        new RegExp(
          `^Appended Changed to agg as version 2 \\(event id ([0-9a-f-]{36})\\), durably, but index\\.json was not updated \\(Could not replace index\\.json \\(${code}: injected ${op} fault\\); it is unchanged\\)\\. Do not append it again .*run \`eventscope reindex .*\` `,
        ),
      )
      expect((asCliError(error) as CliError).exitCode).toBe(4)
      const eventId = (error as IndexBehindError).appended[0]?.eventId as string
      expect(error.message).toContain(eventId)
      const after = await snapshot(dir)
      expect(after.names).toEqual(before.names) // no temp file left
      expect(after.index).toBe(before.index)
      expect(after.stream.startsWith(before.stream)).toBe(true)
      expect(after.stream.slice(before.stream.length).split('\n')).toHaveLength(2)
      expect(after.stream).toContain(eventId)
      // The retry the message invites, with the disk well again: nothing more is written.
      const retry = await appendEvent({
        dir,
        aggregateId: 'agg',
        eventType: 'Changed',
        payload: { n: 2 },
        eventId,
      })
      expect(retry).toMatchObject({ duplicate: true, version: 2, eventId })
      expect((await snapshot(dir)).stream).toBe(after.stream)
      const report = await verifyStore(dir)
      expect(new Set(report.problems.map((problem) => problem.kind))).toEqual(
        new Set(['index_count_mismatch', 'index_last_event_mismatch', 'index_total_mismatch']),
      )
      await reindexStore(dir)
      expect((await verifyStore(dir)).problems).toEqual([])
    },
  )

  it('when the index write is short, then the temp file is removed and index.json is unchanged', async () => {
    const dir = await storeWithOneEvent()
    const before = await snapshot(dir)
    const error = await failedAppend(dir, { target: 'index', op: 'short' })
    expect(error.message).toMatch(
      /Could not replace index\.json \(short write, \d+ of \d+ bytes\); it is unchanged/,
    )
    const after = await snapshot(dir)
    expect(after.names).toEqual(before.names)
    expect(after.index).toBe(before.index)
  })
})

describe('given a fault while reindex replaces index.json', () => {
  it.each(codes)(
    'when %s hits the rename, then reindex fails in one line and index.json is unchanged',
    async (code) => {
      const dir = await storeWithOneEvent()
      await appendEvent({ dir, aggregateId: 'agg', eventType: 'Changed', payload: { n: 2 } })
      const stale = '{"aggregates": {}, "total_events": 0}'
      await writeFile(join(dir, 'index.json'), stale)
      restore = useDurableFs(faultyFs({ target: 'index', op: 'rename', code }))
      await expect(reindexStore(dir)).rejects.toThrow(
        `Could not replace index.json (${code}: injected rename fault); it is unchanged.`,
      )
      restore()
      restore = null
      expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe(stale)
      expect((await readdir(dir)).sort()).toEqual(['agg.events.jsonl', 'index.json'])
    },
  )
})

// The seam itself: with no fault the wrapper is the real file system, so a test that injects nothing
// sees ordinary appends (guards against a fault fixture that fails everything and hides real faults).
describe('given the faulty file system with no matching fault', () => {
  it('when appending, then the append succeeds through it', async () => {
    const dir = await storeWithOneEvent()
    const calls: string[] = []
    const counting: DurableFs = faultyFs({ target: 'stream', op: 'rename', code: 'EIO' }, (call) =>
      calls.push(call),
    )
    restore = useDurableFs(counting)
    expect(
      (await appendEvent({ dir, aggregateId: 'agg', eventType: 'Changed', payload: { n: 2 } })).version,
    ).toBe(2)
    expect(calls).toEqual(
      expect.arrayContaining(['open stream', 'write stream', 'sync stream', 'rename index']),
    )
    expect((await verifyStore(dir)).problems).toEqual([])
  })
})
