// eventscope append and the seed's EventStore take turns on one store, and each reads what the other
// wrote: with the seed's Python transcription when python3 is here, with its TypeScript twin always.

import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedAppend, seedIndexCounts, seedInit, seedLoad } from '../../fixtures/seed-store'
import { useTempDirs } from '../../support/temp-dir'
import { repoRoot, requireBuiltCli, runCli, runJson, type ListDoc } from './run-built-cli'

const python = spawnSync('python3', ['--version']).status === 0
if (!python)
  console.warn('skipping the Python round trip: python3 is not on PATH (the TypeScript one still runs)')

const fixtures = join(repoRoot, 'test/fixtures/python')
const script = join(fixtures, 'seed_store.py')
const tempDir = useTempDirs('eventscope-round-trip-')
beforeAll(() => requireBuiltCli())

interface Seed {
  /** Write the seed's sample (3 aggregates, 8 events); returns the ids. */
  sample(dir: string): string[]
  /** append_event of one event to an existing or new aggregate. */
  append(dir: string, aggregateId: string, type: string, fields: Record<string, string>): void
  /** load_events: json.loads per line. */
  load(dir: string, aggregateId: string): Record<string, unknown>[]
}

const pythonSeed: Seed = {
  sample: (dir) =>
    (JSON.parse(execFileSync('python3', [script, dir], { encoding: 'utf8' })) as { aggregates: string[] })
      .aggregates,
  append: (dir, aggregateId, type, fields) => {
    const program = [
      'import sys, json',
      `sys.path.insert(0, ${JSON.stringify(fixtures)})`,
      'import seed_store',
      `cls = type(${JSON.stringify(type)}, (seed_store.DomainEvent,), {})`,
      `event = cls(**json.loads(${JSON.stringify(JSON.stringify(fields))}))`,
      `event.aggregate_id = ${JSON.stringify(aggregateId)}`,
      `seed_store.EventStore(storage_dir=${JSON.stringify(dir)}).append_event(event)`,
    ].join('\n')
    execFileSync('python3', ['-c', program])
  },
  load: (dir, aggregateId) =>
    JSON.parse(execFileSync('python3', [script, dir, '--read', aggregateId], { encoding: 'utf8' })) as Record<
      string,
      unknown
    >[],
}

const typescriptSeed: Seed = {
  sample: (dir) => {
    seedInit(dir)
    const ids = ['user-1', 'order-1', 'account-1']
    const script: [number, string, Record<string, string>][] = [
      [0, 'UserRegisteredEvent', { username: 'zoe', display_name: 'Zoë Ångström' }],
      [1, 'OrderPlacedEvent', { customer: '李雷' }],
      [0, 'UserEmailChangedEvent', { email: 'zoe@example.org' }],
      [2, 'AccountOpenedEvent', { owner: 'Ada' }],
      [2, 'MoneyDepositedEvent', { amount: '25.5' }],
      [0, 'UserRoleChangedEvent', { role: 'admin' }],
      [1, 'OrderShippedEvent', { carrier: 'DHL' }],
      [2, 'MoneyDepositedEvent', { amount: '4.5' }],
    ]
    for (const [which, type, fields] of script) seedAppend(dir, ids[which] as string, type, fields)
    return ids
  },
  append: (dir, aggregateId, type, fields) => void seedAppend(dir, aggregateId, type, fields),
  load: (dir, aggregateId) => seedLoad(dir, aggregateId),
}

/** What a reader of index.json sees: index["aggregates"][id]["event_count"] and total_events. */
const indexCounts = (dir: string) => seedIndexCounts(dir)

describe.each([
  { name: 'Python', seed: pythonSeed, skip: !python },
  { name: 'TypeScript', seed: typescriptSeed, skip: false },
])('given a store written by the seed’s EventStore ($name)', ({ seed, skip }) => {
  it.skipIf(skip)(
    'when eventscope and the seed append in turns, then each reads the other’s events and the index counts them all',
    async () => {
      const dir = join(await tempDir(), 'events')
      const [user = '', order = '', account = ''] = seed.sample(dir)

      // eventscope appends to an aggregate the seed wrote, and starts a new one.
      const renamed = await runJson<{ version: number; duplicate: boolean; event: Record<string, unknown> }>([
        'append',
        dir,
        user,
        'UserRenamedEvent',
        '--data',
        '{"display_name": "Zoë Å. Lovelace", "tags": ["ü", 1]}',
        '--expected-version',
        '3',
      ])
      expect(renamed).toMatchObject({ version: 4, duplicate: false })
      const opened = await runCli(['append', dir, 'audit-1', 'AuditStartedEvent', '--data', '{"by": "ops"}'])
      expect(opened).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(
          /^appended AuditStartedEvent to audit-1 as version 1 \(event id [0-9a-f-]{36}\)\n$/,
        ),
      })

      // The seed reads them back as its own (json.loads per line) and its index counts them.
      const userEvents = seed.load(dir, user)
      expect(userEvents).toHaveLength(4)
      expect(userEvents[3]).toMatchObject({
        event_type: 'UserRenamedEvent',
        aggregate_id: user,
        display_name: 'Zoë Å. Lovelace',
        tags: ['ü', 1],
        event_id: renamed.event.event_id,
        occurred_at: renamed.event.occurred_at,
      })
      expect(seed.load(dir, 'audit-1')).toMatchObject([{ event_type: 'AuditStartedEvent', by: 'ops' }])
      expect(indexCounts(dir)).toEqual({
        counts: { [user]: 4, [order]: 2, [account]: 3, 'audit-1': 1 },
        total: 10,
      })

      // The seed appends after eventscope, to both kinds of aggregate; eventscope sees the new versions.
      seed.append(dir, user, 'UserEmailChangedEvent', { email: 'ada@example.org' })
      seed.append(dir, 'audit-1', 'AuditClosedEvent', { by: 'ops' })
      expect(seed.load(dir, user)).toHaveLength(5)
      const next = await runJson<{ version: number }>([
        'append',
        dir,
        user,
        'UserRoleChangedEvent',
        '--data',
        '{"role": "owner"}',
        '--expected-version',
        '5',
      ])
      expect(next.version).toBe(6)
      expect(seed.load(dir, user).map((event) => event.event_type)).toEqual([
        'UserRegisteredEvent',
        'UserEmailChangedEvent',
        'UserRoleChangedEvent',
        'UserRenamedEvent',
        'UserEmailChangedEvent',
        'UserRoleChangedEvent',
      ])
      expect(indexCounts(dir)).toEqual({
        counts: { [user]: 6, [order]: 2, [account]: 3, 'audit-1': 2 },
        total: 13,
      })

      const list = await runJson<ListDoc>(['list', dir])
      expect(list).toMatchObject({ index: 'ok', total_events: 13, indexed_total_events: 13, problems: [] })
      for (const row of list.aggregates) expect(row).toMatchObject({ status: 'ok', issues: [] })
    },
    60_000,
  )
})
