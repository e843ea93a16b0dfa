// check.run and stream.hits over a store with violations planted at known versions: the first violating
// version is exact (also past a checkpoint boundary, also when the invariant holds again later), under
// the merge patch and under a trusted store reducer.

import { realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RequestChannel } from '../../../../shared/channels'
import { contract, type ChannelInput, type ChannelOutput } from '../../../../shared/contract'
import type { Dispatch } from '../../../../electron/core/api/router'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { TrustedDirectories } from '../../../../electron/core/settings/trusted-directories'
import { planted, plantedInvariant, writePlantedStore } from '../../../support/planted-store'
import { useTempDirs } from '../../../support/temp-dir'
import { testDispatch } from '../../../support/test-dispatch'

const tempDir = useTempDirs()
const sessions: ExplorerSession[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.close()
})

async function setup() {
  const dir = await realpath(await tempDir())
  await writePlantedStore(dir)
  const session = new ExplorerSession()
  sessions.push(session)
  const trustedDirectories = new TrustedDirectories(join(await tempDir(), 'trusted.json'))
  const dispatch = testDispatch(session, { trustedDirectories })
  await session.open(dir)
  return { dir, dispatch }
}

async function ask<C extends RequestChannel>(
  dispatch: Dispatch,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return contract[channel].output.parse(result.value) as ChannelOutput<C>
}

describe('check.run', () => {
  it('given planted violations, when the invariant is checked, then each violator reports its first violating version', async () => {
    const { dispatch } = await setup()
    const answer = await ask(dispatch, 'check.run', {
      taskId: 't1',
      invariants: [{ expression: plantedInvariant, types: ['Account'] }],
    })
    expect(answer.violations.map((v) => [v.aggregateId, v.version])).toEqual(Object.entries(planted))
    const first = answer.violations[0]
    expect(first?.event).toMatchObject({ id: 'acc-1-600', type: 'AccountCredited' })
    expect(first?.before).toMatchObject({ balance: 599 })
    expect(first?.after).toMatchObject({ balance: -5 })
    // A stream is read until every invariant applying to it broke: acc-1 to 600, acc-2 whole (3), acc-3 to 3.
    expect(answer).toMatchObject({ aggregates: 3, events: 600 + 3 + 3, source: 'request', truncated: false })
    // The store reducer exists but the directory is not trusted: states by merge patch, and it says so.
    expect(answer.untrustedReducers).toEqual([expect.stringMatching(/Account\.js$/)])
  })

  it('given no type, when checked, then every aggregate is, the Order too', async () => {
    const { dispatch } = await setup()
    const answer = await ask(dispatch, 'check.run', {
      taskId: 't',
      invariants: [{ expression: plantedInvariant }],
    })
    expect(answer.violations.map((v) => `${v.aggregateId}@${v.version}`)).toEqual([
      'acc-1@600',
      'acc-3@3',
      'ord-1@1',
    ])
  })

  it('given a trusted store reducer, when checked, then states come from it', async () => {
    const { dispatch } = await setup()
    await ask(dispatch, 'store.trust', { trusted: true })
    const answer = await ask(dispatch, 'check.run', {
      taskId: 't',
      invariants: [{ expression: 'state.total >= 0', types: ['Account'] }],
    })
    expect(answer.violations.map((v) => `${v.aggregateId}@${v.version}`)).toEqual(['acc-1@600', 'acc-3@3'])
    expect(answer.violations[0]?.after).toEqual({ total: -5 })
    expect(answer.untrustedReducers).toEqual([])
  })

  it('given the store file of invariants, when run without invariants, then the file is checked', async () => {
    const { dir, dispatch } = await setup()
    const missing = await dispatch('check.run', { taskId: 't' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } })
    await writeFile(
      join(dir, '.eventscope', 'invariants.json'),
      JSON.stringify({
        invariants: [{ name: 'no overdraft', type: 'Account', expression: plantedInvariant }],
      }),
    )
    const answer = await ask(dispatch, 'check.run', { taskId: 't' })
    expect(answer.source).toBe('store')
    expect(answer.invariants).toEqual([
      { name: 'no overdraft', expression: plantedInvariant, types: ['Account'] },
    ])
    expect(answer.violations).toHaveLength(2)
  })

  it('given a malformed invariant, when checked, then it is invalid input naming the column', async () => {
    const { dispatch } = await setup()
    const result = await dispatch('check.run', {
      taskId: 't',
      invariants: [{ expression: 'state.balance >' }],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(result.ok ? '' : result.error.message).toMatch(/column 16/)
  })
})

describe('stream.hits', () => {
  it('given breakpoints, when asked, then each answers the versions where it holds', async () => {
    const { dispatch } = await setup()
    const answer = await ask(dispatch, 'stream.hits', {
      aggregateId: 'acc-1',
      breakpoints: [
        'state.balance < 0',
        'changed(state.balance) and state.balance > 698',
        'oops ==',
        'version % 2',
      ],
    })
    expect(answer.eventCount).toBe(700)
    expect(answer.breakpoints[0]).toMatchObject({ versions: [600], truncated: false, error: null })
    expect(answer.breakpoints[1]?.versions).toEqual([699, 700])
    expect(answer.breakpoints[2]?.error).toMatch(/column/)
    expect(answer.breakpoints[3]?.error).toMatch(/column 9/)
  })

  it('given a transition, when asked, then the one version where it happens is the hit', async () => {
    const { dispatch } = await setup()
    const answer = await ask(dispatch, 'stream.hits', {
      aggregateId: 'ord-1',
      breakpoints: ['from(state.status, "open") to(state.status, "paid")'],
    })
    expect(answer.breakpoints[0]?.versions).toEqual([2])
  })

  it('given watches, when read at a version, then each shows its value there', async () => {
    const { dispatch } = await setup()
    const answer = await ask(dispatch, 'stream.hits', {
      aggregateId: 'acc-1',
      watches: ['state.balance', 'prev.balance', 'event.type', 'state.nothing', '('],
      at: 600,
    })
    expect(answer.at).toBe(600)
    expect(answer.breakpoints).toEqual([])
    expect(answer.watches.map((watch) => watch.value)).toEqual([
      -5,
      599,
      'AccountCredited',
      undefined,
      undefined,
    ])
    expect(answer.watches[4]?.error).toMatch(/column/)
  })

  it('given a trusted store reducer, when hits are asked, then they follow its states', async () => {
    const { dispatch } = await setup()
    await ask(dispatch, 'store.trust', { trusted: true })
    const answer = await ask(dispatch, 'stream.hits', {
      aggregateId: 'acc-3',
      breakpoints: ['state.total < 5'],
      watches: ['state.total'],
      at: 2,
    })
    expect(answer.reducer.reducer.kind).toBe('custom')
    expect(answer.breakpoints[0]?.versions).toEqual([3, 4])
    expect(answer.watches[0]?.value).toBe(5)
  })
})
