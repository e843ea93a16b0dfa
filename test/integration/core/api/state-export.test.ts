// "Export state" saves the state the State pane shows: under the aggregate's custom reducer when the
// store is trusted, the merge patch otherwise.

import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { TrustedDirectories } from '../../../../electron/core/settings/trusted-directories'
import { testDispatch } from '../../../support/test-dispatch'
import { accountEvents, bankReducer, writeCode, writeStore } from '../insight-fixtures'

const sessions: ExplorerSession[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.close()
})

async function exportedState(trusted: boolean): Promise<{ state: unknown; fromStateAt: unknown }> {
  const dir = await writeStore({ acc: accountEvents([50, 20, -30]) })
  await writeCode(dir, 'reducers', 'Account', bankReducer)
  const scratch = await mkdtemp(join(tmpdir(), 'eventscope-state-export-'))
  const out = join(scratch, 'acc.state.json')
  const session = new ExplorerSession()
  sessions.push(session)
  await session.open(dir)
  const dispatch = testDispatch(session, {
    exportTarget: async () => out,
    trustedDirectories: new TrustedDirectories(join(scratch, 'trusted.json')),
  })
  if (trusted) expect(await dispatch('store.trust', { trusted: true })).toMatchObject({ ok: true })
  const shown = await dispatch('state.at', { aggregateId: 'acc', version: 4 })
  const saved = await dispatch('export.run', {
    taskId: 'e1',
    format: 'state',
    aggregateIds: ['acc'],
    version: 4,
  })
  expect(saved).toMatchObject({ ok: true, value: { status: 'saved' } })
  const document = JSON.parse(await readFile(out, 'utf8')) as { version: number; state: unknown }
  // Named as the events exports name the envelope: snake_case.
  expect(Object.keys(document)).toEqual(['aggregate_id', 'version', 'state'])
  expect(document.version).toBe(4)
  return { state: document.state, fromStateAt: shown.ok ? (shown.value as { state: unknown }).state : shown }
}

describe('a state export', () => {
  it('given a trusted store with a reducer, when the state is exported, then the file holds the reducer’s state, as state.at shows it', async () => {
    const { state, fromStateAt } = await exportedState(true)
    expect(state).toEqual({ balance: 40, deposits: 2 })
    expect(state).toEqual(fromStateAt)
  })

  it('given the same store untrusted, when the state is exported, then the file holds the merge patch, as state.at shows it', async () => {
    const { state, fromStateAt } = await exportedState(false)
    expect(state).toEqual({ owner: 'Ann', amount: 30 })
    expect(state).toEqual(fromStateAt)
  })
})
