// `eventscope project` through the built CLI: a custom projection in the sandbox and the built-ins.

import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { writeBankStore, writeModule } from './bank-store'
import { oneLineError, requireBuiltCli, runCli, runJson } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-project-')
beforeAll(() => requireBuiltCli())

/** Balance per account, over every aggregate in time order. */
const balances = `export function initialState() {
  return {}
}
export const handlers = {
  MoneyDeposited: (state, event) => ({ ...state, [event.aggregateId]: (state[event.aggregateId] ?? 0) + event.payload.amount }),
  MoneyWithdrawn: (state, event) => ({ ...state, [event.aggregateId]: (state[event.aggregateId] ?? 0) - event.payload.amount }),
}
`

/** One row per withdrawal: a table. */
const withdrawals = `export function initialState() {
  return []
}
export const handlers = {
  MoneyWithdrawn: (rows, event) => [...rows, { account: event.aggregateId, version: event.version, amount: event.payload.amount }],
}
`

const failing = `export function initialState() {
  return 0
}
export const handlers = {
  MoneyWithdrawn: (count, event) => {
    if (event.payload.amount > 300) throw new Error('suspicious withdrawal')
    return count + 1
  },
}
`

async function bank(): Promise<{ root: string; dir: string }> {
  const root = await tempDir()
  return { root, dir: writeBankStore(join(root, 'store')) }
}

describe('given a bank store and a custom projection', () => {
  it('when run with --json, then the result is the balance of every account and no failure', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'balances.js', balances)

    const doc = await runJson(['project', dir, file])

    expect(doc).toEqual({ result: { 'acc-1': -55, 'acc-2': 380 }, failure: null, events: 8 })
  })

  it('when its result is an object, then it is printed as indented JSON', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'balances.js', balances)

    const run = await runCli(['project', dir, file])

    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(run.stdout)).toEqual({ 'acc-1': -55, 'acc-2': 380 })
  })

  it('when its result is a list of objects, then it is printed as an aligned table', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'withdrawals.js', withdrawals)

    const run = await runCli(['project', dir, file])

    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe(
      [
        'account  version  amount',
        'acc-1          4      30',
        'acc-1          6     400',
        'acc-2          3     120',
        '',
      ].join('\n'),
    )
  })

  it('when the projection throws, then one line names the event and the place, exit 1', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'failing.js', failing)

    const run = await runCli(['project', dir, file, '--json'])

    expect(run.code).toBe(1)
    const lines = run.stderr.split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    // With --json the one line is JSON: {"error": {"code", "message"}}.
    const { error } = JSON.parse(lines[0] as string) as { error: { code: string; message: string } }
    expect(error.code).toBe('projection_failed')
    expect(error.message).toMatch(
      /^projection failed at acc-1 version 6 \(MoneyWithdrawn\): suspicious withdrawal \(failing\.js:6:\d+\)$/,
    )
    expect(JSON.parse(run.stdout)).toMatchObject({
      result: null,
      failure: { kind: 'threw', aggregateId: 'acc-1', version: 6, eventType: 'MoneyWithdrawn' },
    })
  })

  it('when the module reaches for a Node built-in, then it is refused', async () => {
    const { root, dir } = await bank()
    const file = writeModule(
      root,
      'escape.js',
      "import fs from 'fs'\nexport const initialState = () => 0\nexport const handlers = {}\n",
    )

    const run = await runCli(['project', dir, file])

    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^eventscope: .*escape\.js cannot be used: .*'fs'/)
  })
})

describe('given the built-in projections', () => {
  it('when events-per-type runs, then the counts come as a table, most frequent first', async () => {
    const { dir } = await bank()

    const run = await runCli(['project', dir, '--builtin', 'events-per-type'])

    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe(
      [
        'eventType       events',
        'MoneyDeposited       5',
        'MoneyWithdrawn       3',
        'AccountOpened        2',
        '',
      ].join('\n'),
    )
  })

  it('when aggregates-by-last-activity runs with --json, then each aggregate has its last time', async () => {
    const { dir } = await bank()

    const doc = await runJson<{ result: { aggregateId: string; events: number }[] }>([
      'project',
      dir,
      '--builtin',
      'aggregates-by-last-activity',
    ])

    expect(doc.result.map((row) => [row.aggregateId, row.events])).toEqual([
      ['acc-2', 3],
      ['acc-1', 7],
    ])
  })

  it.each([
    [[], /^eventscope: project needs FILE or --builtin NAME \(events-per-type, /],
    [['--builtin', 'nope'], /^eventscope: --builtin must be one of .*, got "nope"$/],
    [['x.js', '--builtin', 'events-per-type'], /not both/],
  ])('when run with %j, then it is a usage error', async (args, line) => {
    const { dir } = await bank()

    const run = await runCli(['project', dir, ...args])

    expect(run.code).toBe(2)
    expect(oneLineError(run)).toMatch(line)
  })
})
