// The built CLI against a store written by a transcription of the seed's own Python EventStore.

import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedStyle } from '../../fixtures/damaged-store'
import {
  repoRoot,
  requireBuiltCli,
  runJson,
  type EventsDoc,
  type ListDoc,
  type StateDoc,
} from './run-built-cli'

const python = spawnSync('python3', ['--version']).status === 0
if (!python) console.warn('skipping the Python seed-store CLI tests: python3 is not on PATH')

const script = join(repoRoot, 'test/fixtures/python/seed_store.py')

describe.skipIf(!python)('given a store written by the seed’s Python EventStore', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'eventscope-cli-python-')), 'events')
  let user = ''
  let order = ''
  let account = ''

  beforeAll(() => {
    requireBuiltCli()
    const written = JSON.parse(execFileSync('python3', [script, dir], { encoding: 'utf8' })) as {
      aggregates: string[]
    }
    ;[user = '', order = '', account = ''] = written.aggregates
  })
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }))

  it('when listed, then every aggregate is ok, counted from its stream and agreeing with index.json', async () => {
    const list = await runJson<ListDoc>(['list', dir])
    expect(list.style).toEqual(seedStyle)
    expect(list.index).toBe('ok')
    expect(list.total_events).toBe(8)
    expect(list.indexed_total_events).toBe(8)
    expect(list.problems).toEqual([])
    const rows = Object.fromEntries(list.aggregates.map((row) => [row.id, row]))
    expect(rows[user]).toMatchObject({
      type: 'User',
      event_count: 3,
      indexed_count: 3,
      status: 'ok',
      issues: [],
    })
    expect(rows[order]).toMatchObject({ type: 'Order', event_count: 2, indexed_count: 2, status: 'ok' })
    expect(rows[account]).toMatchObject({ type: 'Account', event_count: 3, indexed_count: 3, status: 'ok' })
  }, 30_000)

  it('when events are read --from 1, then they are exactly what load_events(from_version=1) returns', async () => {
    const doc = await runJson<EventsDoc>(['events', dir, user, '--from', '1'])
    const loaded = JSON.parse(
      execFileSync('python3', [script, dir, '--read', user, '--from', '1'], { encoding: 'utf8' }),
    ) as {
      event_id: string
      event_type: string
      occurred_at: string
    }[]
    expect(doc.events.map((e) => e.version)).toEqual([2, 3])
    expect(doc.events.map((e) => [e.id, e.type, e.occurredAt])).toEqual(
      loaded.map((e) => [e.event_id, e.event_type, e.occurred_at]),
    )
  }, 30_000)

  it('when the user’s state is rebuilt, then escaped unicode is decoded and the null field is absent', async () => {
    const doc = await runJson<StateDoc>(['state', dir, user])
    expect(doc).toEqual({
      aggregateId: user,
      version: 3,
      eventCount: 3,
      state: { username: 'zoe', email: 'zoe@example.org', role: 'admin', display_name: 'Zoë Ångström' },
    })
  }, 30_000)

  it('when the account’s state is rebuilt at each version, then the balance follows the events', async () => {
    const balances = []
    for (const at of [1, 2, 3])
      balances.push(
        ((await runJson<StateDoc>(['state', dir, account, '--at', String(at)])).state as { balance: number })
          .balance,
      )
    expect(balances).toEqual([0, 25.5, 30])
  }, 30_000)

  it('when the order’s events are read, then nested customer data with CJK text survives', async () => {
    const doc = await runJson<EventsDoc>(['events', dir, order])
    expect(doc.events[0]?.payload).toMatchObject({
      customer: { name: '李雷', address: { city: 'Zürich', country: 'CH' } },
    })
  }, 30_000)
})
