// `eventscope search` through the built CLI: by type, by expression, by text, and a malformed expression.

import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { writeBankStore } from './bank-store'
import { oneLineError, requireBuiltCli, runCli, runJson } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-search-')
beforeAll(() => requireBuiltCli())

interface SearchDoc {
  matches: {
    aggregateId: string
    version: number
    type: string
    occurredAt: string
    payload: Record<string, unknown>
  }[]
  scanned: number
  truncated: boolean
}

async function bank(): Promise<string> {
  return writeBankStore(join(await tempDir(), 'store'))
}

const found = (doc: SearchDoc) => doc.matches.map((match) => `${match.aggregateId}@${match.version}`)

describe('given a bank store', () => {
  it('when searched by type, then every event of it matches, in aggregate and version order', async () => {
    const dir = await bank()

    const doc = await runJson<SearchDoc>(['search', dir, '--type', 'MoneyWithdrawn'])

    expect(found(doc)).toEqual(['acc-1@4', 'acc-1@6', 'acc-2@3'])
    expect(doc.matches[0]).toEqual({
      aggregateId: 'acc-1',
      version: 4,
      type: 'MoneyWithdrawn',
      occurredAt: '2026-03-01T09:03:00.000Z',
      payload: { amount: 30 },
    })
    expect(doc.scanned).toBeGreaterThan(0)
  })

  it("when searched with --where 'payload.amount > 100', then only the big amounts match", async () => {
    const dir = await bank()

    const doc = await runJson<SearchDoc>(['search', dir, '--where', 'payload.amount > 100'])

    expect(found(doc)).toEqual(['acc-1@3', 'acc-1@6', 'acc-2@2', 'acc-2@3'])
  })

  it('when searched by text, then the match ignores case', async () => {
    const dir = await bank()

    const doc = await runJson<SearchDoc>(['search', dir, '--text', 'SVENSSON'])

    expect(found(doc)).toEqual(['acc-2@1'])
  })

  it('when filters are combined, then an event must pass them all', async () => {
    const dir = await bank()

    const doc = await runJson<SearchDoc>([
      'search',
      dir,
      '--type',
      'MoneyDeposited',
      '--aggregate',
      'acc-1',
      '--since',
      '2026-03-01T09:02:00Z',
      '--where',
      'payload.amount < 100',
    ])

    expect(found(doc)).toEqual(['acc-1@5', 'acc-1@7'])
  })

  it('when printed as text, then there is one line per match', async () => {
    const dir = await bank()

    const run = await runCli(['search', dir, '--type', 'MoneyWithdrawn'])

    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'acc-1  v4  2026-03-01T09:03:00.000Z  MoneyWithdrawn  {"amount":30}',
      'acc-1  v6  2026-03-01T09:05:00.000Z  MoneyWithdrawn  {"amount":400}',
      'acc-2  v3  2026-03-01T09:09:00.000Z  MoneyWithdrawn  {"amount":120}',
    ])
  })

  it('when --limit is reached, then the search stops there', async () => {
    const dir = await bank()

    const doc = await runJson<SearchDoc>(['search', dir, '--type', 'MoneyWithdrawn', '--limit', '1'])

    expect(found(doc)).toEqual(['acc-1@4'])
    expect(doc.truncated).toBe(true)
  })

  it.each([
    ['payload.amount >', 17],
    ['payload.amount = 100', 16],
    ['(payload.amount > 1', 20],
  ])('when --where %j is malformed, then it exits 2 naming column %i', async (where, column) => {
    const dir = await bank()

    const run = await runCli(['search', dir, '--where', where])

    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(oneLineError(run)).toMatch(new RegExp(`^eventscope: --where: .* at column ${column}$`))
  })
})
