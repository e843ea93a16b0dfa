// `eventscope check` through the built CLI, on stores with violations planted at known versions: the
// first violating version is exact (past a checkpoint boundary too, and where the invariant holds again
// later), the exit code gates CI, the store's invariants file and reducers are honoured, nothing is written.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprintDir, jsonLines, writeStream } from '../../support/store-files'
import { planted, plantedInvariant, writePlantedStore } from '../../support/planted-store'
import { useTempDirs } from '../../support/temp-dir'
import { oneLineError, requireBuiltCli, runCli } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-check-')
beforeAll(() => requireBuiltCli())

interface CheckDoc {
  invariants: { name: string; expression: string; types: string[] }[]
  aggregates: number
  events: number
  violations: {
    invariant: number
    name: string
    aggregateId: string
    aggregateType: string | null
    version: number
    event: { id: string; type: string; version: number; payload: Record<string, unknown> }
    before: Record<string, unknown>
    after: Record<string, unknown>
  }[]
  failures: { aggregateId: string; failure: { version: number; message: string } }[]
  untrustedReducers: string[]
}

async function store(): Promise<string> {
  const dir = await tempDir()
  await writePlantedStore(dir)
  return dir
}

const where = (doc: CheckDoc) => doc.violations.map((v) => `${v.aggregateId}@${v.version}`)

describe('eventscope check', () => {
  it('given planted violations, when checked, then each violator answers its first violating version and the exit is 1', async () => {
    const dir = await store()
    const before = await fingerprintDir(dir)
    const run = await runCli(['check', dir, '--invariant', plantedInvariant, '--type', 'Account', '--json'])
    expect(run.code).toBe(1)
    const doc = JSON.parse(run.stdout) as CheckDoc
    expect(where(doc)).toEqual(Object.entries(planted).map(([id, version]) => `${id}@${version}`))
    expect(doc.violations[0]).toMatchObject({
      aggregateType: 'Account',
      event: { id: 'acc-1-600', type: 'AccountCredited', version: 600 },
      before: { balance: 599 },
      after: { balance: -5 },
    })
    expect(doc.aggregates).toBe(3)
    // The untrusted store reducer is named once on stderr; states came from the merge patch.
    expect(run.stderr).toMatch(/Account\.js was not run .*--trust/)
    expect(await fingerprintDir(dir)).toEqual(before)
  })

  it('given planted violations, when checked as text, then each block names the event, what changed and the states', async () => {
    const dir = await store()
    const run = await runCli(['check', dir, '--invariant', plantedInvariant, '--type', 'Account'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`acc-1 (Account) breaks "${plantedInvariant}" at version 600`)
    expect(run.stdout).toContain('balance: 599 -> -5')
    expect(run.stdout).toContain('before (v599): {"amount":1,"balance":599}')
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      'checked 3 aggregates, 606 versions: 2 violations of 1 invariant in 2 aggregates',
    )
  })

  it('given an invariant that holds, when checked, then the exit is 0', async () => {
    const dir = await store()
    const run = await runCli(['check', dir, '--invariant', 'state.balance < 1000', '--type', 'Account'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('the invariant holds')
  })

  it('given --trust, when checked, then the store reducer rebuilds the states', async () => {
    const dir = await store()
    const run = await runCli([
      'check',
      dir,
      '--invariant',
      'state.total >= 0',
      '--trust',
      '--type',
      'Account',
      '--json',
    ])
    const doc = JSON.parse(run.stdout) as CheckDoc
    expect(run.code).toBe(1)
    expect(where(doc)).toEqual(['acc-1@600', 'acc-3@3'])
    expect(doc.violations[1]?.after).toEqual({ total: -1 })
    expect(doc.untrustedReducers).toEqual([])
  })

  it('given a reducer that throws at version 5, when checked, then the failure is reported and the exit is 1', async () => {
    const dir = await store()
    await writeFile(
      join(dir, '.eventscope', 'reducers', 'Account.js'),
      'export function initialState() { return {} }\nexport function evolve(s, e) { if (e.version === 5) throw new Error("boom"); return s }\n',
    )
    const run = await runCli(['check', dir, '--invariant', 'true', '--trust', '--type', 'Account', '--json'])
    const doc = JSON.parse(run.stdout) as CheckDoc
    expect(run.code).toBe(1)
    expect(doc.violations).toEqual([])
    expect(doc.failures).toEqual([
      expect.objectContaining({ aggregateId: 'acc-1', failure: expect.objectContaining({ version: 5 }) }),
    ])
  })

  it('given the store file of invariants, when checked without --invariant, then its invariants are', async () => {
    const dir = await store()
    await writeFile(
      join(dir, '.eventscope', 'invariants.json'),
      JSON.stringify({
        invariants: [
          { name: 'no overdraft', type: 'Account', expression: plantedInvariant },
          {
            name: 'orders move forward',
            type: 'Order',
            expression: 'not from(state.status, "paid") to(state.status, "open")',
          },
        ],
      }),
    )
    const run = await runCli(['check', dir, '--json'])
    const doc = JSON.parse(run.stdout) as CheckDoc
    expect(run.code).toBe(1)
    expect(doc.invariants.map((invariant) => invariant.name)).toEqual(['no overdraft', 'orders move forward'])
    expect(doc.violations.map((v) => v.name)).toEqual(['no overdraft', 'no overdraft'])
    expect((await runCli(['check', dir, '--type', 'Order'])).code).toBe(0)
  })

  it('given an invariants file that is not one, when checked, then one line says what is wrong with it', async () => {
    const dir = await store()
    await writeFile(join(dir, '.eventscope', 'invariants.json'), '{"invariants": [{"name": "x"}]}')
    const run = await runCli(['check', dir])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toMatch(/invariants\[0\] needs an "expression" text/)
  })

  it('given a malformed expression or none at all, when checked, then it is a usage error naming the column', async () => {
    const dir = await store()
    const malformed = await runCli(['check', dir, '--invariant', 'state.balance >'])
    expect(malformed.code).toBe(2)
    expect(oneLineError(malformed)).toBe('eventscope: --invariant: Expected a value at column 16')
    const none = await runCli(['check', dir])
    expect(none.code).toBe(2)
    expect(oneLineError(none)).toMatch(
      /no invariant to check: give --invariant EXPR, or write .*invariants\.json/,
    )
  })

  it('given integers beyond 2^53, when compared in an invariant, then every digit counts', async () => {
    const dir = await tempDir()
    await mkdir(dir, { recursive: true })
    await writeStream(
      dir,
      'big-1',
      '{"event_type": "BigSet", "n": 9007199254740993}\n{"event_type": "BigSet", "n": 9007199254740992}\n',
    )
    const run = await runCli(['check', dir, '--invariant', 'state.n == 9007199254740993', '--json'])
    const doc = JSON.parse(run.stdout) as CheckDoc
    expect(where(doc)).toEqual(['big-1@2'])
    expect(run.stdout).toContain('"n": 9007199254740993')
  })

  it('given a violation only in the last event of a long stream, when checked, then it is found there', async () => {
    const dir = await tempDir()
    const events = Array.from({ length: 3000 }, (_, at) => ({
      event_type: 'GaugeSet',
      level: at === 2999 ? 101 : at % 100,
    }))
    await writeStream(dir, 'gauge-1', jsonLines(events))
    const doc = JSON.parse(
      (await runCli(['check', dir, '--invariant', 'state.level <= 100', '--json'])).stdout,
    ) as CheckDoc
    expect(where(doc)).toEqual(['gauge-1@3000'])
  })

  it('given damaged lines before a violation, when checked, then versions count valid events as everywhere else', async () => {
    const dir = await tempDir()
    await writeStream(
      dir,
      'acc-9',
      '{"event_type": "AccountOpened", "balance": 5}\n{"event_type": "Broken", oops\n\n{"event_type": "AccountDebited", "balance": -2}\n',
    )
    const run = await runCli(['check', dir, '--invariant', 'state.balance >= 0', '--json'])
    expect(where(JSON.parse(run.stdout) as CheckDoc)).toEqual(['acc-9@2'])
  })

  it('given help where, when asked, then the language reference is printed', async () => {
    const run = await runCli(['help', 'where'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Expressions \(search --where, check --invariant/)
  })
})
