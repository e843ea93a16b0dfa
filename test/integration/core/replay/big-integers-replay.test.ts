// Integers beyond 2^53 in payloads: replayed exact (bigints) through the scan, its checkpoints (in a
// worker and in process), the replay from a checkpoint and the contract, where they leave main as their
// nearest number plus their digits by JSON Pointer.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { stateAt } from '../../../../electron/core/replay/replay'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { openStreamIndex } from '../../../../electron/core/worker/off-thread'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { builtStreamWorker } from '../../../support/built-worker'
import { writeStream } from '../../../support/store-files'
import { testDispatch } from '../../../support/test-dispatch'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
afterEach(() => configureWorkers({}))

// Both round to the double 12345678901234567168: only exact digits tell them apart.
const first = '12345678901234567890'
const second = '12345678901234567891'
const negative = '-98765432109876543210'
/** A numeric event id (a snowflake id, say) beyond 2^53: the envelope keeps its digits as its id text. */
const eventId = '12345678901234567893'
/** 600 small events between the big ones, so a checkpoint (every 512 events) holds the big integers. */
const filler = 600
const lastVersion = filler + 2

function streamText(style: 'flat' | 'data'): string {
  const line = (type: string, payload: string) =>
    style === 'flat'
      ? `{"event_type": "${type}", "event_id": ${eventId}, ${payload.slice(1, -1)}}`
      : `{"event_type": "${type}", "event_id": ${eventId}, "data": ${payload}}`
  const lines = [
    line(
      'Opened',
      `{"account_id": ${first}, "owner": {"ledger": {"balance": ${negative}}}, "ids": [1, ${first}, "x", [${negative}]], "note": "id ${first} in text"}`,
    ),
    ...Array.from({ length: filler }, (_, i) => line('Touched', `{"n": ${i}}`)),
    line('Renumbered', `{"account_id": ${second}}`),
  ]
  return `${lines.join('\n')}\n`
}

async function storeWith(style: 'flat' | 'data'): Promise<string> {
  const dir = await tempDir()
  await writeStream(dir, 'acct', streamText(style))
  return dir
}

describe.each([
  ['flat', 'a worker thread'],
  ['data', 'in process'],
] as const)('given %s events with integers beyond 2^53, scanned on %s', (style, where) => {
  it('when the state is replayed from a checkpoint, then every big integer is exact, nested and in arrays', async () => {
    configureWorkers(
      where === 'a worker thread'
        ? { file: await builtStreamWorker(), minScanBytes: 0, minStreams: 0 }
        : { file: null },
    )
    const dir = await storeWith(style)
    const index = await openStreamIndex(join(dir, 'acct.events.jsonl'), 'acct')
    expect(index.checkpoints.atOrBefore(lastVersion).version).toBeGreaterThan(1)
    expect(index.latestState.account_id).toBe(BigInt(second))

    const at = await stateAt(index, lastVersion)
    expect(at.state).toMatchObject({
      account_id: BigInt(second),
      owner: { ledger: { balance: BigInt(negative) } },
      ids: [1, BigInt(first), 'x', [BigInt(negative)]],
      note: `id ${first} in text`,
    })
    // The two ids differ only in their last digit; as doubles they are equal, exact they are a change.
    expect(at.changes).toEqual([
      { path: ['account_id'], kind: 'changed', before: BigInt(first), after: BigInt(second) },
    ])
    expect((await stateAt(index, 1)).state.account_id).toBe(BigInt(first))
  })
})

describe('given a store whose payloads hold integers beyond 2^53, through the contract', () => {
  async function open(): Promise<{ session: ExplorerSession; dispatch: ReturnType<typeof testDispatch> }> {
    const dir = await storeWith('flat')
    const session = new ExplorerSession()
    await session.open(dir)
    await session.streamOpen('acct')
    return { session, dispatch: testDispatch(session) }
  }

  it('when state.at is asked, then the state has the nearest numbers and `exact` every digit by pointer', async () => {
    const { session, dispatch } = await open()
    try {
      const result = await dispatch('state.at', { aggregateId: 'acct', version: lastVersion })
      if (!result.ok) throw new Error(result.error.message)
      const value = result.value as {
        state: { account_id: number; ids: unknown[] }
        exact: Record<string, string>
        changes: unknown[]
      }
      expect(value.state.account_id).toBe(Number(second))
      expect(value.state.ids).toEqual([1, Number(first), 'x', [Number(negative)]])
      expect(value.exact).toEqual({
        '/account_id': second,
        '/owner/ledger/balance': negative,
        '/ids/1': first,
        '/ids/3/0': negative,
      })
      expect(value.changes).toEqual([
        {
          path: ['account_id'],
          kind: 'changed',
          before: Number(first),
          after: Number(second),
          exactBefore: { '': first },
          exactAfter: { '': second },
        },
      ])
      // Plain JSON all the way: no bigint, no marker string.
      expect(JSON.stringify(value)).not.toMatch(/bigint|\\u0000/)
      const event = await dispatch('event.get', { aggregateId: 'acct', version: lastVersion })
      expect(event).toMatchObject({ ok: true, value: { id: eventId } })
      const window = await dispatch('stream.window', { aggregateId: 'acct', offset: 0, limit: 1 })
      expect(window).toMatchObject({
        ok: true,
        value: { rows: [{ id: eventId, summary: expect.stringContaining(`account_id=${first}`) }] },
      })
    } finally {
      session.close()
    }
  })

  it('when state.diff compares the two versions, then the ids that round alike show as changed, with digits', async () => {
    const { session, dispatch } = await open()
    try {
      const result = await dispatch('state.diff', {
        aggregateId: 'acct',
        fromVersion: lastVersion - 1,
        toVersion: lastVersion,
      })
      if (!result.ok) throw new Error(result.error.message)
      expect((result.value as { changes: unknown[] }).changes).toEqual([
        {
          path: ['account_id'],
          kind: 'changed',
          before: Number(first),
          after: Number(second),
          exactBefore: { '': first },
          exactAfter: { '': second },
        },
      ])
      const whole = await dispatch('state.diff', { aggregateId: 'acct', fromVersion: 0, toVersion: 1 })
      if (!whole.ok) throw new Error(whole.error.message)
      const added = (whole.value as { changes: { path: string[]; exactAfter?: object }[] }).changes
      expect(added.find((change) => change.path[0] === 'owner')?.exactAfter).toEqual({
        '/ledger/balance': negative,
      })
    } finally {
      session.close()
    }
  })

  it('when the page appends a payload with digits beside it, then the line holds them as typed; digits that do not match are refused and nothing is written', async () => {
    const { session, dispatch } = await open()
    try {
      const file = join(session.storeDir(), 'acct.events.jsonl')
      const typed = '98765432109876543211'
      const payload = { account_id: Number(typed), refs: [Number(negative)] }
      const preview = await dispatch('events.preview', {
        aggregateId: 'acct',
        payload,
        exact: { '/account_id': typed, '/refs/0': negative },
      })
      expect(preview).toMatchObject({
        ok: true,
        value: { exact: { '/account_id': typed, '/refs/0': negative } },
      })
      const before = await readFile(file, 'utf8')
      const wrong = await dispatch('events.append', {
        aggregateId: 'acct',
        eventType: 'Renumbered',
        payload,
        exact: { '/account_id': first },
      })
      expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(await readFile(file, 'utf8')).toBe(before)
      const appended = await dispatch('events.append', {
        aggregateId: 'acct',
        eventType: 'Renumbered',
        payload,
        exact: { '/account_id': typed, '/refs/0': negative },
      })
      expect(appended).toMatchObject({ ok: true, value: { version: lastVersion + 1 } })
      const line = (await readFile(file, 'utf8')).trimEnd().split('\n').at(-1) as string
      expect(line).toContain(`"account_id": ${typed}, "refs": [${negative}]`)
    } finally {
      session.close()
    }
  })

  it('when the append preview and the state export are asked, then both keep every digit', async () => {
    const { session, dispatch } = await open()
    try {
      const preview = await dispatch('events.preview', { aggregateId: 'acct', payload: { n: -1 } })
      if (!preview.ok) throw new Error(preview.error.message)
      expect((preview.value as { exact: object }).exact).toMatchObject({ '/account_id': second })
      const out = join(await tempDir(), 'state.json')
      await session.exportTo(
        { taskId: 'x', format: 'state', aggregateIds: ['acct'], version: lastVersion },
        out,
      )
      const text = await readFile(out, 'utf8')
      expect(text).toContain(`"account_id": ${second}`)
      expect(text).toContain(`"balance": ${negative}`)
      expect(text).not.toContain('bigint')
    } finally {
      session.close()
    }
  })
})
